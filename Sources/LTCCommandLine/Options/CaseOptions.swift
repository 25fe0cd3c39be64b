import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCProviders
import LTCStorage

/// The options every command on stored data takes: where the database is,
/// who is acting, and on what date.
struct CaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The database file; else $LTC_DB, else ./ltc.sqlite (created on first use).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Who is acting: administrator:ID, assessor:ID or institution:ID.", valueName: "role:id"))
    var actor: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date of the operation (YYYY-MM-DD); default today in the scheme's time zone.", valueName: "date"))
    var asOf: String?

    @OptionGroup var forms: FormOptions

    @Flag(help: "Print JSON instead of text.") var json = false

    static func databasePath(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["LTC_DB"] ?? "ltc.sqlite"
    }

    func service() throws -> CaseService {
        CaseService(store: try SQLiteCaseStore(path: Self.databasePath(db)), forms: try forms.catalog())
    }

    func actingAs() throws -> Actor { try Actor(actor) }

    func date() throws -> CalendarDate? {
        try asOf.map { try parseDate($0, "--as-of") }
    }

    func providers() throws -> ProviderService {
        ProviderService(store: try SQLiteCaseStore(path: Self.databasePath(db)))
    }

    /// --as-of, else today in the zone of the loaded schemes (the machine's if they differ).
    func day(_ store: ProviderService) throws -> CalendarDate {
        if let given = try date() { return given }
        let zones = Set(try store.store.read { try $0.schemes() }.map(\.timeZone))
        return CaseService.today(in: zones.count == 1 ? zones.first : nil)
    }
}

func parseDate(_ text: String, _ option: String) throws(CaseError) -> CalendarDate {
    guard let date = CalendarDate(text) else {
        throw CaseError(.invalidInput, "\(option) '\(text)' is not a date; use YYYY-MM-DD")
    }
    return date
}
