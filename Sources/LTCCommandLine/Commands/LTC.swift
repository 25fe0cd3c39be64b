import LTCOperations
import ArgumentParser
import Foundation
import LTCCore
import LTCProtocol

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
            Exit status: 0 success, 64 bad command line, 65 unusable input, 66 input file not found, \
            69 database server unreachable, 75 try again (busy, conflicts, disk full), 77 refused to the actor.
            With --json, an error is the JSON-RPC error object on standard error.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, RPCCommand.self, SchemaCommand.self, MigrateCommand.self, ServeCommand.self, GrantCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line, then closes the databases it opened, after an
    /// error too (see ``OpenStores/closeAll()``). A mistyped subcommand gets
    /// a suggestion and every missing argument is named at once (``UsageCheck``).
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // The operations of the catalogue, and the groups they make, are read here; the tools by argument-parser.
        CommandTree.route(arguments)
        if let unknown = UsageCheck.unknownSubcommand(in: arguments, of: LTC.self) {
            usageFailure(unknown.message, usage: "  See '\(unknown.command) --help' for its subcommands.")
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            OpenStores.closeAll()
        } catch {
            OpenStores.closeAll()
            if exitCode(for: error) == .validationFailure {
                let text = fullMessage(for: error)
                let usage = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("Usage:") }.joined(separator: "\n")
                if let missing = UsageCheck.allMissing(arguments, first: error, of: LTC.self) {
                    usageFailure("missing expected arguments: " + missing.map { "'\($0)'" }.joined(separator: ", "), usage: usage)
                }
                if jsonRequested { usageFailure(message(for: error), usage: usage) }
            }
            exit(withError: error)
        }
    }

    /// Says what is wrong with the command line (as a JSON-RPC invalid-params
    /// error with `--json`) and exits with status 64.
    static func usageFailure(_ message: String, usage: String) -> Never {
        if jsonRequested {
            let error = RPCError(code: RPCErrorCode.invalidParams, message: "Invalid command line: \(message)", data: ["kind": "usage", "usage": .string(usage)])
            FileHandle.standardError.write(Data((JSONWriter.string(error.json) + "\n").utf8))
        } else {
            FileHandle.standardError.write(Data("Error: \(message)\n\(usage)\n".utf8))
        }
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }
}
