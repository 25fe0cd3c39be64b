import LTCCore
import LTCOperations
import Synchronization

/// What every connection of one server shares: the pool, the middleware and
/// the routes, the connections, the limits, the clock, and what observes
/// each answer (the metrics and the access log).
final class ServerContext: Sendable {
    let pool: WorkerPool
    let chain: MiddlewareChain
    let routes: RouteTable
    let connections: ConnectionRegistry
    let limits: ServerLimits
    let clock: any MonotonicClock
    let metrics: ServerMetrics
    let accessLog: AccessLog
    let spoolFolder: String
    /// `/openapi.json`, made once.
    let openAPI: [UInt8]
    /// Bearer credentials verified a moment ago, for requests answered on the event loop.
    let credentials: CredentialCache
    /// The rate limit, as the requests answered on the event loop pass it (made once).
    private let loopLimit: MiddlewareChain
    /// Where this process's request ids begin (``requestID(_:)``), and how many it made.
    private let requestIDStart = UInt64.random(in: .min ... .max)
    private let issuedIDs = Atomic<UInt64>(0)
    /// What the event loops answer operations that read nothing stored with:
    /// the forms and the catalogue, and no database.
    let loopWorker: Worker

    init(pool: WorkerPool, chain: MiddlewareChain, routes: RouteTable, connections: ConnectionRegistry, limits: ServerLimits,
         clock: any MonotonicClock, metrics: ServerMetrics, accessLog: AccessLog, spoolFolder: String, openAPI: [UInt8],
         credentials: CredentialCache, loopWorker: Worker) {
        self.credentials = credentials
        self.loopWorker = loopWorker
        loopLimit = MiddlewareChain([RateLimit(routes.limiter)])
        self.pool = pool
        self.chain = chain
        self.routes = routes
        self.connections = connections
        self.limits = limits
        self.clock = clock
        self.metrics = metrics
        self.accessLog = accessLog
        self.spoolFolder = spoolFolder
        self.openAPI = openAPI
    }

    /// The client's request id if it is a short plain token, else a new random one.
    func requestID(_ given: String?) -> String {
        if let given, (1...64).contains(given.utf8.count),
           given.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F }) {
            return given
        }
        // SplitMix64's mix of a random start plus a count: no two alike in this process (the mix is a bijection),
        // different in each, and no system call for randomness on every request.
        var value = requestIDStart &+ issuedIDs.add(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return String(unsafeUninitializedCapacity: 16) { digits in
            for index in 0..<16 {
                let nibble = UInt8((value >> (60 - 4 * UInt64(index))) & 0xF)
                digits[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return 16
        }
    }

    /// The answer of a route that needs no worker (the probes, the documents,
    /// a path that is no route), or `nil`.
    func answerOnLoop(_ request: ServerRequest) -> ServerResponse? {
        switch request.route {
        case .health:
            return .json(["status": "ok"], operation: "healthz")
        case .metrics:
            return ServerResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4")],
                                  body: Array(metrics.render(pool: pool, connections: connections.count).utf8), operation: "metrics")
        case .openAPI:
            return ServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: openAPI, operation: "openapi")
        case .notFound:
            return .refusal(404, "no such route: \(request.method.rawValue) \(request.path.prefix(200))", operation: "-")
        case .methodNotAllowed(let allowed):
            return .refusal(405, "\(request.path.prefix(200)) takes \(allowed)", operation: "-", headers: [("Allow", allowed)])
        case .web(let path):
            return WebAssets.answer(path)
        case .rpc, .operation, .logs, .statement, .evidence, .ready, .webUpload:
            return nil
        }
    }

    /// The answer to a request for an operation that reads nothing stored
    /// (`assessment.score`, the forms: effect `computes`), by `POST /rpc` (one
    /// request, not a batch) or `POST /api/{method}`, from a bearer credential
    /// the database let in less than ``ServerLimits/credentialCacheSeconds``
    /// ago (``CredentialCache``), computed here on the event loop: no worker,
    /// no database. The rate limit applies as on a worker. `nil` for every
    /// other request (it goes to a worker, and its credential to the database).
    func answerWithoutStore(_ request: ServerRequest) -> ServerResponse? {
        guard credentials.isOn, case .bytes(let bytes) = request.body else { return nil }
        let header = request.headers["Authorization"]
        guard !header.isEmpty, let token = Authentication.token(header) else { return nil }
        let limit = loopLimit, loopWorker = loopWorker
        switch request.route {
        case .rpc:
            guard let message = try? JSONParser.parse(bytes), loopWorker.rpc.readsNothingStored(message),
                  let credential = credentials.credential(for: token) else { return nil }
            var request = request
            request.credential = credential
            return limit.respond(to: request, on: loopWorker) { request in
                guard let answer = loopWorker.rpc.respond(toParsed: message, caller: credential.caller) else { return ServerResponse(status: 204, operation: "rpc") }
                return ServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: answer, operation: "rpc")
            }
        case .operation(let name):
            guard let entry = loopWorker.catalogue.entry(named: name), !entry.effect.touchesStore,
                  let credential = credentials.credential(for: token) else { return nil }
            var request = request
            request.credential = credential
            return limit.respond(to: request, on: loopWorker) { OperationRoute.respond(name, $0, loopWorker) }
        default:
            return nil
        }
    }

    /// Tells the metrics and the access log of an answer.
    func observe(_ request: ServerRequest, _ response: ServerResponse, bytes: Int, seconds: Double) {
        metrics.observe(operation: response.operation, status: response.status, seconds: seconds)
        accessLog.record(request: request.id, credential: response.credentialID, method: request.method.rawValue, route: request.route.template,
                         operation: response.operation, status: response.status, bytes: bytes, seconds: seconds)
    }
}
