/// The outcome of scoring one set of answers on one form: each dimension's
/// score and level, the grade, and the table cell that decided it.
///
/// The result keeps the form's id and version, so that a stored result can be
/// read back even after the form file changes.
public struct AssessmentResult: Sendable, Equatable {
    public var formID: String
    public var formVersion: String
    /// One per dimension, in form order.
    public var dimensions: [DimensionResult]
    public var grade: Grade
    public var decision: GradeDecision
    public var explanation: Explanation

    public func dimension(_ id: String) -> DimensionResult? {
        dimensions.first { $0.dimension.id == id }
    }
}
