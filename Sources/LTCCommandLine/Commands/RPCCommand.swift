import LTCOperations
import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCProtocol
import LTCProviders
import LTCStorage

/// `ltc rpc`: the JSON-RPC 2.0 interface on standard input and output.
struct RPCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rpc",
        abstract: "Answer JSON-RPC 2.0 requests read from standard input, one per line.",
        discussion: """
            Writes one response line per request, in order, as soon as it is ready; \
            notifications get none. Ends with status 0 at end of input. See docs/protocol.md, \
            or send {"jsonrpc":"2.0","id":1,"method":"rpc.describe"}.
            """
    )

    @OptionGroup var forms: FormOptions

    @Option(help: ArgumentHelp("The database for the methods on stored data: an SQLite file, or postgresql://USER@HOST:PORT/DBNAME; else $LTC_DB, else ./ltc.sqlite (opened on first use).", valueName: "path|uri"))
    var db: String?

    @Option(help: ArgumentHelp("""
        Act as this actor for the whole process: a request that names another is refused. \
        Without it, each request's actor is trusted, as a library trusts its caller.         $LTC_ACTOR is not read here: a process that serves others is pinned only where it is started.
        """, valueName: "role:id"))
    var actor: String?

    func run() throws {
        // Each worker gets its own catalog: see RPCLoop.init(servers:).
        var servers: [RPCServer] = []
        try reportingErrors {
            let pinned = try actor.map { text throws(CaseError) in try Actor(text) }
            let path = databasePath(db)
            for _ in 0..<RPCLoop.suggestedWorkers {
                let catalog = try forms.catalog()
                // Each worker opens its own connection, on the first request that needs one.
                let environment = OperationEnvironment(forms: catalog) {
                    StoreServices(store: try StoreLocation(path).openForUse(), forms: catalog, clock: SystemClock(), vault: StoreLocation(path).evidenceVault)
                }
                servers.append(RPCServer(catalogue: .standard(), environment: environment, caller: pinned.map { .pinned($0, by: "ltc rpc --actor") } ?? .trusting,
                                         about: ["actors": ActorModel.json(pinned: pinned)]))
            }
        }
        signal(SIGPIPE, SIG_IGN)
        switch RPCLoop(servers: servers).run(input: STDIN_FILENO, output: STDOUT_FILENO) {
        case .endOfInput, .outputClosed:
            return
        case .readFailed(let code):
            printError("reading standard input failed: \(String(cString: strerror(code)))")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}
