import LTCCore

/// A form file that cannot be used, with every problem found in it.
///
/// Each problem names the JSON path and what is wrong, for example
/// `AssessmentForms/cn-ltc-2021.json: $.dimensions[0].bands[2]: scores 60–65
/// overlap band level 1 (65–95) at 65`.
public struct FormFileError: LTCError, Equatable {
    /// The file as the user named it, or `AssessmentForms/NAME (built in)`.
    public var file: String
    public var problems: [JSONProblem]

    public init(file: String, problems: [JSONProblem]) {
        self.file = file
        self.problems = problems
    }

    public var kind: String { "invalidFormFile" }

    public var details: JSONObject {
        ["file": .string(file), "problems": .array(problems.map(\.json))]
    }

    /// One line per problem, each naming the file.
    public var description: String {
        problems.map { "\(file): \($0)" }.joined(separator: "\n")
    }
}
