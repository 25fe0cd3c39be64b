import LTCCore
import LTCOperations
import LTCProtocol

/// What a route answers: a status, its headers, the body, and the operation
/// it ran (for the access log and the metrics).
public struct ServerResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The catalogue operation, or the route's name (`healthz`, `rpc`).
    public var operation: String
    /// The id of the credential the request presented, once known (for the access log).
    public var credentialID: String?
    /// An upload's head was admitted (the status is 100): this is its credential.
    var admitted: Credential?
    /// A web upload's head was admitted: this is its session.
    var admittedSession: WebSession?

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = [], operation: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.operation = operation
    }

    /// A JSON body.
    public static func json(_ value: JSONValue, status: Int = 200, operation: String) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(JSONWriter.string(value).utf8), operation: operation)
    }

    /// An error with its status: `{"error": {code, message, data}}`, the
    /// JSON-RPC error object the same failure gets over `/rpc`.
    public static func error(_ error: RPCError, status: Int, operation: String, headers: [(String, String)] = []) -> ServerResponse {
        var response = json(["error": error.json], status: status, operation: operation)
        response.headers += headers
        return response
    }

    /// Whatever an operation threw, with the status ``ErrorClass`` gives it.
    public static func failure(_ thrown: any Error, operation: String) -> ServerResponse {
        error(RPCError.of(thrown), status: ErrorClass.of(thrown).httpStatus, operation: operation)
    }

    /// A refusal the server makes itself (no credential, too many requests, overload).
    public static func refusal(_ status: Int, _ message: String, operation: String, headers: [(String, String)] = []) -> ServerResponse {
        error(RPCError(code: ServerErrorCode.byStatus[status] ?? -32000, message: message), status: status, operation: operation, headers: headers)
    }
}

/// JSON-RPC codes of the refusals the HTTP server makes itself, before any
/// operation: in the implementation-defined server range (-32000 to -32099).
/// A contract: never renumber one.
public enum ServerErrorCode {
    public static let byStatus: [Int: Int] = [
        401: -32001,   // no valid credential
        413: -32002,   // body too large
        429: -32003,   // rate limit
        503: -32004,   // overloaded or stopping
        404: -32005,   // no such route
        405: -32006,   // method not allowed on the route
        408: -32007,   // request too slow
        414: -32008,   // target too long
        415: -32009,   // not JSON
        406: -32010,   // no acceptable representation
    ]
}
