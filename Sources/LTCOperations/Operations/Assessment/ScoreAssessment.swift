import LTCAssessment
import LTCCore

/// `assessment.score`: a complete set of answers scored on a form, with the grade and why.
public enum ScoreAssessment: ComputeOperation {
    public static let name = "assessment.score"
    public static let summary = "Scores a complete set of answers: each dimension's score and level, the grade, and why."
    public static let command = "score"
    public static let result = "{form: {id, version}, grade: {level, label: {zh, en}}, total?, dimensions: {<id>: {name, score, range, level?, label?, band?, weighted?, counted?, groups?, lowered}}, decision: {row, column, grade} or {measure, total, higherOf, threshold, grade}, conditions?, adjustments?, explanation: {zh, en}}"
    public static let example: JSONObject = ["form": "barthel", "answers": [
        "barthel.feeding": 5, "barthel.bathing": 0, "barthel.grooming": 0, "barthel.dressing": 5,
        "barthel.bowels": 10, "barthel.bladder": 5, "barthel.toilet": 5, "barthel.transfer": 10,
        "barthel.mobility": 10, "barthel.stairs": 0,
    ]]

    public struct Input: Params {
        @Param("form", "The form id, e.g. cn-ltc-2021.", .text(.id)) public var form: String
        @Param("answers", "Item id → the chosen option's score (integer), or for a frequency item {\"perDay\"|\"perWeek\"|\"perMonth\": n}; one per item that applies.")
        public var answers: JSONObject?
        @Param("conditions", "Condition id → value, for forms with conditions (coma, diagnoses, riskEvents, ageMonths, …); left out, a condition takes its default.")
        public var conditions: JSONObject?
        @Param("response", "Instead of answers and conditions: a FHIR QuestionnaireResponse to the form's Questionnaire (forms.questionnaire).")
        public var response: JSONObject?
        @Param("fhir", "Return the scored QuestionnaireResponse instead of the result (needs response).", default: false)
        public var fhir: Bool
        public init() {}
    }

    public static func run(_ input: Input, _ context: ComputeContext) throws -> ScoreOutput {
        let form = try context.forms.form(id: input.form)
        switch (input.answers, input.response) {
        case (let answers?, nil):
            if input.fhir { throw InputError(source: "params.fhir", message: "needs params.response, a QuestionnaireResponse") }
            return ScoreOutput(form: form, result: try form.score(answers: answers, conditions: input.conditions ?? [:]), response: nil)
        case (nil, let response?):
            let document = JSONValue.object(response)
            let named = try FHIR.formID(ofResponse: document, source: "params.response")
            guard named == form.id else {
                throw InputError(source: "params.response", message: "answers form '\(named)', not '\(form.id)'")
            }
            let (answers, conditions) = try form.answers(fromFHIR: document, source: "params.response")
            let result = try form.score(answers: answers, conditions: conditions)
            let scored: JSONValue? = input.fhir ? .some(form.fhirScoredResponse(document, result: result)) : .none
            return ScoreOutput(form: form, result: result, response: scored)
        default:
            throw InputError(source: "params", message: "give either answers (with conditions) or response, not both or neither")
        }
    }
}

/// A scored assessment, written straight into the response; or, asked for,
/// the scored FHIR QuestionnaireResponse.
public struct ScoreOutput: OperationOutput {
    public let form: AssessmentForm
    public let result: AssessmentResult
    /// The scored QuestionnaireResponse, when the request asked for it.
    public let response: JSONValue?

    public var json: JSONValue {
        if let response { return response }
        var out = JSONOutput()
        result.encode(into: &out)
        return (try? JSONParser.parse(out.bytes)) ?? .null
    }

    public func encode(into out: inout JSONOutput) {
        if let response { out.value(response) } else { result.encode(into: &out) }
    }

    public var text: String {
        if let response { return JSONWriter.string(response, style: .indented) }
        return ResultText.render(result, form: form)
    }

    public static var schema: JSONSchema {
        .object([
            ("form", .object(["id": .string(), "version": .string()], required: ["id", "version"])),
            ("grade", .object(["level": .integer(), "label": .openObject()], required: ["level", "label"])),
            ("total", .number()),
            ("dimensions", .map(.openObject())),
            ("decision", .openObject()),
            ("conditions", .openObject()),
            ("adjustments", .array(.openObject())),
            ("explanation", .openObject()),
        ], required: ["form", "grade", "dimensions", "decision", "explanation"]).describing("The scored result; with fhir, a FHIR QuestionnaireResponse instead.")
    }
}
