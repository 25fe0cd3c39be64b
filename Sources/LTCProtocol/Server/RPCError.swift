import LTCCore
import LTCOperations

/// A JSON-RPC 2.0 error object: a code, a one-line message, and details.
///
/// ```swift
/// throw RPCError.invalidParams([RPCParamProblem(param: "form", message: "missing required parameter (string)")])
/// ```
public struct RPCError: Error, Sendable, Equatable {
    public var code: Int
    public var message: String
    public var data: JSONObject?

    public init(code: Int, message: String, data: JSONObject? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The error for a domain error: its code from ``RPCErrorCode/domain``,
    /// its one-line description, and its details with its `kind`.
    public init(_ error: any LTCError) {
        var data: JSONObject = ["kind": .string(error.kind)]
        for member in error.details { data.set(member.key, member.value) }
        self.init(code: RPCErrorCode.domain[error.kind] ?? RPCErrorCode.otherDomainError,
                  message: error.description, data: data)
    }

    /// The error object for anything an operation threw: a request whose
    /// params have the wrong shape is invalid params (-32602) listing every
    /// problem; a domain error has its kind's code; anything else is a fault
    /// in ltc (-32603). The command line's `--json` prints the same object.
    public static func of(_ error: any Error) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as ParamsError where error.isStructural:
            return .invalidParams(error.problems.map { RPCParamProblem(param: $0.param, message: $0.message) })
        case let error as any LTCError:
            return RPCError(error)
        default:
            return RPCError(code: RPCErrorCode.internalError, message: "Internal error: \(error)")
        }
    }

    public static func parseError(_ error: JSONParseError) -> RPCError {
        RPCError(code: RPCErrorCode.parseError, message: "Parse error: \(error)",
                 data: ["line": .integer(error.line), "column": .integer(error.column), "reason": .string(error.message)])
    }

    public static func invalidRequest(_ reason: String) -> RPCError {
        RPCError(code: RPCErrorCode.invalidRequest, message: "Invalid request: \(reason)")
    }

    public static func methodNotFound(_ method: String, available: [String]) -> RPCError {
        RPCError(code: RPCErrorCode.methodNotFound, message: "Method not found: '\(method)'",
                 data: ["method": .string(method), "available": .array(available.map { .string($0) })])
    }

    public static func invalidParams(_ problems: [RPCParamProblem]) -> RPCError {
        RPCError(code: RPCErrorCode.invalidParams,
                 message: "Invalid params: " + problems.map(\.description).joined(separator: "; "),
                 data: ["problems": .array(problems.map(\.json))])
    }

    public var json: JSONValue {
        var object: JSONObject = ["code": .integer(code), "message": .string(message)]
        if let data { object.set("data", .object(data)) }
        return .object(object)
    }
}

/// One thing wrong with a request's params.
public struct RPCParamProblem: Sendable, Equatable, CustomStringConvertible {
    public var param: String
    public var message: String

    public init(param: String, message: String) {
        self.param = param
        self.message = message
    }

    public var description: String { "\(param): \(message)" }

    public var json: JSONValue { ["param": .string(param), "message": .string(message)] }
}
