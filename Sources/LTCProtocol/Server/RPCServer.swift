import LTCCore

/// Answers JSON-RPC 2.0 requests, one line of text at a time.
///
/// ```swift
/// let server = RPCServer(methods: FormMethods(catalog: catalog).methods)
/// server.respond(to: #"{"jsonrpc":"2.0","id":1,"method":"forms.list"}"#)
/// // {"jsonrpc":"2.0","id":1,"result":{"forms":[…]}}
/// ```
///
/// A line holds one request or a batch (a JSON array of requests). A request
/// gets exactly one response; a notification (a request without `id`) gets
/// none, even when it fails; a batch gets one line with an array of the
/// responses of its requests, or no line if all were notifications. Blank
/// lines are not requests and get no response. Parameters are given by name
/// (an object). The server adds `rpc.describe` to the methods it is given.
public final class RPCServer: Sendable {
    /// The version of the interface; a breaking change to a method's name,
    /// parameters or result fields raises it.
    public static let protocolVersion = 1

    private let methods: [String: RPCMethod]
    private let methodNames: [String]

    public init(methods: [RPCMethod]) {
        let all = methods + [Self.describe(methods)]
        var table: [String: RPCMethod] = [:]
        for method in all { table[method.name] = method }
        self.methods = table
        methodNames = table.keys.sorted()
    }

    /// `rpc.describe`, listing `methods` and itself.
    private static func describe(_ methods: [RPCMethod]) -> RPCMethod {
        RPCMethod(
            name: "rpc.describe",
            summary: "Every method of this interface with its parameters, result and an example.",
            parameters: [],
            result: "{protocol, version, methods: [{name, summary, params: [{name, type, required, summary}], result, example}]}",
            example: [:],
            ordering: .independent
        ) { _ in
            [
                "protocol": "JSON-RPC 2.0",
                "version": .integer(RPCServer.protocolVersion),
                "methods": .array((methods + [describe([])]).map(\.json)),
            ]
        }
    }

    /// The response line (without its newline) for one input line, or `nil`
    /// when the line calls for no response.
    public func respond(to line: String) -> String? {
        var line = line
        return line.withUTF8 { respond(to: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Called before a ``RPCMethod/Ordering/sequential`` method runs; returns
    /// once every earlier request has been answered.
    public typealias Gate = () -> Void

    /// The response bytes (without a newline) for one input line, or `nil`.
    public func respond(to line: UnsafeBufferPointer<UInt8>, gate: Gate? = nil) -> [UInt8]? {
        guard line.contains(where: { !Self.isBlank($0) }) else { return nil }
        let response: JSONValue?
        do {
            response = respond(to: try JSONParser.parse(line), gate: gate)
        } catch {
            response = Self.errorResponse(id: .null, .parseError(error))
        }
        guard let response else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        JSONWriter.write(response, into: &bytes)
        return bytes
    }

    /// The response for a line too long to read.
    public func respondToOverlongLine(length: Int, limit: Int) -> [UInt8] {
        let error = RPCError(code: RPCErrorCode.parseError,
                             message: "Parse error: request line of \(length) bytes exceeds the limit of \(limit) bytes",
                             data: ["length": .integer(length), "limit": .integer(limit)])
        var bytes: [UInt8] = []
        JSONWriter.write(Self.errorResponse(id: .null, error), into: &bytes)
        return bytes
    }

    /// The response to a parsed line: a single request or a batch.
    public func respond(to message: JSONValue, gate: Gate? = nil) -> JSONValue? {
        guard case .array(let batch) = message else { return respond(toRequest: message, gate: gate) }
        if batch.isEmpty { return Self.errorResponse(id: .null, .invalidRequest("an empty batch")) }
        let responses = batch.compactMap { respond(toRequest: $0, gate: gate) }
        return responses.isEmpty ? nil : .array(responses)
    }

    private func respond(toRequest message: JSONValue, gate: Gate?) -> JSONValue? {
        guard case .object(let request) = message else {
            return Self.errorResponse(id: .null, .invalidRequest("a request must be a JSON object, found \(message.typeName)"))
        }
        let id = request["id"]
        if let id, !Self.isValidID(id) {
            return Self.errorResponse(id: .null, .invalidRequest("'id' must be a string, a number or null, found \(id.typeName)"))
        }
        let responseID = id ?? .null
        for member in request where !Self.requestMembers.contains(member.key) {
            return Self.errorResponse(id: responseID, .invalidRequest("unknown member '\(member.key)'; a request has jsonrpc, method, params and id"))
        }
        guard request["jsonrpc"] == .string("2.0") else {
            return Self.errorResponse(id: responseID, .invalidRequest("'jsonrpc' must be the string \"2.0\""))
        }
        guard let name = request["method"]?.stringValue else {
            let found = request["method"].map { "found \($0.typeName)" } ?? "it is missing"
            return Self.errorResponse(id: responseID, .invalidRequest("'method' must be a string; \(found)"))
        }
        let params: JSONObject
        switch request["params"] {
        case nil: params = JSONObject()
        case .object(let object)?: params = object
        case .array?:
            return id == nil ? nil : Self.errorResponse(id: responseID, .invalidParams([
                RPCParamProblem(param: "params", message: "give parameters by name, as an object"),
            ]))
        case let other?:
            return Self.errorResponse(id: responseID, .invalidRequest("'params' must be an object, found \(other.typeName)"))
        }

        let outcome = call(name, params, gate: gate)
        guard let id else { return nil }  // a notification: no response, whatever happened
        switch outcome {
        case .success(let result):
            return .object(JSONObject([
                .init(key: "jsonrpc", value: "2.0"), .init(key: "id", value: id), .init(key: "result", value: result),
            ]))
        case .failure(let error):
            return Self.errorResponse(id: id, error)
        }
    }

    private func call(_ name: String, _ params: JSONObject, gate: Gate?) -> Result<JSONValue, RPCError> {
        guard let method = methods[name] else { return .failure(.methodNotFound(name, available: methodNames)) }
        if method.ordering == .sequential { gate?() }
        do {
            let checked = try method.check(params)
            return .success(try method.handler(checked))
        } catch let error as RPCError {
            return .failure(error)
        } catch let error as any LTCError {
            return .failure(RPCError(error))
        } catch {
            return .failure(RPCError(code: RPCErrorCode.internalError, message: "Internal error: \(error)"))
        }
    }

    private static func errorResponse(id: JSONValue, _ error: RPCError) -> JSONValue {
        .object(JSONObject([
            .init(key: "jsonrpc", value: "2.0"), .init(key: "id", value: id), .init(key: "error", value: error.json),
        ]))
    }

    private static let requestMembers = ["jsonrpc", "method", "params", "id"]

    private static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .string, .integer, .number, .null: true
        default: false
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
