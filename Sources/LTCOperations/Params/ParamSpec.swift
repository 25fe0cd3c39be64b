import LTCCore

/// One param as an operation declares it: its name in JSON, what it means,
/// its schema (type, allowed values, range, length, default) and whether a
/// request must give it; and the one function that reads it.
public struct ParamSpec: Sendable {
    public let name: String
    public let summary: String
    /// The whole schema: the type's, the rules', the default and the summary.
    public let schema: JSONSchema
    public let required: Bool
    /// The value a request that leaves the param out gets, when there is one.
    public let defaultValue: JSONValue?
    public let textKind: TextKind?
    public let range: ClosedRange<Int>?
    /// Whether the value may come as an ``Attachment`` (a file, an upload).
    public let attachable: Bool
    /// Reads the param's JSON (`nil` when the request leaves it out), or its
    /// attachment, into a boxed value.
    let read: @Sendable (JSONValue?, Attachment?) throws(ParamProblems) -> any Sendable

    init<Value: ParamValue>(name: String, summary: String, type: Value.Type, rules: [ParamRule], default defaultJSON: JSONValue?) {
        var textKind: TextKind? = Value.textual ? .name : nil
        var range: ClosedRange<Int>?
        for rule in rules {
            switch rule {
            case .text(let kind): textKind = kind
            case .range(let bounds): range = bounds
            }
        }
        var absent: Value? = Value.whenAbsent
        if let defaultJSON {
            do {
                absent = try Value(param: defaultJSON)
            } catch {
                preconditionFailure("the default of param '\(name)' is not a \(Value.self): \(error.list)")
            }
        }
        self.name = name
        self.summary = summary
        self.defaultValue = defaultJSON
        self.textKind = textKind
        self.range = range
        required = absent == nil
        schema = Self.schema(Value.schema, textKind: textKind, range: range, default: defaultJSON).describing(summary)
        let fallback = absent, kind = textKind, bounds = range
        let attach = Self.attaching(Value.self)
        attachable = attach != nil
        read = { (json: JSONValue?, attachment: Attachment?) throws(ParamProblems) -> any Sendable in
            if let attachment, let attach {
                guard json == nil else { throw ParamProblems([ParamProblem(param: "", .invalid, "given both in the request and as a file: give it once")]) }
                return attach(attachment)
            }
            guard let json, json != .null || fallback == nil else {
                guard let fallback else { throw ParamProblems([ParamProblem(param: "", .missing, "missing required parameter (\(Value.schema.typeName))")]) }
                return ParamBox(fallback)
            }
            let value = try Value(param: json)
            let problems = Self.check(json, textKind: kind, range: bounds, path: "")
            guard problems.isEmpty else { throw ParamProblems(problems) }
            return ParamBox(value)
        }
    }

    /// How a value of `Value` is made from an attachment, if it can be (directly, or as an optional).
    private static func attaching<Value: ParamValue>(_ type: Value.Type) -> (@Sendable (Attachment) -> any Sendable)? {
        if let attachable = Value.self as? any AttachableParam.Type {
            return { attachment in ParamBox(attachable.init(attachment: attachment) as! Value) }
        }
        if let optional = Value.self as? any OptionalAttachable.Type {
            return { attachment in ParamBox(optional.attached(attachment) as! Value) }
        }
        return nil
    }

    /// The problems of `json`'s strings against the text kind and its whole numbers against the range.
    private static func check(_ json: JSONValue, textKind: TextKind?, range: ClosedRange<Int>?, path: String) -> [ParamProblem] {
        switch json {
        case .string(let text):
            guard let textKind, let problem = textKind.problem(in: text) else { return [] }
            return [ParamProblem(param: path, .invalid, problem)]
        case .integer(let number):
            guard let range, !range.contains(number) else { return [] }
            return [ParamProblem(param: path, .invalid, "\(number) is outside \(range.lowerBound)–\(range.upperBound)")]
        case .array(let elements):
            return elements.enumerated().flatMap { check($1, textKind: textKind, range: range, path: path + "[\($0)]") }
        default:
            return []
        }
    }

    /// `base` narrowed by the text kind and the range, for a value or for a list's elements.
    private static func schema(_ base: JSONSchema, textKind: TextKind?, range: ClosedRange<Int>?, default value: JSONValue?) -> JSONSchema {
        var schema = base
        if base.json["type"] == "array", case .object(let items)? = base.json["items"] {
            schema.json.set("items", .object(Self.schema(JSONSchema(items), textKind: textKind, range: range, default: nil).json))
        } else {
            if let textKind, base.json["type"] == "string", base.json["enum"] == nil, base.json["pattern"] == nil {
                schema.json.set("maxLength", .integer(textKind.maxLength))
                if textKind != .note { schema.json.set("minLength", 1) }
            }
            if let range, base.json["type"] == "integer" {
                schema.json.set("minimum", .integer(range.lowerBound))
                schema.json.set("maximum", .integer(range.upperBound))
            }
        }
        if let value { schema = schema.withDefault(value) }
        return schema
    }

    /// The short listing of `rpc.describe`: `{name, type, required, summary}`.
    public var json: JSONValue {
        ["name": .string(name), "type": .string(schema.typeName), "required": .bool(required), "summary": .string(summary)]
    }
}

/// An optional whose wrapped type takes attachments.
protocol OptionalAttachable {
    static func attached(_ attachment: Attachment) -> any Sendable
}

extension Optional: OptionalAttachable where Wrapped: AttachableParam {
    static func attached(_ attachment: Attachment) -> any Sendable {
        Optional.some(Wrapped(attachment: attachment))
    }
}

/// A param's value as read, in a box of its own type (so that an optional
/// left out is told apart from a value that is missing).
struct ParamBox<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
