import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore

/// `ltc case …`: the case commands not yet in the catalogue (the review's,
/// in CaseReviewCommands.swift); the rest are spelled in CaseSpellings.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Run cases: application, eligibility, assessment, determination, publicity, objection, suspension, termination.",
        discussion: "`ltc case transitions` prints which action is allowed in which state, and for which role.",
        subcommands: [Recognize.self, EvidenceCommand.self, ChangeOfCondition.self, AuditDraw.self]
    )

    /// Prints a case after a change: its state and what can come next, or JSON.
    static func report(_ record: Case, _ options: CaseOptions) {
        if options.json { printJSON(record.json) } else { print(CaseText.summary(record)) }
    }
}

/// A case subcommand that applies one change and reports the case.
protocol CaseChangeCommand: ParsableCommand {
    var options: CaseOptions { get }
    func change(_ service: CaseService, _ actor: Actor, _ date: CalendarDate?) throws -> Case
}

extension CaseChangeCommand {
    func run() throws {
        try reportingErrors {
            CaseCommand.report(try change(try options.cases(), try options.actingAs(), try options.date()), options)
        }
    }
}
