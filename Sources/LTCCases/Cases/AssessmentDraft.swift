import LTCCore

/// The answers an assessor has given so far in a walk-through of a form,
/// kept per case and assessor as they are given, so that an interrupted
/// visit (Ctrl-C, a lost connection, the end of input) loses nothing: the
/// walk-through resumes from it (`ltc case assess ID --resume`), and the
/// assessment that completes it removes it. A draft is a working copy, not
/// a decision: it is never scored, determined from or shown to anyone but
/// its assessor, and the audit trail records the assessment, not each answer.
///
/// ```swift
/// let draft = AssessmentDraft(caseID: 1, assessor: "A1", formID: "cn-ltc-2021",
///                             answers: ["adl.eating": 5], conditions: [:], savedAt: clock.instant())
/// ```
public struct AssessmentDraft: Sendable, Equatable {
    public var caseID: Int
    /// The assessor's id (the actor `assessor:ID`).
    public var assessor: String
    public var formID: String
    /// Item id → the answer given, as `case.assess` takes it.
    public var answers: JSONObject
    /// Condition id → value, as `case.assess` takes it.
    public var conditions: JSONObject
    /// Where the visit takes place and its date, as the walk-through was started with them.
    public var place: String?
    public var visitDate: CalendarDate?
    /// When it was last saved (UTC, ISO 8601).
    public var savedAt: String

    public init(caseID: Int, assessor: String, formID: String, answers: JSONObject, conditions: JSONObject, place: String? = nil,
                visitDate: CalendarDate? = nil, savedAt: String) {
        self.caseID = caseID
        self.assessor = assessor
        self.formID = formID
        self.answers = answers
        self.conditions = conditions
        self.place = place
        self.visitDate = visitDate
        self.savedAt = savedAt
    }

    /// `{case, assessor, form, answers, conditions, place, date, savedAt}`.
    public var json: JSONValue {
        ["case": .integer(caseID), "assessor": .string(assessor), "form": .string(formID),
         "answers": .object(answers), "conditions": .object(conditions), "place": place.map(JSONValue.string) ?? .null,
         "date": visitDate.map { .string($0.description) } ?? .null, "savedAt": .string(savedAt)]
    }

    public init?(json: JSONValue) {
        guard let caseID = json["case"]?.intValue, let assessor = json["assessor"]?.stringValue, let formID = json["form"]?.stringValue,
              let answers = json["answers"]?.objectValue, let conditions = json["conditions"]?.objectValue,
              let savedAt = json["savedAt"]?.stringValue else { return nil }
        self.init(caseID: caseID, assessor: assessor, formID: formID, answers: answers, conditions: conditions,
                  place: json["place"]?.stringValue, visitDate: json["date"]?.stringValue.flatMap(CalendarDate.init), savedAt: savedAt)
    }
}
