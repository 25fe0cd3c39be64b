import ArgumentParser
import Foundation

/// `ltc serve`: starts `ltc-server`, the HTTP front door, from beside this `ltc`.
///
/// The server is an executable of its own so that building `ltc` never
/// builds the server's dependencies (SwiftNIO); this command only finds it
/// and hands over its arguments, as `ltc-bench` finds `ltc`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve institutions, assessors and other systems over HTTP (runs ltc-server with these arguments).",
        discussion: """
            Every option is ltc-server's: see ltc serve --help-server, and docs/deploy.md.

            EXAMPLES:
              ltc serve --db ltc.sqlite --listen 127.0.0.1:8080
            """
    )

    @Argument(parsing: .captureForPassthrough, help: "ltc-server's arguments.") var arguments: [String] = []

    func run() throws {
        let here = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let server = URL(fileURLWithPath: here).deletingLastPathComponent().appendingPathComponent("ltc-server").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            printError("ltc serve needs ltc-server beside ltc (\(server)): swift build --product ltc-server")
            throw ExitCode(69)
        }
        let passed = arguments.map { $0 == "--help-server" ? "--help" : $0 }
        let argv = ([server] + passed).map { strdup($0) } + [nil]
        execv(server, argv)
        printError("cannot start \(server): \(String(cString: strerror(errno)))")
        throw ExitCode(71)
    }
}
