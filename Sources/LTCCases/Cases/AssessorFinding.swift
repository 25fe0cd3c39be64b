import LTCCore

/// A grade changed by an audit re-assessment (抽查复评), held against the
/// assessors of the assessment the grade had been decided from: public LTCI
/// platforms track, per assessor, the share of results changed on audit
/// to pick assessors for review (`../shared/domain/cn-ltc-2021.md`, last procedure fact).
///
/// ```swift
/// AssessorFinding(id: 0, assessor: "A01", caseID: 7, assessmentID: 3, auditAssessmentID: 9,
///                 grade: 4, auditedGrade: 3, foundOn: CalendarDate("2026-06-10")!)
/// ```
public struct AssessorFinding: Sendable, Equatable {
    public var id: Int
    public var assessor: String
    public var caseID: Int
    /// The first assessment, and the audit's.
    public var assessmentID: Int
    public var auditAssessmentID: Int
    /// The grade decided from the first assessment, and the audit's.
    public var grade: Int
    public var auditedGrade: Int
    public var foundOn: CalendarDate

    public init(id: Int, assessor: String, caseID: Int, assessmentID: Int, auditAssessmentID: Int, grade: Int, auditedGrade: Int, foundOn: CalendarDate) {
        self.id = id
        self.assessor = assessor
        self.caseID = caseID
        self.assessmentID = assessmentID
        self.auditAssessmentID = auditAssessmentID
        self.grade = grade
        self.auditedGrade = auditedGrade
        self.foundOn = foundOn
    }

    /// `lowered` where the audit found a lower grade (the first was too generous), else `raised`.
    public var direction: String { auditedGrade < grade ? "lowered" : "raised" }

    public var json: JSONValue {
        [
            "id": .integer(id), "assessor": .string(assessor), "case": .integer(caseID), "assessment": .integer(assessmentID),
            "auditAssessment": .integer(auditAssessmentID), "grade": .integer(grade), "auditedGrade": .integer(auditedGrade),
            "direction": .string(direction), "foundOn": .string(foundOn.description),
        ]
    }

    public init?(json: JSONValue, id: Int) {
        guard let assessor = json["assessor"]?.stringValue, let caseID = json["case"]?.intValue, let assessment = json["assessment"]?.intValue,
              let audit = json["auditAssessment"]?.intValue, let grade = json["grade"]?.intValue, let audited = json["auditedGrade"]?.intValue,
              let found = json["foundOn"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.init(id: id, assessor: assessor, caseID: caseID, assessmentID: assessment, auditAssessmentID: audit, grade: grade,
                  auditedGrade: audited, foundOn: found)
    }
}
