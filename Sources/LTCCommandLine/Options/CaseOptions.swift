import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
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
}

func parseDate(_ text: String, _ option: String) throws(CaseError) -> CalendarDate {
    guard let date = CalendarDate(text) else {
        throw CaseError(.invalidInput, "\(option) '\(text)' is not a date; use YYYY-MM-DD")
    }
    return date
}
