import LTCCore

/// A method of the JSON-RPC interface: its name, its parameters, what it
/// returns, an example, and the library call that answers it.
///
/// ```swift
/// RPCMethod(name: "forms.get", summary: "One form with its items and options.",
///           parameters: [RPCParameter("form", .string, "The form id.")],
///           result: "The form, in the form-file format.",
///           example: ["form": "barthel"]) { params in
///     try catalog.form(id: params.string("form")!).json
/// }
/// ```
///
/// The server checks the parameters against ``parameters`` (names, types,
/// required) before it calls the handler, so a handler reads them without
/// re-checking; a handler reports domain problems by throwing an ``LTCError``.
/// A handler either returns its result as a ``JSONValue`` or, where speed
/// matters, writes it straight into the response (``init(name:summary:parameters:result:example:ordering:writer:)``).
public struct RPCMethod: Sendable {
    /// Writes exactly one JSON value, the result, into the output; or throws
    /// before writing anything that matters (the server discards it).
    public typealias Writer = @Sendable (RPCParams, inout JSONOutput) throws -> Void

    /// Whether a request may be answered alongside the requests around it.
    public enum Ordering: Sendable {
        /// The answer depends only on the params and on data loaded at start
        /// (forms): the request may run alongside others.
        case independent
        /// The method reads or changes stored state: it runs only after every
        /// earlier request has been answered, so it sees all their effects.
        case sequential
    }

    public var name: String
    public var summary: String
    public var parameters: [RPCParameter]
    public var result: String
    /// Example params, shown by `rpc.describe`.
    public var example: JSONObject
    public var ordering: Ordering
    public var writer: Writer

    /// A method whose handler writes its result straight into the response.
    public init(name: String, summary: String, parameters: [RPCParameter], result: String,
                example: JSONObject, ordering: Ordering = .sequential, writer: @escaping Writer) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.result = result
        self.example = example
        self.ordering = ordering
        self.writer = writer
    }

    /// A method whose handler returns its result as a value.
    public init(name: String, summary: String, parameters: [RPCParameter], result: String,
                example: JSONObject, ordering: Ordering = .sequential,
                handler: @escaping @Sendable (RPCParams) throws -> JSONValue) {
        self.init(name: name, summary: summary, parameters: parameters, result: result,
                  example: example, ordering: ordering) { params, out in
            out.value(try handler(params))
        }
    }

    /// Checks `params` against the declared parameters, reporting every problem.
    func check(_ params: JSONObject) throws(RPCError) -> RPCParams {
        var problems: [RPCParamProblem] = []
        let accepted = parameters.map(\.name)
        for member in params where !accepted.contains(member.key) {
            let list = accepted.isEmpty ? "this method takes no parameters" : "accepted: \(accepted.joined(separator: ", "))"
            problems.append(RPCParamProblem(param: member.key, message: "unknown parameter; \(list)"))
        }
        for parameter in parameters {
            guard let value = params[parameter.name] else {
                if parameter.required {
                    problems.append(RPCParamProblem(param: parameter.name, message: "missing required parameter (\(parameter.type.rawValue))"))
                }
                continue
            }
            if !parameter.type.accepts(value) {
                problems.append(RPCParamProblem(param: parameter.name, message: "expected \(parameter.type.rawValue), found \(value.typeName)"))
            }
        }
        guard problems.isEmpty else { throw .invalidParams(problems) }
        return RPCParams(object: params)
    }

    public var json: JSONValue {
        [
            "name": .string(name),
            "summary": .string(summary),
            "params": .array(parameters.map(\.json)),
            "result": .string(result),
            "example": .object(example),
        ]
    }
}

/// A method's params after the server has checked them against its declaration.
public struct RPCParams: Sendable {
    public let object: JSONObject

    public func string(_ name: String) -> String? { object[name]?.stringValue }
    public func int(_ name: String) -> Int? { object[name]?.intValue }
    public func bool(_ name: String) -> Bool? { object[name]?.boolValue }
    public func object(_ name: String) -> JSONObject? { object[name]?.objectValue }
    public func array(_ name: String) -> [JSONValue]? { object[name]?.arrayValue }
}
