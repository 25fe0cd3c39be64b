import LTCCore

/// One named parameter of a method, as `rpc.describe` lists it and as the
/// server checks it before the method runs.
public struct RPCParameter: Sendable {
    /// The JSON types a parameter can require.
    public enum ValueType: String, Sendable {
        case string, integer, number, boolean, object, array

        func accepts(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.string, .string), (.integer, .integer), (.boolean, .bool), (.object, .object), (.array, .array): true
            case (.number, .integer), (.number, .number): true
            default: false
            }
        }
    }

    public var name: String
    public var type: ValueType
    public var required: Bool
    public var summary: String

    public init(_ name: String, _ type: ValueType, required: Bool = true, _ summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
    }

    public var json: JSONValue {
        ["name": .string(name), "type": .string(type.rawValue), "required": .bool(required), "summary": .string(summary)]
    }
}
