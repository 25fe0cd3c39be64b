import LTCOperations
import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCProviders
import LTCReports
import LTCStorage
import Synchronization

/// The options every command on stored data takes: where the database is,
/// who is acting, and on what date; and the services over that database.
struct CaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The database: an SQLite file, or postgresql://USER@HOST:PORT/DBNAME; else $LTC_DB, else ./ltc.sqlite (created by the first command that stores).", valueName: "path|uri"))
    var db: String?

    @Option(help: ArgumentHelp("Who is acting: administrator:ID, auditor:ID, assessor:ID or institution:ID.", valueName: "role:id"))
    var actor: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date of the operation (YYYY-MM-DD; administrators only); default today in the scheme's time zone.", valueName: "date"))
    var asOf: String?

    @OptionGroup var forms: FormOptions

    @Flag(help: "Print JSON instead of text.") var json = false

    static func databasePath(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["LTC_DB"] ?? "ltc.sqlite"
    }

    /// The database, opened (and migrated) once per process.
    func store() throws -> any DatabaseStore {
        try OpenStores.store(path: Self.databasePath(db))
    }

    func registry() throws -> RegistryService { RegistryService(store: try store(), clock: SystemClock(), ties: EnrolmentTies()) }
    func cases() throws -> CaseService {
        CaseService(store: try store(), forms: try forms.catalog(), clock: SystemClock(), afterEnd: ServicesAfterEnd(clock: SystemClock()),
                    ties: EnrolmentTies(), vault: StoreLocation(Self.databasePath(db)).evidenceVault)
    }
    func agreements() throws -> AgreementService { AgreementService(store: try store(), clock: SystemClock()) }
    func plans() throws -> CarePlanService { CarePlanService(store: try store(), clock: SystemClock(), forms: try forms.catalog()) }
    func intake() throws -> IntakeService { IntakeService(store: try store(), clock: SystemClock()) }
    func settlement() throws -> SettlementService { SettlementService(store: try store(), clock: SystemClock()) }
    func supervision() throws -> SupervisionService { SupervisionService(store: try store(), clock: SystemClock()) }
    func reports() throws -> FundReportService { FundReportService(store: try store()) }

    /// The `--actor`, who must be registered: staff, an assessor, an institution.
    func actingAs() throws -> Actor {
        try Self.registered(actor, in: try store())
    }

    /// The actor `text` names, once the database says it is registered.
    static func registered(_ text: String, in store: any CaseStore & ProviderStore) throws -> Actor {
        let actor = try Actor(text)
        try ActorRegistration(store: store, clock: SystemClock()).require(actor)
        return actor
    }

    /// `--as-of`, if given: only an administrator may set the date.
    func date() throws -> CalendarDate? {
        guard let asOf else { return nil }
        try Access.require(try Actor(actor), .setClock)
        return try parseDate(asOf, "--as-of")
    }

    /// `--as-of`, else today in the zone of the loaded schemes (the machine's if they differ).
    func day() throws -> CalendarDate {
        try registry().day(try date())
    }
}

/// The stores this process has opened, by location: a command opens its database once.
enum OpenStores {
    private static let open = Mutex<[String: any DatabaseStore]>([:])

    /// Set while a command that only reads runs: a database is opened, never created.
    @TaskLocal static var existingOnly = false

    static func store(path: String) throws -> any DatabaseStore {
        if let store = open.withLock({ $0[path] }) { return store }
        if existingOnly, case .sqlite(let file) = StoreLocation(path), !file.isEmpty, file != ":memory:", !FileManager.default.fileExists(atPath: file) {
            throw InputError(source: "--db", message: "there is no database at \(file) (a command that only reads does not create one)")
        }
        // A file this process may not write (an archived copy) is read; a change to it is refused, saying why.
        let store = try StoreLocation(path).openForUse()
        open.withLock { $0[path] = store }
        return store
    }

    /// Lets go of every store opened. The last connection to a database
    /// folds its write-ahead log back into the file and removes it; a log
    /// left behind would be read whole by the next process that opens the
    /// database (hundreds of megabytes after a month's bulk submission).
    /// Says on standard error how many writes a store ran again after
    /// conflicts with other writers, if any did (only PostgreSQL's do).
    static func closeAll() {
        let stores = open.withLock { stores in
            defer { stores.removeAll() }
            return stores
        }
        for (path, store) in stores where store.retries > 0 {
            FileHandle.standardError.write(Data("note: \(store.retries) write\(store.retries == 1 ? "" : "s") ran again after conflicting with other writers on \(StoreLocation(path))\n".utf8))
        }
    }
}

/// `--limit` and `--after` of the listing commands.
struct PageOptions: ParsableArguments {
    @Option(help: ArgumentHelp("At most this many (1–10000).", valueName: "n")) var limit: Int = PageRequest<Int>.defaultLimit
    @Option(help: ArgumentHelp("Only those after this id: the one the last page printed as next.", valueName: "id")) var after: String?

    func request() throws -> PageRequest<Int> {
        let cursor = try after.map { text throws(InputError) -> Int in
            guard let id = Int(text) else { throw InputError(source: "--after", message: "'\(text)' is not an id number") }
            return id
        }
        return try PageRequest(after: cursor, limit: limit)
    }

    func request() throws -> PageRequest<String> {
        try PageRequest(after: after, limit: limit)
    }

    /// The line that tells how to read the next page, if there is one.
    static func footer<Cursor>(_ next: Cursor?) -> String? {
        next.map { "(more: --after \($0))" }
    }
}

func parseDate(_ text: String, _ option: String) throws(CaseError) -> CalendarDate {
    guard let date = CalendarDate(text) else {
        throw CaseError(.invalidInput, "\(option) '\(text)' is not a date; use YYYY-MM-DD")
    }
    return date
}

func parseMonth(_ text: String, _ option: String) throws(CaseError) -> YearMonth {
    guard let month = YearMonth(text) else { throw CaseError(.invalidInput, "\(option) '\(text)' is not a month; use YYYY-MM") }
    return month
}
