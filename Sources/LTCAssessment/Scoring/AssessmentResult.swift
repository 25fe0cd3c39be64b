import LTCCore

/// The outcome of scoring one set of answers on one form: each dimension's
/// score and level, the grade, what decided it, and any adjustment that
/// changed it.
///
/// The result keeps the form's id and version, so that a stored result can be
/// read back even after the form file changes.
public struct AssessmentResult: Sendable, Equatable {
    public var formID: String
    public var formVersion: String
    /// One per dimension, in form order.
    public var dimensions: [DimensionResult]
    /// The final grade, after adjustments.
    public var grade: Grade
    /// The table cell that gave the grade before adjustments, for forms graded by table.
    public var decision: GradeDecision?
    /// The total and threshold that gave the grade before adjustments, for forms graded by total.
    public var total: TotalDecision? = nil
    /// The adjustments that fired, in form order; empty when none did.
    public var adjustments: [AppliedAdjustment] = []
    /// The conditions the result was scored with (defaults included), in form order.
    public var conditions: [(id: String, value: ConditionValue)] = []
    public var explanation: Explanation

    public func dimension(_ id: String) -> DimensionResult? {
        dimensions.first { $0.dimension.id == id }
    }

    /// The grade the items gave, before adjustments.
    public var unadjustedGrade: Int { total?.grade ?? decision?.grade ?? grade.level }

    public static func == (lhs: AssessmentResult, rhs: AssessmentResult) -> Bool {
        lhs.formID == rhs.formID && lhs.formVersion == rhs.formVersion && lhs.dimensions == rhs.dimensions
            && lhs.grade == rhs.grade && lhs.decision == rhs.decision && lhs.total == rhs.total
            && lhs.adjustments == rhs.adjustments && lhs.explanation == rhs.explanation
            && lhs.conditions.map(\.id) == rhs.conditions.map(\.id) && lhs.conditions.map(\.value) == rhs.conditions.map(\.value)
    }
}

/// How a total gave the grade before adjustments.
public struct TotalDecision: Sendable, Equatable {
    /// For each "higher of" set, the dimension that counted.
    public struct HigherOf: Sendable, Equatable {
        public var dimensions: [String]
        public var counted: String
    }

    public var measure: TotalGrading.Measure
    public var total: Points
    public var higherOf: [HigherOf]
    /// The threshold the total reached.
    public var threshold: TotalGrading.Threshold
    public var grade: Int
}

/// An adjustment rule that fired and the grade it proposed.
public struct AppliedAdjustment: Sendable, Equatable {
    public var adjustment: Adjustment
    /// The grade before adjustments, and the one this rule proposed from it.
    public var from: Int
    public var proposed: Int
    /// The reason an assessor gave with a flag that requires one.
    public var note: String?
    /// The codes that matched a code-range clause (`F01.1`).
    public var codes: [String] = []
}
