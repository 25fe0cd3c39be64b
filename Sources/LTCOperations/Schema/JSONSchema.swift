import LTCCore

/// A JSON Schema (draft 2020-12) of a param or a result, as the JSON it is.
///
/// Params and results build theirs from their types, so `rpc.describe`, the
/// OpenRPC document, the command line's help and the decoder all read the
/// same allowed values, ranges and lengths.
///
/// ```swift
/// JSONSchema.integer(minimum: 1, maximum: 10_000)           // {"type":"integer","minimum":1,"maximum":10000}
/// JSONSchema.enumeration(["death", "left"])                 // {"type":"string","enum":["death","left"]}
/// JSONSchema.object(["name": .string(maxLength: 200)], required: ["name"])
/// ```
public struct JSONSchema: Sendable, Equatable {
    public var json: JSONObject

    public init(_ json: JSONObject) {
        self.json = json
    }

    /// Any JSON value.
    public static let any = JSONSchema([:])
    public static let boolean = JSONSchema(["type": "boolean"])
    public static let null = JSONSchema(["type": "null"])

    public static func string(minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: String? = nil) -> JSONSchema {
        var json: JSONObject = ["type": "string"]
        if let minLength { json.set("minLength", .integer(minLength)) }
        if let maxLength { json.set("maxLength", .integer(maxLength)) }
        if let pattern { json.set("pattern", .string(pattern)) }
        if let format { json.set("format", .string(format)) }
        return JSONSchema(json)
    }

    public static func integer(minimum: Int? = nil, maximum: Int? = nil) -> JSONSchema {
        var json: JSONObject = ["type": "integer"]
        if let minimum { json.set("minimum", .integer(minimum)) }
        if let maximum { json.set("maximum", .integer(maximum)) }
        return JSONSchema(json)
    }

    /// A number; `multipleOf` as an exact decimal (`"0.01"` for amounts in yuan).
    public static func number(minimum: JSONValue? = nil, maximum: JSONValue? = nil, multipleOf: String? = nil) -> JSONSchema {
        var json: JSONObject = ["type": "number"]
        if let minimum { json.set("minimum", minimum) }
        if let maximum { json.set("maximum", maximum) }
        if let multipleOf { json.set("multipleOf", .number(multipleOf)) }
        return JSONSchema(json)
    }

    /// A string that is one of `values`.
    public static func enumeration(_ values: [String]) -> JSONSchema {
        JSONSchema(["type": "string", "enum": .array(values.map { .string($0) })])
    }

    public static func array(_ items: JSONSchema, maxItems: Int? = nil) -> JSONSchema {
        var json: JSONObject = ["type": "array", "items": .object(items.json)]
        if let maxItems { json.set("maxItems", .integer(maxItems)) }
        return JSONSchema(json)
    }

    /// An object with these members; others are refused unless `additional` says what they may be.
    public static func object(_ properties: KeyValuePairs<String, JSONSchema>, required: [String] = [], additional: JSONSchema? = nil) -> JSONSchema {
        object(properties.map { ($0.key, $0.value) }, required: required, additional: additional)
    }

    public static func object(_ properties: [(String, JSONSchema)], required: [String] = [], additional: JSONSchema? = nil) -> JSONSchema {
        var json: JSONObject = ["type": "object"]
        json.set("properties", .object(JSONObject(properties.map { JSONObject.Member($0.0, .object($0.1.json)) })))
        if !required.isEmpty { json.set("required", .array(required.map { .string($0) })) }
        json.set("additionalProperties", additional.map { .object($0.json) } ?? .bool(false))
        return JSONSchema(json)
    }

    /// An object whose member names are free (item codes, indicator ids) and whose values are `values`.
    public static func map(_ values: JSONSchema, maxProperties: Int? = nil) -> JSONSchema {
        var json: JSONObject = ["type": "object", "additionalProperties": .object(values.json)]
        if let maxProperties { json.set("maxProperties", .integer(maxProperties)) }
        return JSONSchema(json)
    }

    /// An object described only in words: its members are open.
    public static func openObject() -> JSONSchema {
        JSONSchema(["type": "object"])
    }

    public static func oneOf(_ schemas: [JSONSchema]) -> JSONSchema {
        JSONSchema(["oneOf": .array(schemas.map { .object($0.json) })])
    }

    public static func anyOf(_ schemas: [JSONSchema]) -> JSONSchema {
        JSONSchema(["anyOf": .array(schemas.map { .object($0.json) })])
    }

    /// This schema, or null.
    public var orNull: JSONSchema {
        guard case .string(let type)? = json["type"] else { return .anyOf([self, .null]) }
        var copy = self
        copy.json.set("type", .array([.string(type), "null"]))
        // An enumeration lists null too: `type` alone does not let a value outside `enum` through.
        if case .array(let values)? = json["enum"] { copy.json.set("enum", .array(values + [.null])) }
        return copy
    }

    /// The same schema with a `description`.
    public func describing(_ text: String) -> JSONSchema {
        var copy = self
        copy.json.set("description", .string(text))
        return copy
    }

    /// The same schema with a `default`.
    public func withDefault(_ value: JSONValue) -> JSONSchema {
        var copy = self
        copy.json.set("default", value)
        return copy
    }

    /// The same schema with a member set (a bound, a pattern) where it applies.
    public func with(_ key: String, _ value: JSONValue) -> JSONSchema {
        var copy = self
        copy.json.set(key, value)
        return copy
    }

    /// The JSON type named by `type`, for the short listing of `rpc.describe`
    /// (`string`, `integer`, `number`, `boolean`, `object`, `array`), or `any`.
    public var typeName: String {
        switch json["type"] {
        case .string(let name)?: name
        case .array(let names)?: names.first?.stringValue ?? "any"
        default: json["oneOf"] != nil || json["anyOf"] != nil ? "any" : "any"
        }
    }

    /// The allowed values, when the schema is an enumeration.
    public var allowedValues: [String]? {
        json["enum"]?.arrayValue?.compactMap(\.stringValue)
    }
}
