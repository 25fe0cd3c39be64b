import LTCCases
import LTCCore

/// Who may take the lifecycle's `action`: its role, as ``Lifecycle`` lists it.
private func lifecycleAccess(_ action: CaseAction) -> AccessRule {
    guard let transition = Lifecycle.transitions.first(where: { $0.action == action }) else {
        preconditionFailure("the lifecycle has no transition '\(action.rawValue)'")
    }
    return .permission(.transition(transition))
}

/// `case.recognize`: another department's result stands in for the assessment.
public enum RecognizeResult: StoreOperation {
    public static let name = "case.recognize"
    public static let summary = "Recognize another department's result (e.g. GB/T 42195) in place of an assessment (评估结果互认), where the scheme maps its grade."
    public static let discussion = "The scheme's assessment.recognition names the forms, how recent a result may be, and which of their grades stand for which of its own."
    public static let access = lifecycleAccess(.recognize)
    public static let effect = OperationEffect.writes
    public static let result = "{case, assessment}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "form": "gbt-42195-2022", "grade": 4, "assessedOn": "2026-02-10",
                                             "issuedBy": "区民政局", "reference": "MZ-2026-0012"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("form", "The other form's id, e.g. gbt-42195-2022.", .text(.id)) public var form: String
        @Param("grade", "The grade on that form.") public var grade: Int
        @Param("assessedOn", "The result's date (YYYY-MM-DD).") public var assessedOn: CalendarDate
        @Param("issuedBy", "Who issued it.") public var issuedBy: String
        @Param("reference", "Its document number.") public var reference: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> RecognitionOutput {
        let (record, assessment) = try context.services.cases.recognize(
            caseID: input.caseID, formID: input.form, grade: input.grade, assessedOn: input.assessedOn, issuedBy: input.issuedBy,
            reference: input.reference, actor: context.actor, asOf: context.asOf)
        return RecognitionOutput(record: record, assessment: assessment, form: input.form, grade: input.grade, reference: input.reference)
    }
}

/// `case.reportChange`: the person reports a changed condition; a re-assessment is due.
public enum ReportConditionChange: StoreOperation {
    public static let name = "case.reportChange"
    public static let summary = "Record the person's report of a changed condition: a re-assessment is due before the grade ends, its visit within the scheme's working days."
    public static let discussion = "Taken once the grade has been in force the scheme's conditionChangeAfterMonths, and once until its re-assessment."
    public static let command = "case change-of-condition"
    public static let access = lifecycleAccess(.reportChange)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "reason": "a stroke in May"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("reason", "What changed.", .text(.note)) public var reason: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> ChangedCaseOutput {
        ChangedCaseOutput(record: try context.services.cases.reportChange(caseID: input.caseID, reason: input.reason, actor: context.actor,
                                                                          asOf: context.asOf))
    }
}

/// `case.auditDraw`: a month's determinations drawn for audit re-assessment, with a kept seed.
public enum DrawAudits: StoreOperation {
    public static let name = "case.auditDraw"
    public static let summary = "Draw the scheme's share (auditRate) of a month's determinations for an audit re-assessment (抽查复评), with a kept seed."
    public static let discussion = "The share is rounded up; the month must be over. Giving the seed of an earlier draw replays it."
    public static let access = lifecycleAccess(.assign)
    public static let effect = OperationEffect.writes
    public static let result = "{month, seed, pool, picked}"
    public static let example: JSONObject = ["actor": "administrator:wang", "scheme": "shanghai-2026", "month": "2026-05"]

    public struct Input: Params {
        @Param("scheme", "The scheme id.", .text(.id)) public var scheme: String
        @Param("month", "The month whose determinations are drawn from (YYYY-MM), a month that is over.") public var month: YearMonth
        @Param("seed", "The draw's seed, a whole number as digits (default: a random one, kept in the audit trail).") public var seed: DrawSeed?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AuditDrawOutput {
        AuditDrawOutput(draw: try context.services.cases.drawAudits(schemeID: input.scheme, month: input.month, seed: input.seed?.value,
                                                                    actor: context.actor, asOf: context.asOf))
    }
}

/// `assessor.findings`: grades changed on audit, held against the first assessors.
public enum ListFindings: StoreOperation {
    public static let name = "assessor.findings"
    public static let summary = "Grades changed on audit re-assessment, held against the first assessors, by id, a page at a time."
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{findings: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "assessor": "A01"]

    public struct Input: Params {
        @Param("assessor", "Only this assessor's.", .text(.id)) public var assessor: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<AssessorFinding> {
        Listing(try context.services.cases.findings(assessor: input.assessor, actor: context.actor, page: try input.page.request()))
    }
}

/// A result recognized: the case and the assessment that stands for it.
public struct RecognitionOutput: OperationOutput {
    public let record: Case
    public let assessment: AssessmentRecord
    /// What was recognized, as the request gave it.
    public let form: String
    public let grade: Int
    public let reference: String

    public var json: JSONValue { ["case": record.json, "assessment": assessment.json] }
    public var text: String {
        "case \(record.id): \(form) grade \(grade) recognized as grade \(assessment.grade) (\(reference)); next: determine"
    }
    public static var schema: JSONSchema {
        .object(["case": JSONSchema.openObject().describing("The case, as case.get gives it."),
                 "assessment": JSONSchema.openObject().describing("The assessment of round recognized; its result.recognized says what was recognized.")],
                required: ["case", "assessment"])
    }
}

/// A case after a change: its state and what can come next.
public struct ChangedCaseOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String { CaseText.summary(record) }
    public static var schema: JSONSchema { JSONSchema.openObject().describing("The case, as case.get gives it.") }
}

/// What an audit draw picked.
public struct AuditDrawOutput: OperationOutput {
    public let draw: CaseService.AuditDraw
    public var json: JSONValue { draw.json }
    public var text: String {
        "\(draw.month): \(draw.picked.count) of \(draw.pool.count) determinations drawn for audit (seed \(draw.seed)): cases \(draw.picked.map(String.init).joined(separator: ", "))"
    }
    public static var schema: JSONSchema { RecordSchemas.auditDraw }
}

extension AssessorFinding: Listable {
    public static let listName = "findings"
    public static var itemSchema: JSONSchema { RecordSchemas.assessorFinding }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ findings: [AssessorFinding]) -> String {
        guard !findings.isEmpty else { return "no findings" }
        return findings.map { finding in
            "\(finding.id)\t\(finding.assessor)\tcase \(finding.caseID)\tgrade \(finding.grade) → \(finding.auditedGrade) (\(finding.direction))\t\(finding.foundOn)"
        }.joined(separator: "\n")
    }
}
