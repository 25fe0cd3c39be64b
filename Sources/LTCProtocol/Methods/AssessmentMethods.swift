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
                name: "assessment.score",
                summary: "Scores a complete set of answers: each dimension's score and level, the grade, and why.",
                parameters: [
                    RPCParameter("form", .string, "The form id, e.g. cn-ltc-2021."),
                    RPCParameter("answers", .object, "Item id → the chosen option's score (integer), or for a frequency item {\"perDay\"|\"perWeek\"|\"perMonth\": n}; one per item that applies."),
                    RPCParameter("conditions", .object, required: false, "Condition id → value, for forms with conditions (coma, diagnoses, riskEvents, ageMonths, …); left out, a condition takes its default."),
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
                try form.score(answers: params.object("answers")!, conditions: params.object("conditions") ?? [:]).encode(into: &out)
            },
        ]
    }
}
