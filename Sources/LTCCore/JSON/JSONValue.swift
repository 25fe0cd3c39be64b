/// A JSON value that keeps what matters for exact rules: integers apart from
/// other numbers, booleans apart from numbers, and object members in order.
///
/// ```swift
/// let answers: JSONValue = ["adl.eating": 10, "adl.bathing": 0]
/// answers["adl.eating"]?.intValue   // 10
/// JSONValue.bool(true).intValue     // nil: a boolean is never a score
/// ```
///
/// A number literal with no fraction and no exponent that fits in `Int` is
/// `.integer`; every other number is `.number`, holding the literal exactly as
/// written so that no binary floating point ever touches it.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A number that is not an `Int`-range integer literal, as written (e.g. `"12.5"`, `"1e3"`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The integer, when this is an integer literal; `nil` for every other value, booleans included.
    public var intValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The JSON type name used in error messages: `null`, `boolean`, `integer`,
    /// `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension JSONValue {
    /// An object of these members, in order; the caller guarantees the names
    /// are unique.
    ///
    /// ```swift
    /// JSONValue.members(.init("level", 3), .init("label", label))
    /// ```
    ///
    /// Same result as a dictionary literal, without the array of tuples a
    /// literal builds, whose type the runtime looks up on each use (measured
    /// at 4 % of the rpc path). Use it where a value is built per request.
    public static func members(_ members: JSONObject.Member...) -> JSONValue {
        .object(JSONObject(members))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value.
    public var description: String { JSONWriter.string(self) }
}
