import LTCAssessment
import LTCCore

/// The JSON-RPC methods of the assessment module: `forms.list`, `forms.get`
/// and `assessment.score`. Each one calls the same library API as the CLI.
public struct AssessmentMethods: Sendable {
    public let catalog: FormCatalog

    public init(catalog: FormCatalog) {
        self.catalog = catalog
    }

    public var methods: [RPCMethod] {
        let catalog = self.catalog
        return [
            RPCMethod(
                name: "forms.list",
                summary: "The assessment forms this ltc has loaded.",
                parameters: [],
                result: "{forms: [{id, version, title: {zh, en}, items, dimensions, grades}]}",
                example: [:],
                ordering: .independent
            ) { _ in
                ["forms": .array(catalog.forms.map(\.summaryJSON))]
            },
            RPCMethod(
                name: "forms.get",
                summary: "One form with its dimensions, bands, items, options (zh and en), grades and grading table.",
                parameters: [RPCParameter("form", .string, "The form id, e.g. cn-ltc-2021.")],
                result: "The form in the form-file format of AssessmentForms/README.md.",
                example: ["form": "barthel"],
                ordering: .independent
            ) { params in
                try catalog.form(id: params.string("form")!).json
            },
            RPCMethod(
                name: "forms.questionnaire",
                summary: "One form as a FHIR R4 Questionnaire (scores in itemWeight, English in the translation extension).",
                parameters: [RPCParameter("form", .string, "The form id, e.g. cn-ltc-2021.")],
                result: "A FHIR R4 Questionnaire resource.",
                example: ["form": "barthel"],
                ordering: .independent
            ) { params in
                try catalog.form(id: params.string("form")!).fhirQuestionnaire
            },
            RPCMethod(
                name: "assessment.score",
                summary: "Scores a complete set of answers: each dimension's score and level, the grade, and why.",
                parameters: [
                    RPCParameter("form", .string, "The form id, e.g. cn-ltc-2021."),
                    RPCParameter("answers", .object, required: false, "Item id → the chosen option's score (integer), or for a frequency item {\"perDay\"|\"perWeek\"|\"perMonth\": n}; one per item that applies."),
                    RPCParameter("conditions", .object, required: false, "Condition id → value, for forms with conditions (coma, diagnoses, riskEvents, ageMonths, …); left out, a condition takes its default."),
                    RPCParameter("response", .object, required: false, "Instead of answers and conditions: a FHIR QuestionnaireResponse to the form's Questionnaire (forms.questionnaire)."),
                    RPCParameter("fhir", .boolean, required: false, "Return the scored QuestionnaireResponse instead of the result (needs response)."),
                ],
                result: "{form: {id, version}, grade: {level, label: {zh, en}}, total?, dimensions: {<id>: {name, score, range, level?, label?, band?, weighted?, counted?, groups?, lowered}}, decision: {row, column, grade} or {measure, total, higherOf, threshold, grade}, conditions?, adjustments?, explanation: {zh, en}}",
                example: ["form": "barthel", "answers": [
                    "barthel.feeding": 5, "barthel.bathing": 0, "barthel.grooming": 0, "barthel.dressing": 5,
                    "barthel.bowels": 10, "barthel.bladder": 5, "barthel.toilet": 5, "barthel.transfer": 10,
                    "barthel.mobility": 10, "barthel.stairs": 0,
                ]],
                ordering: .independent
            ) { params, out in
                let form = try catalog.form(id: params.string("form")!)
                switch (params.object("answers"), params.object("response")) {
                case (let answers?, nil):
                    if params.bool("fhir") == true { throw InputError(source: "params.fhir", message: "needs params.response, a QuestionnaireResponse") }
                    try form.score(answers: answers, conditions: params.object("conditions") ?? [:]).encode(into: &out)
                case (nil, let response?):
                    let document = JSONValue.object(response)
                    let named = try FHIR.formID(ofResponse: document, source: "params.response")
                    guard named == form.id else {
                        throw InputError(source: "params.response", message: "answers form '\(named)', not '\(form.id)'")
                    }
                    let (answers, conditions) = try form.answers(fromFHIR: document, source: "params.response")
                    let result = try form.score(answers: answers, conditions: conditions)
                    if params.bool("fhir") == true {
                        out.value(form.fhirScoredResponse(document, result: result))
                    } else {
                        result.encode(into: &out)
                    }
                default:
                    throw InputError(source: "params", message: "give either answers (with conditions) or response, not both or neither")
                }
            },
        ]
    }
}
