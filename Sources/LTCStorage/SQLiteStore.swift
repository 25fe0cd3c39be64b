import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import Foundation
import Synchronization

/// The scheme's store in one SQLite file: every repository of the case
/// lifecycle and of designated institutions, on the system `libsqlite3`.
///
/// ```swift
/// let store = try SQLiteStore(path: "ltc.sqlite")     // created and migrated on first use
/// let cases = CaseService(store: store, forms: catalog, clock: SystemClock())
/// let intake = IntakeService(store: store, clock: SystemClock())
/// ```
///
/// One store holds one connection; its transactions run one at a time (a
/// lock serialises them), so a store may be shared by threads, which then
/// wait for each other; give busy threads a store each. A transaction begun
/// inside another on the same thread is refused by SQLite, not deadlocked. Several processes
/// may share the file: a write takes the file's lock when it begins and
/// others wait for it (up to ``SQLiteDatabase/busyTimeoutMilliseconds``);
/// readers see the last committed state without waiting (WAL).
public final class SQLiteStore: CaseStore, ProviderStore {
    private let connection: Serialized<SQLiteDatabase>
    /// Decoded schemes by id: a stored scheme never changes.
    let schemeCache = SchemeCache()
    public let path: String

    public init(path: String) throws {
        let database = try SQLiteDatabase(path: path)
        try database.migrate(SQLiteSchema.migrations)
        self.path = path
        connection = Serialized(database)
    }

    public func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            do {
                return try database.transaction { try body(SQLiteTransaction(database: database, schemes: schemeCache)) }
            } catch {
                // A scheme read back inside a transaction that did not commit may not exist.
                schemeCache.clear()
                throw error
            }
        }
    }

    public func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            try database.readTransaction { try body(SQLiteTransaction(database: database, schemes: schemeCache)) }
        }
    }

    public func write<T>(_ body: (any CaseTransaction) throws -> T) throws -> T {
        try write { (tx: any ProviderTransaction) in try body(tx) }
    }

    public func read<T>(_ body: (any CaseTransaction) throws -> T) throws -> T {
        try read { (tx: any ProviderTransaction) in try body(tx) }
    }

    /// Rows returned by queries on this store's connection so far: what requests read.
    public var rowsRead: Int {
        connection.withLock { $0.rowsRead }
    }

    /// Steps of SQLite's virtual machine on this store's connection so far: the work requests did.
    public var steps: Int {
        connection.withLock { $0.steps }
    }

    /// Gives the connection a page cache of `kibibytes` for bulk work (16 MiB by default).
    public func setCacheSize(kibibytes: Int) throws {
        try connection.withLock { try $0.setCacheSize(kibibytes: kibibytes) }
    }
}

/// A value that one thread at a time may use: every use holds its lock.
final class Serialized<Value>: @unchecked Sendable {
    // `value` is only reached through `withLock`, which holds `lock`.
    private let lock = NSRecursiveLock()
    private let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(value)
    }
}

/// Decoded schemes shared by a store's transactions.
final class SchemeCache: Sendable {
    private let schemes = Mutex<[String: Scheme]>([:])

    func scheme(_ id: String) -> Scheme? { schemes.withLock { $0[id] } }
    func keep(_ scheme: Scheme) { schemes.withLock { $0[scheme.id] = scheme } }
    func clear() { schemes.withLock { $0.removeAll() } }
}

/// One transaction's repositories, on the store's connection.
struct SQLiteTransaction: ProviderTransaction {
    let database: SQLiteDatabase
    let schemeCache: SchemeCache

    init(database: SQLiteDatabase, schemes: SchemeCache) {
        self.database = database
        schemeCache = schemes
    }

    var schemes: any SchemeRepository { SQLiteSchemes(database: database, cache: schemeCache) }
    var people: any PersonRepository { SQLitePeople(database: database) }
    var assessors: any AssessorRepository { SQLiteAssessors(database: database) }
    var cases: any CaseRepository { SQLiteCases(database: database) }
    var assessments: any AssessmentRepository { SQLiteAssessments(database: database) }
    var audit: any AuditTrail { SQLiteAuditTrail(database: database) }
    var institutions: any InstitutionRepository { SQLiteInstitutions(database: database) }
    var agreements: any AgreementRepository { SQLiteAgreements(database: database) }
    var caregivers: any CaregiverRepository { SQLiteCaregivers(database: database) }
    var enrolments: any EnrolmentRepository { SQLiteEnrolments(database: database) }
    var logs: any ServiceLogRepository { SQLiteServiceLogs(database: database) }
    var usage: any UsageLedger { SQLiteUsageLedger(database: database) }
    var settlements: any SettlementRepository { SQLiteSettlements(database: database) }
    var supervision: any SupervisionRepository { SQLiteSupervision(database: database) }
}
