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
/// The catalogue builds an input in a ``ParamsFrame``: describing, the
/// declaration gives its ``ParamSpec``; reading, it takes its value.
@propertyWrapper
public struct Param<Value: ParamValue>: Sendable {
    private let value: Value?

    /// The value read from the request. Read only on inputs the catalogue has built.
    public var wrappedValue: Value {
        guard let value else { preconditionFailure("a param of type \(Value.self) was read on an input the catalogue did not build") }
        return value
    }

    public init(_ name: String, _ summary: String, _ rules: ParamRule...) {
        value = Self.taking(name, summary, rules, default: nil)
    }

    /// A param that takes `default` when a request leaves it out.
    public init(_ name: String, _ summary: String, default: JSONValue, _ rules: ParamRule...) {
        value = Self.taking(name, summary, rules, default: `default`)
    }

    /// The value of the frame being read; or, in a frame that describes, the spec declared.
    private static func taking(_ name: String, _ summary: String, _ rules: [ParamRule], default: JSONValue?) -> Value? {
        guard let frame = ParamsFrame.current else { return nil }
        if frame.isDescribing {
            frame.declare(ParamSpec(name: name, summary: summary, type: Value.self, rules: rules, default: `default`))
            return nil
        }
        return frame.next(Value.self)
    }
}

/// Params declared together and reused across operations (the paging
/// params), flattened into the params of the input that holds them.
///
/// ```swift
/// struct Input: Params {
///     @Param("institution", "Only this institution's.") var institution: String?
///     @ParamGroup public var page: PageParams<String>
/// }
/// ```
@propertyWrapper
public struct ParamGroup<Group: Params>: Sendable {
    /// The group, built in the same frame as the input that holds it.
    public let wrappedValue: Group

    public init() {
        wrappedValue = Group()
    }
}
