import LTCCore
import LTCStorage

/// Sends a request to its route, on a worker, once the middleware has let it
/// through: the small router of the routes that reach the catalogue or the
/// database. The probes and documents are answered on the event loop
/// (``ServerContext/answerOnLoop(_:)``).
public struct RouteTable: Sendable {
    public let database: String
    public let metrics: ServerMetrics
    /// The credentials' rate, which each request of a batch after the first takes from too.
    public let limiter: RateLimiter
    public let batchLimit: Int
    /// The web pages' sessions and settings.
    public let web: WebPages

    public func respond(_ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        switch request.route {
        case .rpc: RPCRoute.respond(request, worker, limiter: limiter, batchLimit: batchLimit)
        case .operation(let name): OperationRoute.respond(name, request, worker)
        case .logs: LogsRoute.respond(request, worker, metrics: metrics)
        case .statement(let month): StatementRoute.respond(month, request, worker)
        case .evidence(let caseID): EvidenceRoute.respond(caseID, request, worker)
        case .ready: ReadyRoute.respond(database)
        case .web, .webUpload: web.respond(request, worker)
        case .health, .metrics, .openAPI, .notFound, .methodNotAllowed: .refusal(404, "no such route", operation: "-")
        }
    }
}

/// `GET /readyz`: 200 when the database is reachable and has every migration
/// this ltc knows; else 503 saying why (a load balancer sends no traffic).
enum ReadyRoute {
    static func respond(_ database: String) -> ServerResponse {
        do {
            try StoreLocation(database).requireCurrent()
            return .json(["status": "ready"], operation: "readyz")
        } catch {
            var response = ServerResponse.failure(error, operation: "readyz")
            response.status = 503
            response.headers.append(("Retry-After", "5"))
            return response
        }
    }
}
