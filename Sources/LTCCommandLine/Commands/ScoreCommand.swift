import ArgumentParser
import LTCAssessment
import LTCCore

/// `ltc score`: scores one set of answers and shows the grade and why.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a set of answers on a form.",
        discussion: """
            FILE holds the answers as JSON: either {"adl.eating": 10, …} (item id → the chosen \
            option's score) or {"form": "cn-ltc-2021", "answers": {…}, "conditions": {…}}, the \
            params of the assessment.score method (conditions only for forms that have them, \
            e.g. {"coma": false, "diagnoses": ["F01.1"], "riskEvents": 2} for gbt-42195-2022), \
            or a FHIR QuestionnaireResponse to the form's Questionnaire (`ltc forms export ID \
            --fhir`). Use - to read standard input.
            """
    )

    @Option(name: .customLong("form"), help: ArgumentHelp("The form id; may be left out when FILE names its form.", valueName: "id"))
    var formID: String?

    @Argument(help: ArgumentHelp("The answers file, or - for standard input.", valueName: "file"))
    var file: String

    @OptionGroup var forms: FormOptions
    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "Print the scored FHIR QuestionnaireResponse (FILE must be one).") var fhir = false

    func run() throws {
        try reportingErrors {
            let bytes = try readInput(file)
            if let document = try? JSONParser.parse(bytes), FHIR.isResponse(document) {
                try scoreResponse(document)
                return
            }
            if fhir {
                throw InputError(source: file, message: "--fhir needs a FHIR QuestionnaireResponse; this file holds native answers")
            }
            let (named, answers, conditions) = try Self.answers(from: bytes, source: file)
            if let formID, let named, named != formID {
                throw InputError(source: file, message: "names form '\(named)' but --form is '\(formID)'")
            }
            guard let id = formID ?? named else {
                throw InputError(source: file, message: "no form given; use --form ID or a \"form\" field in the file")
            }
            let form = try forms.catalog().form(id: id)
            show(try form.score(answers: answers, conditions: conditions), form: form)
        }
    }

    private func scoreResponse(_ response: JSONValue) throws {
        let named = try FHIR.formID(ofResponse: response, source: file)
        if let formID, named != formID {
            throw InputError(source: file, message: "answers form '\(named)' but --form is '\(formID)'")
        }
        let form = try forms.catalog().form(id: named)
        let (answers, conditions) = try form.answers(fromFHIR: response, source: file)
        let result = try form.score(answers: answers, conditions: conditions)
        if fhir {
            printJSON(form.fhirScoredResponse(response, result: result))
        } else {
            show(result, form: form)
        }
    }

    private func show(_ result: AssessmentResult, form: AssessmentForm) {
        if json {
            var out = JSONOutput(style: .indented)
            result.encode(into: &out)
            print(out.text)
        } else {
            print(ResultText.render(result, form: form))
        }
    }

    /// The form named in the file, if any, the answers and the conditions.
    static func answers(from bytes: [UInt8], source: String) throws -> (form: String?, answers: JSONObject, conditions: JSONObject) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw InputError(source: source, message: "not valid JSON: \(error)")
        }
        guard case .object(let object) = document else {
            throw InputError(source: source, message: "expected a JSON object of answers, found \(document.typeName)")
        }
        guard object.contains(key: "answers") else { return (nil, object, [:]) }
        for key in object.keys where !["form", "answers", "conditions"].contains(key) {
            throw InputError(source: source, message: "unknown field '\(key)'; a request file has 'form', 'answers' and 'conditions'")
        }
        var conditions: JSONObject = [:]
        if let given = object["conditions"] {
            guard case .object(let members) = given else {
                throw InputError(source: source, message: "'conditions' must be an object of condition id → value, found \(given.typeName)")
            }
            conditions = members
        }
        guard case .object(let answers)? = object["answers"] else {
            throw InputError(source: source, message: "'answers' must be an object of item id → score, found \(object["answers"]!.typeName)")
        }
        if let form = object["form"], form.stringValue == nil {
            throw InputError(source: source, message: "'form' must be a string, found \(form.typeName)")
        }
        return (object["form"]?.stringValue, answers, conditions)
    }
}
