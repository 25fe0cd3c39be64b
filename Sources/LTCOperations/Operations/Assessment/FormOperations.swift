import LTCAssessment
import LTCCore

/// `forms.list`: the instruments this ltc has loaded.
public enum ListForms: ComputeOperation {
    public static let name = "forms.list"
    public static let summary = "The assessment forms this ltc has loaded."
    public static let result = "{forms: [{id, version, title: {zh, en}, items, dimensions, grades}]}"
    public static let example: JSONObject = [:]
    public typealias Input = NoParams

    public static func run(_ input: NoParams, _ context: ComputeContext) throws -> FormsOutput {
        FormsOutput(forms: context.forms.forms)
    }
}

/// `forms.get`: one instrument whole, in the form-file format.
public enum GetForm: ComputeOperation {
    public static let name = "forms.get"
    public static let summary = "One form with its dimensions, bands, items, options (zh and en), grades and grading table."
    public static let command = "forms show"
    public static let result = "The form in the form-file format of AssessmentForms/README.md."
    public static let example: JSONObject = ["form": "barthel"]

    public struct Input: Params {
        @Param("form", "The form id, e.g. cn-ltc-2021.", .text(.id)) public var form: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: ComputeContext) throws -> FormOutput {
        FormOutput(form: try context.forms.form(id: input.form))
    }
}

/// `forms.questionnaire`: one instrument as a FHIR R4 Questionnaire.
public enum FormQuestionnaire: ComputeOperation {
    public static let name = "forms.questionnaire"
    public static let summary = "One form as a FHIR R4 Questionnaire (scores in itemWeight, English in the translation extension)."
    public static let command = "forms export"
    public static let result = "A FHIR R4 Questionnaire resource."
    public static let example: JSONObject = ["form": "barthel"]
    public typealias Input = GetForm.Input

    public static func run(_ input: Input, _ context: ComputeContext) throws -> DocumentOutput {
        DocumentOutput(json: try context.forms.form(id: input.form).fhirQuestionnaire, schema: .openObject())
    }
}

/// `forms.check`: the authoring check of a form file.
public enum CheckForm: ComputeOperation {
    public static let name = "forms.check"
    public static let summary = "Check a form file: its problems, and how bands and tables cover the reachable scores."
    public static let discussion = """
        Reports, for every dimension, the scores its items can reach and whether its bands cover them with no gap \
        and no overlap; for a grading table, whether every reachable cell has a grade; for a total, the totals \
        reachable and whether the first threshold covers the lowest. A form with problems is a result, not an \
        error: `problems` lists them (the command line exits 65).
        """
    public static let result = "{file, problems: [{path, message}], dimensions, table?, total?}"
    public static let example: JSONObject = ["form": ["format": "ltc-form/1"]]

    public struct Input: Params {
        @Param("form", "The form, as in a form file.") public var form: JSONDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: ComputeContext) throws -> FormCheckOutput {
        FormCheckOutput(check: AssessmentForm.check(text: input.form.bytes, source: input.form.source))
    }
}

/// The forms loaded: `{forms: [...]}`.
public struct FormsOutput: OperationOutput {
    public let forms: [AssessmentForm]
    public var json: JSONValue { ["forms": .array(forms.map(\.summaryJSON))] }
    public var text: String { FormText.list(forms) }
    public static var schema: JSONSchema { .object(["forms": .array(.openObject())], required: ["forms"]) }
}

/// One form in the form-file format.
public struct FormOutput: OperationOutput {
    public let form: AssessmentForm
    public var json: JSONValue { form.json }
    public var text: String { FormText.show(form) }
    public static var schema: JSONSchema { .openObject() }
}

/// A form's check: the report, which fails when the form has problems.
public struct FormCheckOutput: OperationOutput {
    public let check: FormCheck
    public var json: JSONValue { FormCheckText.json(check) }
    public var text: String { FormCheckText.render(check) }
    public var succeeded: Bool { check.problems.isEmpty }
    public static var schema: JSONSchema { .openObject() }
}
