import LTCCore

/// A request whose params cannot be read: every problem, each naming its param.
///
/// A problem with the request's shape (an unknown or missing param, a value
/// of the wrong JSON type) makes it JSON-RPC's invalid params (-32602, and
/// a wrong command line, exit 64); values of the right type that are not
/// accepted make it invalid input (1004, exit 65), as any unusable value is.
///
/// ```swift
/// // Invalid params: id: unknown parameter; accepted: form; form: missing required parameter (string)
/// ```
public struct ParamsError: LTCError, Equatable {
    public var problems: [ParamProblem]

    public init(problems: [ParamProblem]) {
        self.problems = problems
    }

    /// Whether any problem is with the request's shape.
    public var isStructural: Bool { problems.contains { $0.kind.isStructural } }

    public var kind: String { isStructural ? "invalidParams" : "invalidInput" }

    public var details: JSONObject { ["problems": .array(problems.map(\.json))] }

    public var description: String {
        let list = problems.map(\.description).joined(separator: "; ")
        return isStructural ? "Invalid params: \(list)" : list
    }
}
