import LTCCore

/// One on-site assessment as recorded: the form and version, the answers,
/// the computed result as it was computed (so a later edit of the form never
/// rewrites history), when, where and by whom.
public struct AssessmentRecord: Sendable, Equatable {
    public enum Round: String, Sendable {
        /// The first assessment of the application.
        case initial
        /// A periodic or ordered re-assessment of a grade in force.
        case review
        /// 复评 after an objection: its result is final.
        case reassessment
        /// 抽查复评: a determination drawn at random and assessed again by others.
        case audit
        /// A result on another form, recognized in place of an assessment (``Recognition``).
        case recognized
    }

    public var id: Int
    public var caseID: Int
    public var round: Round
    public var formID: String
    public var formVersion: String
    public var answers: JSONObject
    /// The result as `assessment.score` returned it.
    public var result: JSONValue
    public var grade: Int
    public var assessedOn: CalendarDate
    public var place: String
    public var assessors: [String]
    public var recordedBy: String

    /// What was recognized, for a ``Round/recognized`` record: the form, its grade, the source, the reference.
    public var recognition: JSONValue? { result["recognized"] }

    public var json: JSONValue {
        [
            "id": .integer(id), "case": .integer(caseID), "round": .string(round.rawValue),
            "form": ["id": .string(formID), "version": .string(formVersion)],
            "grade": .integer(grade), "assessedOn": .string(assessedOn.description), "place": .string(place),
            "assessors": .array(assessors.map { .string($0) }), "recordedBy": .string(recordedBy),
            "answers": .object(answers), "result": result,
        ]
    }

    /// A record read back from its ``json`` (as stored); `nil` if it is damaged.
    public init?(json: JSONValue, id: Int) {
        guard let caseID = json["case"]?.intValue, let round = json["round"]?.stringValue.flatMap(Round.init),
              let formID = json["form"]?["id"]?.stringValue, let version = json["form"]?["version"]?.stringValue,
              let answers = json["answers"]?.objectValue, let result = json["result"], let grade = json["grade"]?.intValue,
              let assessedOn = json["assessedOn"]?.stringValue.flatMap(CalendarDate.init), let place = json["place"]?.stringValue,
              let assessors = json["assessors"]?.arrayValue?.compactMap(\.stringValue), let recordedBy = json["recordedBy"]?.stringValue
        else { return nil }
        self.init(id: id, caseID: caseID, round: round, formID: formID, formVersion: version, answers: answers, result: result,
                  grade: grade, assessedOn: assessedOn, place: place, assessors: assessors, recordedBy: recordedBy)
    }

    public init(id: Int, caseID: Int, round: Round, formID: String, formVersion: String, answers: JSONObject, result: JSONValue,
                grade: Int, assessedOn: CalendarDate, place: String, assessors: [String], recordedBy: String) {
        self.id = id
        self.caseID = caseID
        self.round = round
        self.formID = formID
        self.formVersion = formVersion
        self.answers = answers
        self.result = result
        self.grade = grade
        self.assessedOn = assessedOn
        self.place = place
        self.assessors = assessors
        self.recordedBy = recordedBy
    }
}
