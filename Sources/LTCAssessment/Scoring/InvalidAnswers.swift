import LTCCore

/// Answers that cannot be scored, with every problem in them, not just the first.
///
/// ```swift
/// do { _ = try form.score(["adl.eating": 7]) }
/// catch { error.problems.count }   // 17: one wrong score and 16 missing items
/// ```
public struct InvalidAnswers: LTCError, Equatable {
    public var formID: String
    /// Problems with given answers in the order given, then missing items in form order.
    public var problems: [AnswerProblem]

    public var kind: String { "invalidAnswers" }

    public var details: JSONObject {
        ["form": .string(formID), "problems": .array(problems.map(\.json))]
    }

    /// One line naming every problem.
    public var description: String {
        let count = problems.count == 1 ? "1 invalid answer" : "\(problems.count) invalid answers"
        return "\(count) for form \(formID): " + problems.map(\.description).joined(separator: "; ")
    }
}
