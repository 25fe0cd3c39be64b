import LTCCore
import LTCOperations

/// Answers JSON-RPC 2.0 requests, one line of text at a time.
///
/// ```swift
/// let server = RPCServer(catalogue: .standard(), environment: OperationEnvironment(forms: catalog))
/// server.respond(to: #"{"jsonrpc":"2.0","id":1,"method":"forms.list"}"#)
/// // {"jsonrpc":"2.0","id":1,"result":{"forms":[…]}}
/// ```
///
/// A line holds one request or a batch (a JSON array of requests). A request
/// gets exactly one response; a notification (a request without `id`) gets
/// none, even when it fails; a batch gets one line with an array of the
/// responses of its requests, or no line if all were notifications. Blank
/// lines are not requests and get no response. Parameters are given by name
/// (an object). The methods are the catalogue's operations, and `rpc.describe`.
/// Responses are written straight to bytes.
public final class RPCServer: Sendable {
    /// The version of the interface; a breaking change to a method's name,
    /// parameters or result fields raises it. 2: `report.fund` with `format`
    /// `csv` answers one CSV text per table (`{csv: {grade, mode, …}}`).
    public static let protocolVersion = 2

    /// Called before a method that reads or changes stored state runs;
    /// returns once every earlier request has been answered.
    public typealias Gate = () -> Void

    private let operations: [String: CatalogueEntry]
    private let methodNames: [String]
    private let environment: OperationEnvironment?
    private let caller: Caller
    /// `rpc.describe`'s result, made once.
    private let description: JSONValue

    /// - Parameters:
    ///   - catalogue: the operations answered, run in `environment` for `caller`.
    ///   - about: more members of `rpc.describe`'s result (how actors are trusted, say).
    public init(catalogue: OperationCatalogue, environment: OperationEnvironment? = nil, caller: Caller = .trusting, about: JSONObject = [:]) {
        var table: [String: CatalogueEntry] = [:]
        for entry in catalogue.entries {
            table[entry.name] = entry
            for alias in entry.aliases { table[alias] = entry }
        }
        operations = table
        methodNames = (table.keys + [Self.describeName]).sorted()
        self.environment = environment
        self.caller = caller
        var result: JSONObject = [
            "protocol": "JSON-RPC 2.0",
            "version": .integer(RPCServer.protocolVersion),
            "methods": .array(catalogue.entries.map(RPCDescription.method) + [RPCDescription.describe]),
        ]
        for member in about { result.set(member.key, member.value) }
        description = .object(result)
    }

    /// The one method of the server itself: every method with its contract.
    static let describeName = "rpc.describe"

    /// The response line (without its newline) for one input line, or `nil`
    /// when the line calls for no response.
    public func respond(to line: String) -> String? {
        var line = line
        return line.withUTF8 { respond(to: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The response bytes (without a newline) for one input line, or `nil`.
    ///
    /// - Parameter caller: who sends this line, where it is known per request
    ///   (an HTTP request's credential); else the server's own.
    public func respond(to line: UnsafeBufferPointer<UInt8>, caller: Caller? = nil, gate: Gate? = nil) -> [UInt8]? {
        let caller = caller ?? self.caller
        guard line.contains(where: { !Self.isBlank($0) }) else { return nil }
        var out = JSONOutput()
        let message: JSONValue
        do {
            message = try JSONParser.parse(line)
        } catch {
            Self.writeError(.parseError(error), id: .null, into: &out)
            return out.bytes
        }
        return respond(to: message, into: &out, caller: caller, gate: gate) ? out.bytes : nil
    }

    /// Whether `message` is one request (not a batch) for an operation that
    /// reads nothing stored (its effect is `computes`): one a front door may
    /// answer without a database connection.
    public func readsNothingStored(_ message: JSONValue) -> Bool {
        guard case .object(let request) = message, let name = request["method"]?.stringValue, let entry = operations[name] else { return false }
        return !entry.effect.touchesStore
    }

    /// The response bytes for a line already parsed, or `nil` (notifications only).
    public func respond(toParsed message: JSONValue, caller: Caller? = nil) -> [UInt8]? {
        var out = JSONOutput()
        return respond(to: message, into: &out, caller: caller ?? self.caller, gate: nil) ? out.bytes : nil
    }

    /// The response for a line too long to read.
    public func respondToOverlongLine(length: Int, limit: Int) -> [UInt8] {
        let error = RPCError(code: RPCErrorCode.parseError,
                             message: "Parse error: request line of \(length) bytes exceeds the limit of \(limit) bytes",
                             data: ["length": .integer(length), "limit": .integer(limit)])
        var out = JSONOutput(capacity: 256)
        Self.writeError(error, id: .null, into: &out)
        return out.bytes
    }

    /// Writes the response to a parsed line, a single request or a batch;
    /// `false` when it calls for none.
    private func respond(to message: JSONValue, into out: inout JSONOutput, caller: Caller, gate: Gate?) -> Bool {
        guard case .array(let batch) = message else { return respond(toRequest: message, into: &out, caller: caller, gate: gate) }
        if batch.isEmpty {
            Self.writeError(.invalidRequest("an empty batch"), id: .null, into: &out)
            return true
        }
        let start = out.mark
        out.beginArray()
        var answered = false
        for request in batch where respond(toRequest: request, into: &out, caller: caller, gate: gate) {
            answered = true
        }
        out.endArray()
        if !answered { out.rewind(to: start) }
        return answered
    }

    /// Writes the response to one request; `false` for a notification.
    private func respond(toRequest message: JSONValue, into out: inout JSONOutput, caller: Caller, gate: Gate?) -> Bool {
        guard case .object(let request) = message else {
            Self.writeError(.invalidRequest("a request must be a JSON object, found \(message.typeName)"), id: .null, into: &out)
            return true
        }
        let id = request["id"]
        if let id, !Self.isValidID(id) {
            Self.writeError(.invalidRequest("'id' must be a string, a number or null, found \(id.typeName)"), id: .null, into: &out)
            return true
        }
        let responseID = id ?? .null
        for member in request where !Self.requestMembers.contains(member.key) {
            Self.writeError(.invalidRequest("unknown member '\(member.key)'; a request has jsonrpc, method, params and id"),
                            id: responseID, into: &out)
            return true
        }
        guard request["jsonrpc"] == .string("2.0") else {
            Self.writeError(.invalidRequest("'jsonrpc' must be the string \"2.0\""), id: responseID, into: &out)
            return true
        }
        guard let name = request["method"]?.stringValue else {
            let found = request["method"].map { "found \($0.typeName)" } ?? "it is missing"
            Self.writeError(.invalidRequest("'method' must be a string; \(found)"), id: responseID, into: &out)
            return true
        }
        let params: JSONObject
        switch request["params"] {
        case nil: params = JSONObject()
        case .object(let object)?: params = object
        case .array?:
            guard id != nil else { return false }
            Self.writeError(.invalidParams([RPCParamProblem(param: "params", message: "give parameters by name, as an object")]),
                            id: responseID, into: &out)
            return true
        case let other?:
            Self.writeError(.invalidRequest("'params' must be an object, found \(other.typeName)"), id: responseID, into: &out)
            return true
        }

        guard let id else {
            // A notification: run it for its effects, answer nothing, whatever happens.
            var discarded = JSONOutput(capacity: 256)
            _ = call(name, params, into: &discarded, caller: caller, gate: gate)
            return false
        }
        let start = out.mark
        out.beginObject()
        out.key("jsonrpc"); out.value("2.0")
        out.key("id"); out.value(id)
        out.key("result")
        if let error = call(name, params, into: &out, caller: caller, gate: gate) {
            out.rewind(to: start)
            Self.writeError(error, id: id, into: &out)
        } else {
            out.endObject()
        }
        return true
    }

    /// Runs a method, writing its result; the error instead, if it fails.
    private func call(_ name: String, _ params: JSONObject, into out: inout JSONOutput, caller: Caller, gate: Gate?) -> RPCError? {
        if name == Self.describeName {
            guard params.isEmpty else {
                return .invalidParams(params.keys.map { RPCParamProblem(param: $0, message: "unknown parameter; this method takes no parameters") })
            }
            out.value(description)
            return nil
        }
        guard let entry = operations[name] else { return .methodNotFound(name, available: methodNames) }
        do {
            if entry.effect.touchesStore { gate?() }
            guard let environment else { throw InputError(source: "method", message: "\(name) is not answered by this server") }
            try entry.invoke(params, caller: caller, in: environment).encode(into: &out)
            return nil
        } catch {
            return RPCError.of(error)
        }
    }

    private static func writeError(_ error: RPCError, id: JSONValue, into out: inout JSONOutput) {
        out.beginObject()
        out.key("jsonrpc"); out.value("2.0")
        out.key("id"); out.value(id)
        out.key("error"); out.value(error.json)
        out.endObject()
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
