import LTCCore

/// A scheme file that cannot be used, with every problem found in it.
public struct SchemeError: LTCError, Equatable {
    public var file: String
    public var problems: [JSONProblem]

    public init(file: String, problems: [JSONProblem]) {
        self.file = file
        self.problems = problems
    }

    public var kind: String { "invalidScheme" }

    public var details: JSONObject {
        ["file": .string(file), "problems": .array(problems.map(\.json))]
    }

    /// One line per problem, each naming the file.
    public var description: String {
        problems.map { "\(file): \($0)" }.joined(separator: "\n")
    }
}
