import ArgumentParser

/// The `ltc` command: long-term care insurance assessment and administration.
///
/// ```
/// $ ltc score --form cn-ltc-2021 Examples/assessments/severe-ii.json
/// $ echo '{"jsonrpc":"2.0","id":1,"method":"forms.list"}' | ltc rpc
/// ```
public struct LTC: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ltc",
        abstract: "Long-term care insurance: assessments, cases, benefits, designated institutions, service logs, settlement and supervision.",
        discussion: """
            Forms (assessment instruments) are data: the built-in ones come from the package's \
            AssessmentForms/ folder; add your own with --forms DIR.
            Exit status: 0 success, 64 bad command line, 65 unusable input, 66 input file not found.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, FormsCommand.self, ScoreCommand.self, SchemeCommand.self, PersonCommand.self, StaffCommand.self, AssessorCommand.self,
            CaseCommand.self, BenefitCommand.self, FundCommand.self, InstitutionCommand.self, AgreementCommand.self,
            CaregiverCommand.self, EnrolCommand.self, LogsCommand.self, SettleCommand.self, AdjustmentsCommand.self, ViolationCommand.self, CreditCommand.self,
            InspectionCommand.self, ComplaintCommand.self, PerformanceCommand.self, ReportCommand.self,
            RPCCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line, then closes the databases it opened, after an
    /// error too (see ``OpenStores/closeAll()``).
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            OpenStores.closeAll()
        } catch {
            OpenStores.closeAll()
            exit(withError: error)
        }
    }
}
