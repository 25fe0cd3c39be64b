import LTCCore

/// A param of an operation's input, declared where it is read: its JSON
/// name, what it means, and the rules it is held to beyond its type.
///
/// ```swift
/// struct Input: Params {
///     @Param("case", "The case id.") var caseID: Int
///     @Param("reason", "Why the case ends.") var reason: CaseService.TerminationReason
///     @Param("on", "The day it ended (default asOf).") var on: CalendarDate?
///     @Param("limit", "At most this many.", default: 100, .range(1...10_000)) var limit: Int
/// }
/// ```
///
/// A param of an optional type may be left out (it is then `nil`), and so
/// may one with a default; any other is required. The same declaration is
/// the schema `rpc.describe` gives, the command line's option, and the one
/// reader of the value, as argument-parser's `@Option` is for a command.
@propertyWrapper
public struct Param<Value: ParamValue>: Sendable, Decodable, ParamDeclaration {
    public let spec: ParamSpec
    private let value: Value?

    /// The value read from the request. Read only on inputs the catalogue has decoded.
    public var wrappedValue: Value {
        guard let value else { preconditionFailure("param '\(spec.name)' was read before the request was decoded") }
        return value
    }

    public init(_ name: String, _ summary: String, _ rules: ParamRule...) {
        spec = ParamSpec(name: name, summary: summary, type: Value.self, rules: rules, default: nil)
        value = nil
    }

    /// A param that takes `default` when a request leaves it out.
    public init(_ name: String, _ summary: String, default: JSONValue, _ rules: ParamRule...) {
        spec = ParamSpec(name: name, summary: summary, type: Value.self, rules: rules, default: `default`)
        value = nil
    }

    public init(from decoder: any Decoder) throws {
        guard let prepared = decoder as? PreparedParam, let box = prepared.value as? ParamBox<Value> else {
            throw ParamsDecodingMisuse(type: "\(Value.self)")
        }
        spec = prepared.spec
        value = box.value
    }
}

/// Params declared together and reused across operations (the paging
/// params), flattened into the params of the input that holds them.
///
/// ```swift
/// struct Input: Params {
///     @Param("institution", "Only this institution's.") var institution: String?
///     @ParamGroup var page: PageParams<String>
/// }
/// ```
@propertyWrapper
public struct ParamGroup<Group: Params>: Sendable, Decodable, ParamGroupDeclaration {
    private let value: Group?

    public var wrappedValue: Group {
        guard let value else { preconditionFailure("param group \(Group.self) was read before the request was decoded") }
        return value
    }

    public init() {
        value = nil
    }

    public init(from decoder: any Decoder) throws {
        value = try Group(from: decoder)
    }

    static var groupType: any Params.Type { Group.self }
}

/// What the layout reads off a ``Param`` without knowing its type.
protocol ParamDeclaration {
    var spec: ParamSpec { get }
}

/// What the layout reads off a ``ParamGroup`` without knowing its type.
protocol ParamGroupDeclaration {
    static var groupType: any Params.Type { get }
}

/// A ``Param`` decoded by anything but the catalogue's reader: a fault in ltc.
struct ParamsDecodingMisuse: Error, CustomStringConvertible {
    var type: String
    var description: String { "a param of type \(type) can only be read by ParamsReader" }
}
