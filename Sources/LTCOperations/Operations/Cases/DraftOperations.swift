import LTCCases
import LTCCore

/// `case.draftSave`: the assessor's answers so far, kept to resume the
/// assessment later or on another device (``AssessmentDraft``). The web
/// assessment form saves one after each answer; `ltc case assess` keeps one
/// the same way through ``CaseService/saveDraft(_:actor:)``. A draft decides
/// nothing: it is not scored, and `case.assess` removes it.
public enum SaveDraft: StoreOperation {
    public static let name = "case.draftSave"
    public static let command = "case draft save"
    public static let summary = "Keep an assigned assessor's answers so far as the draft of the case's assessment, replacing an earlier draft."
    public static let discussion = "Only an assessor assigned to the case keeps and reads its draft. Not audited: the assessment it becomes is."
    public static let access = AccessRule.record(roles: [.assessor], rule: "one assigned to the case")
    public static let effect = OperationEffect.writes
    public static let result = "the draft: {case, assessor, form, answers, conditions, place, date, savedAt}"
    public static let example: JSONObject = ["actor": "assessor:A01", "case": 1, "form": "cn-ltc-2021", "answers": ["adl.eating": 5]]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("form", "The form id, e.g. cn-ltc-2021.", .text(.id)) public var form: String
        @Param("answers", "Item id → the chosen option's score, as far as given.") public var answers: JSONObject
        @Param("conditions", "Condition id → value, as far as given.") public var conditions: JSONObject?
        @Param("place", "Where the visit takes place.", .text(.note)) public var place: String?
        @Param("date", "The date of the visit.") public var date: CalendarDate?
        public init() {}
    }

    /// The most answers, and the most conditions, a draft keeps: as many as a list param may hold, far more than any form has items.
    public static let maxMembers = 1000

    public static func run(_ input: Input, _ context: StoreContext) throws -> DraftOutput {
        // A draft is not scored, so its item ids are not checked against the form; they are still bounded like every field.
        for (field, object) in [("answers", input.answers), ("conditions", input.conditions ?? [:])] {
            guard object.count <= maxMembers else {
                throw InputError(source: "params.\(field)", message: "\(field): \(object.count) members are more than the \(maxMembers) a draft keeps")
            }
            for key in object.keys {
                try PlainText.require(key, field, as: .id)
                guard key.unicodeScalars.count <= PlainText.Kind.id.maxLength else {
                    throw InputError(source: "params.\(field)", message: "\(field): an id of \(key.unicodeScalars.count) characters is longer than the \(PlainText.Kind.id.maxLength) an id may hold")
                }
            }
        }
        let draft = AssessmentDraft(caseID: input.caseID, assessor: context.actor.id, formID: input.form, answers: input.answers,
                                    conditions: input.conditions ?? [:], place: input.place, visitDate: input.date, savedAt: "")
        try context.services.cases.saveDraft(draft, actor: context.actor)
        return DraftOutput(caseID: input.caseID, draft: try context.services.cases.draft(caseID: input.caseID, actor: context.actor))
    }
}

/// `case.draft`: the assessor's own draft of a case, to resume it.
public enum GetDraft: StoreOperation {
    public static let name = "case.draft"
    public static let command = "case draft show"
    public static let summary = "The assessor's own draft of the case's assessment, or null when none is kept."
    public static let access = AccessRule.record(roles: [.assessor], rule: "one assigned to the case")
    public static let effect = OperationEffect.reads
    public static let result = "the draft {case, assessor, form, answers, conditions, place, date, savedAt}, or null"
    public static let example: JSONObject = ["actor": "assessor:A01", "case": 1]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> DraftOutput {
        DraftOutput(caseID: input.caseID, draft: try context.services.cases.draft(caseID: input.caseID, actor: context.actor))
    }
}

/// A draft, or none.
public struct DraftOutput: OperationOutput {
    public let caseID: Int
    public let draft: AssessmentDraft?
    public var json: JSONValue { draft?.json ?? .null }
    public var text: String {
        guard let draft else { return "case \(caseID): no draft" }
        return "case \(caseID): draft of \(draft.formID), \(draft.answers.count) answer(s), saved \(draft.savedAt)"
    }
    public static var schema: JSONSchema {
        JSONSchema.object(["case": .integer(), "assessor": .string(), "form": .string(), "answers": .openObject(), "conditions": .openObject(),
                           "place": JSONSchema.string().orNull, "date": JSONSchema.string().orNull, "savedAt": .string()],
                          required: ["case", "assessor", "form", "answers", "conditions", "savedAt"]).orNull
    }
}
