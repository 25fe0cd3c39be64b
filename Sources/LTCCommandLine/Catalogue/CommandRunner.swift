import Foundation
import LTCCore
import LTCOperations
import LTCProtocol

/// Runs a command of the catalogue: reads its command line, runs its
/// operation as the actor it names, prints the result as text or JSON, and
/// exits with the status of what happened (docs: 0, 64, 65, 66, 69, 75, 77).
enum CommandRunner {
    static func run(_ spelling: CommandSpelling, arguments: [String]) -> Never {
        var spelling = spelling
        var arguments = arguments
        for variant in spelling.variants {
            if let index = arguments.firstIndex(of: "--" + variant.flag) {
                arguments.remove(at: index)
                spelling = variant.spelling
                if spelling.path == nil { spelling.path = spelling.path ?? CommandTree.path(of: variant.spelling) }
            }
        }
        guard let entry = OperationCatalogue.shared.entry(named: spelling.operation) else {
            preconditionFailure("the command line spells \(spelling.operation), which the catalogue lacks")
        }
        let shape = CommandShape(spelling, entry)
        var invocation: CommandInvocation
        do {
            invocation = try CommandLineReader.read(arguments, shape)
        } catch CommandLineProblem.help {
            print(CommandHelp.render(shape))
            exit(0)
        } catch CommandLineProblem.usage(let message) {
            LTC.usageFailure(message, usage: "Usage: \(shape.usage)\n  See '\(shape.usage.split(separator: " ").prefix(while: { !$0.hasPrefix("<") && !$0.hasPrefix("[") && !$0.hasPrefix("--") }).joined(separator: " ")) --help' for more information.")
        } catch {
            finish(failing: error)
        }
        do {
            let session = try CommandSession(invocation)
            try invocation.openFiles()
            try spelling.prepare?(&invocation, session)
            let output = try entry.invoke(invocation.params, attachments: invocation.attachments, caller: .trusting, in: session.environment)
            if let render = spelling.render {
                try render(output, invocation)
            } else if invocation.json {
                printJSON(output.json)
            } else {
                print(output.text)
            }
            for descriptor in invocation.opened { close(descriptor) }
            OpenStores.closeAll()
            exit(output.succeeded ? 0 : ExitStatus.dataError)
        } catch {
            finish(failing: error)
        }
    }

    /// Says what went wrong and exits with its status.
    static func finish(failing error: any Error) -> Never {
        OpenStores.closeAll()
        if let exit = error as? ExitStatusError { Foundation.exit(exit.status) }
        let status = ExitStatus.of(error)
        let rpc = RPCError.of(error)
        if jsonRequested {
            FileHandle.standardError.write(Data((JSONWriter.string(rpc.json) + "\n").utf8))
        } else {
            printError(ExitStatus.message(for: error) ?? rpc.message)
        }
        exit(status)
    }
}

/// A command that has said what it had to and only exits with a status.
struct ExitStatusError: Error {
    var status: Int32
}
