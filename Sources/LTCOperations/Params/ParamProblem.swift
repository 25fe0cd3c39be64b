import LTCCore

/// One thing wrong with a request's params: which param (a path into it,
/// `agent.name`, `items[2].code`), what kind of problem, and what is accepted.
///
/// ```swift
/// ParamProblem(param: "reason", .invalid, "'dead' is not accepted; use death, left, recovery or withdrawn")
/// ```
public struct ParamProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A member the operation does not take.
        case unknown
        /// A required member left out.
        case missing
        /// A member of the wrong JSON type.
        case wrongType
        /// A member of the right type whose value is not accepted (not one of
        /// the allowed values, out of range, too long, not a date).
        case invalid

        /// Whether the problem is with the request's shape rather than a value:
        /// JSON-RPC's invalid params (-32602); a value problem is invalid input (1004).
        public var isStructural: Bool { self != .invalid }
    }

    public var param: String
    public var kind: Kind
    public var message: String

    public init(param: String, _ kind: Kind, _ message: String) {
        self.param = param
        self.kind = kind
        self.message = message
    }

    public var description: String { param.isEmpty ? message : "\(param): \(message)" }

    public var json: JSONValue { ["param": .string(param), "message": .string(message)] }

    /// The same problem one level down: inside the member `name` of an object.
    func within(_ name: String) -> ParamProblem {
        ParamProblem(param: param.isEmpty ? name : (param.hasPrefix("[") ? name + param : "\(name).\(param)"), kind, message)
    }
}

/// The problems found reading a value or a request's params, every one of
/// them, so that a caller can fix all at once.
public struct ParamProblems: Error, Sendable, Equatable {
    public var list: [ParamProblem]

    public init(_ list: [ParamProblem]) {
        self.list = list
    }

    /// A value that is not accepted: `'dead' is not accepted; use …`.
    public static func invalid(_ message: String) -> ParamProblems {
        ParamProblems([ParamProblem(param: "", .invalid, message)])
    }

    /// A value of the wrong JSON type.
    public static func wrongType(expected: String, found value: JSONValue) -> ParamProblems {
        ParamProblems([ParamProblem(param: "", .wrongType, "expected \(expected), found \(value.typeName)")])
    }

    /// The same problems inside the member or element `name` (`agent`, `[2]`).
    public func within(_ name: String) -> ParamProblems {
        ParamProblems(list.map { $0.within(name) })
    }
}
