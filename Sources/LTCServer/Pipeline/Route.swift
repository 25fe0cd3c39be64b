import NIOHTTP1

/// The routes of the server, each a way into the catalogue or a probe.
///
/// | route | what |
/// |---|---|
/// | `POST /rpc` | JSON-RPC 2.0, single and batch, as `ltc rpc` |
/// | `POST /api/{method}` | one operation, its params the body |
/// | `POST /logs` | a submission: the CSV or JSON Lines file as the body |
/// | `GET /statements/{month}` | the caller's statement, JSON or CSV by `Accept` |
/// | `POST /cases/{id}/evidence` | the evidence's bytes as the body |
/// | `GET /healthz`, `/readyz`, `/metrics`, `/openapi.json` | probes and documents, without a credential |
/// | `GET`, `POST /web/…` | the web pages (``WebPages``), signed in by a session cookie |
public enum Route: Sendable, Equatable {
    case rpc
    case operation(String)
    case logs
    case statement(String)
    case evidence(String)
    case health
    case ready
    case metrics
    case openAPI
    /// A web page (its path, `/web/…`); the session cookie says who, not a bearer token.
    case web(String)
    /// A web form that uploads a file (`POST /web/logs`, `POST /web/cases/{id}/evidence`): read to a file, its session checked first.
    case webUpload(String)
    case notFound
    /// The path is a route, the method is not its own; `allowed` is.
    case methodNotAllowed(allowed: String)

    /// Whether a request on it must present a credential.
    public var needsCredential: Bool {
        switch self {
        case .rpc, .operation, .logs, .statement, .evidence: true
        case .health, .ready, .metrics, .openAPI, .notFound, .methodNotAllowed, .web, .webUpload: false
        }
    }

    /// Whether who acts comes from a web session's cookie (``WebSessions``).
    public var usesSession: Bool {
        switch self {
        case .web, .webUpload: true
        default: false
        }
    }

    /// Whether its body is an upload, written to a file as it arrives, with
    /// the larger limit; its credential is checked before the body is read.
    public var isUpload: Bool {
        switch self {
        case .logs, .evidence, .webUpload: true
        default: false
        }
    }

    /// The route without its values, for the access log and the metrics.
    public var template: String {
        switch self {
        case .rpc: "/rpc"
        case .operation: "/api/{method}"
        case .logs: "/logs"
        case .statement: "/statements/{month}"
        case .evidence: "/cases/{id}/evidence"
        case .health: "/healthz"
        case .ready: "/readyz"
        case .metrics: "/metrics"
        case .openAPI: "/openapi.json"
        case .web(let path), .webUpload(let path): WebPages.template(path)
        case .notFound, .methodNotAllowed: "-"
        }
    }
}

/// Finds the route of a method and path: a small table, no patterns beyond
/// one value in a segment.
public enum Router {
    public static func route(_ method: HTTPMethod, _ path: String) -> Route {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if path == "/" || segments.first == "web" {
            guard method == .GET || method == .POST else { return .methodNotAllowed(allowed: "GET, POST") }
            return method == .POST && WebPages.isUpload(path) ? .webUpload(path) : .web(path)
        }
        func only(_ wanted: HTTPMethod, _ route: Route) -> Route {
            method == wanted ? route : .methodNotAllowed(allowed: wanted.rawValue)
        }
        switch segments.count {
        case 1:
            switch segments[0] {
            case "rpc": return only(.POST, .rpc)
            case "logs": return only(.POST, .logs)
            case "healthz": return only(.GET, .health)
            case "readyz": return only(.GET, .ready)
            case "metrics": return only(.GET, .metrics)
            case "openapi.json": return only(.GET, .openAPI)
            default: return .notFound
            }
        case 2 where segments[0] == "api" && !segments[1].isEmpty:
            return only(.POST, .operation(segments[1]))
        case 2 where segments[0] == "statements" && !segments[1].isEmpty:
            return only(.GET, .statement(segments[1]))
        case 3 where segments[0] == "cases" && segments[2] == "evidence" && !segments[1].isEmpty:
            return only(.POST, .evidence(segments[1]))
        default:
            return .notFound
        }
    }
}
