import Foundation
import LTCAssessment
import LTCCore
import LTCOperations

/// The commands of the assessment instruments: `ltc forms …` and `ltc score`.
enum AssessmentSpellings {
    static let all: [CommandSpelling] = [
        CommandSpelling("forms.list"),
        CommandSpelling("forms.get", arguments: [Positional("form", value: "id")]),
        CommandSpelling("forms.get", path: ["forms", "export"], arguments: [Positional("form", value: "id")],
                        abstract: "Write a form as a form file, or as a FHIR R4 Questionnaire with --fhir.",
                        discussion: "Writes the form as a form file; with --fhir, as a FHIR R4 Questionnaire: a group per dimension, a choice question per item whose answer options carry the score (itemWeight extension) and English text (translation extension), quantity questions for frequency items, and a read-only result group. A response to it is scored by `ltc score RESPONSE.json`.",
                        variants: [Variant(flag: "fhir", spelling: CommandSpelling("forms.questionnaire", path: ["forms", "export"], arguments: [Positional("form", value: "id")],
                                                                                   render: printingJSON))],
                        render: printingJSON),
        CommandSpelling("forms.check", arguments: [Positional("form", value: "file", source: .file, help: "The form file, or - for standard input.")]),
        CommandSpelling("assessment.score",
                        arguments: [Positional("answers", value: "file", source: .commandLine, help: "The answers file, or - for standard input.", required: true)],
                        options: ["form": OptionSpelling(value: "id", help: "The form id; may be left out when FILE names its form.", optional: true),
                                  "conditions": .hidden, "response": .hidden,
                                  "fhir": OptionSpelling(help: "Print the scored FHIR QuestionnaireResponse (FILE must be one).")],
                        discussion: """
                            FILE holds the answers as JSON: either {"adl.eating": 10, …} (item id → the chosen option's score) or \
                            {"form": "cn-ltc-2021", "answers": {…}, "conditions": {…}}, the params of the assessment.score method \
                            (conditions only for forms that have them, e.g. {"coma": false, "diagnoses": ["F01.1"], "riskEvents": 2} \
                            for gbt-42195-2022), or a FHIR QuestionnaireResponse to the form's Questionnaire (`ltc forms export ID \
                            --fhir`). Use - to read standard input.
                            """,
                        prepare: readAnswersFile,
                        render: { output, invocation in
                            guard invocation.json, let score = output as? ScoreOutput, score.response == nil else {
                                return invocation.json ? printJSON(output.json) : print(output.text)
                            }
                            var out = JSONOutput(style: .indented)
                            score.encode(into: &out)
                            print(out.text)
                        }),
    ]

    /// Prints the result's JSON whether or not `--json` was given: the command writes a document.
    static let printingJSON: CommandSpelling.Render = { output, _ in printJSON(output.json) }

    /// `ltc score FILE`: the file's answers (native, or a request, or a FHIR response) become the params.
    static let readAnswersFile: CommandSpelling.Prepare = { invocation, _ in
        guard let file = invocation.extra("answers") else { return }
        invocation.params.remove("answers")
        let bytes = try readInput(file)
        let given = invocation.params["form"]?.stringValue
        if let document = try? JSONParser.parse(bytes), FHIR.isResponse(document), let response = document.objectValue {
            let named = try FHIR.formID(ofResponse: document, source: file)
            if let given, named != given { throw InputError(source: file, message: "answers form '\(named)' but --form is '\(given)'") }
            invocation.params.set("form", .string(named))
            invocation.params.set("response", .object(response))
            return
        }
        if invocation.params["fhir"] == true {
            throw InputError(source: file, message: "--fhir needs a FHIR QuestionnaireResponse; this file holds native answers")
        }
        let (named, answers, conditions) = try AnswersFile.read(bytes, source: file)
        if let given, let named, named != given { throw InputError(source: file, message: "names form '\(named)' but --form is '\(given)'") }
        guard let form = given ?? named else { throw InputError(source: file, message: "no form given; use --form ID or a \"form\" field in the file") }
        invocation.params.set("form", .string(form))
        invocation.params.set("answers", .object(answers))
        if !conditions.isEmpty { invocation.params.set("conditions", .object(conditions)) }
    }
}
