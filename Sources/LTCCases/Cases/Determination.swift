import LTCCore

/// A grade decided from an assessment, and when it holds.
public struct Determination: Sendable, Equatable {
    public var assessmentID: Int
    public var grade: Int
    public var gradeLabel: String
    public var decidedOn: CalendarDate
    /// Whether the grade reaches the scheme's minimum grade for benefits.
    public var benefitsEligible: Bool
    /// Set when the grade takes effect.
    public var validFrom: CalendarDate?
    public var validUntil: CalendarDate?

    public var json: JSONValue {
        [
            "assessment": .integer(assessmentID),
            "grade": .integer(grade),
            "gradeLabel": .string(gradeLabel),
            "decidedOn": .string(decidedOn.description),
            "benefitsEligible": .bool(benefitsEligible),
            "validFrom": validFrom.map { .string($0.description) } ?? .null,
            "validUntil": validUntil.map { .string($0.description) } ?? .null,
        ]
    }

    init?(json: JSONValue) {
        guard let assessment = json["assessment"]?.intValue, let grade = json["grade"]?.intValue,
              let label = json["gradeLabel"]?.stringValue,
              let decided = json["decidedOn"]?.stringValue.flatMap(CalendarDate.init),
              let eligible = json["benefitsEligible"]?.boolValue else { return nil }
        assessmentID = assessment
        self.grade = grade
        gradeLabel = label
        decidedOn = decided
        benefitsEligible = eligible
        validFrom = json["validFrom"]?.stringValue.flatMap(CalendarDate.init)
        validUntil = json["validUntil"]?.stringValue.flatMap(CalendarDate.init)
    }

    public init(assessmentID: Int, grade: Int, gradeLabel: String, decidedOn: CalendarDate, benefitsEligible: Bool,
         validFrom: CalendarDate? = nil, validUntil: CalendarDate? = nil) {
        self.assessmentID = assessmentID
        self.grade = grade
        self.gradeLabel = gradeLabel
        self.decidedOn = decidedOn
        self.benefitsEligible = benefitsEligible
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}
