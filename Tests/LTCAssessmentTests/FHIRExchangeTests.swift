import LTCAssessment
import LTCCore
import Testing

/// Fills a Questionnaire the way a FHIR form tool would: each question's
/// answer picked from its own answer options (by `itemWeight`) or units.
struct QuestionnaireFiller {
    var answers: JSONObject
    var conditions: JSONObject

    func response(to questionnaire: JSONValue) throws -> JSONValue {
        [
            "resourceType": "QuestionnaireResponse",
            "questionnaire": .string("\(questionnaire["url"]!.stringValue!)|\(questionnaire["version"]!.stringValue!)"),
            "status": "in-progress",
            "item": .array(try fill(questionnaire["item"]?.arrayValue ?? [])),
        ]
    }

    private func fill(_ questions: [JSONValue]) throws -> [JSONValue] {
        try questions.compactMap { question -> JSONValue? in
            let linkId = question["linkId"]!.stringValue!
            if question["type"] == "group" {
                let children = try fill(question["item"]?.arrayValue ?? [])
                return children.isEmpty ? nil : ["linkId": .string(linkId), "item": .array(children)]
            }
            guard let answer = try self.answer(question, linkId) else { return nil }
            return ["linkId": .string(linkId), "answer": .array(answer)]
        }
    }

    private func answer(_ question: JSONValue, _ linkId: String) throws -> [JSONValue]? {
        if linkId.hasSuffix(".reason"), let flag = conditions[String(linkId.dropLast(7))], let reason = flag["reason"] {
            return [["valueString": reason]]
        }
        if let value = conditions[linkId] {
            switch question["type"]?.stringValue {
            case "boolean": return [["valueBoolean": value["value"] ?? value]]
            case "integer": return [["valueInteger": value]]
            default: return value.arrayValue!.map { ["valueString": $0] }
            }
        }
        guard let value = answers[linkId] else { return nil }
        if question["type"] == "quantity", case .object(let frequency) = value, let member = frequency.first {
            let code = ["perDay": "/d", "perWeek": "/wk", "perMonth": "/mo"][member.key]!
            let offered = question["extension"]?.arrayValue?.compactMap { $0["valueCoding"]?["code"]?.stringValue } ?? []
            try #require(offered.contains(code), "\(linkId) offers \(offered)")
            return [["valueQuantity": ["value": member.value, "system": "http://unitsofmeasure.org", "code": .string(code), "unit": .string(code)]]]
        }
        let option = try #require(question["answerOption"]?.arrayValue?.first { option in
            option["extension"]?.arrayValue?.contains { $0["url"] == "http://hl7.org/fhir/StructureDefinition/itemWeight" && $0["valueDecimal"] == value } == true
        }, "\(linkId): no option weighs \(value)")
        return [["valueCoding": option["valueCoding"]!]]
    }
}

@Suite("FHIR: a form exported as a Questionnaire, filled and read back, scores as native answers do")
struct FHIRExchangeTests {
    static func example(_ name: String) throws -> (form: String, answers: JSONObject, conditions: JSONObject) {
        let text = try String(contentsOfFile: "Examples/assessments/\(name).json", encoding: .utf8)
        let json = try JSONParser.parse(text)
        return (json["form"]!.stringValue!, json["answers"]!.objectValue!, json["conditions"]?.objectValue ?? [:])
    }

    @Test("Round trip: export → fill → import gives the same result as the native answers", arguments: [
        "cn-ltc-2021-severe-ii", "barthel-severe", "gbt-42195-2022-dementia", "de-nba-2017-adult",
    ])
    func roundTrip(example: String) throws {
        let (formID, answers, conditions) = try Self.example(example)
        let form = try builtInForm(formID)
        let native = try form.score(answers: answers, conditions: conditions)

        let questionnaire = form.fhirQuestionnaire
        let response = try QuestionnaireFiller(answers: answers, conditions: conditions).response(to: questionnaire)
        // Through text, as another system would send it.
        let received = try JSONParser.parse(JSONWriter.string(response))
        #expect(try FHIR.formID(ofResponse: received, source: "response") == formID)
        let (imported, importedConditions) = try form.answers(fromFHIR: received, source: "response")
        let result = try form.score(answers: imported, conditions: importedConditions)
        #expect(result.grade == native.grade)
        #expect(result == native)

        let scored = form.fhirScoredResponse(received, result: result)
        #expect(scored["status"] == "completed")
        let group = scored["item"]?.arrayValue?.last
        #expect(group?["linkId"] == "ltc.result")
        #expect(group?["item"]?.arrayValue?.first?["answer"]?.arrayValue?.first?["valueCoding"]?["code"] == .string(String(native.grade.level)))
        // A scored response reads back to the same answers: the result group is ignored.
        let again = try form.answers(fromFHIR: scored, source: "scored")
        #expect(try form.score(answers: again.answers, conditions: again.conditions).grade == native.grade)
    }

    @Test("The NBA override's reason travels as its own enabled-when question")
    func reasonRoundTrip() throws {
        let (_, answers, _) = try Self.example("de-nba-2017-adult")
        let form = try builtInForm("de-nba-2017")
        let conditions: JSONObject = ["ageMonths": 984, "limbsLost": ["value": true, "reason": "tetraplegia"]]
        let response = try QuestionnaireFiller(answers: answers, conditions: conditions).response(to: form.fhirQuestionnaire)
        let (imported, importedConditions) = try form.answers(fromFHIR: response, source: "response")
        let result = try form.score(answers: imported, conditions: importedConditions)
        #expect(result.grade.level == 5)
        #expect(result.adjustments.first?.note == "tetraplegia")
    }

    @Test("The Questionnaire: groups per dimension, scores as itemWeight, English as translations, units for frequencies")
    func questionnaireShape() throws {
        let form = try builtInForm("de-nba-2017")
        let questionnaire = form.fhirQuestionnaire
        #expect(questionnaire["resourceType"] == "Questionnaire")
        #expect(questionnaire["url"] == "urn:ltc:form:de-nba-2017")
        let groups = questionnaire["item"]?.arrayValue ?? []
        #expect(groups.map { $0["linkId"]!.stringValue! } == ["conditions", "m1", "m2", "m3", "m4", "m5", "m6", "ltc.result"])
        let m1 = groups[1]["item"]!.arrayValue![0]
        #expect(m1["type"] == "choice")
        #expect(m1["answerOption"]?.arrayValue?.count == 4)
        let option = m1["answerOption"]!.arrayValue![3]
        #expect(option["extension"]?.arrayValue?.first?["valueDecimal"] == 3)
        #expect(option["valueCoding"]?["_display"]?["extension"]?.arrayValue?.first?["extension"]?.arrayValue?.last?["valueString"] == "dependent")
        let doctor = groups[5]["item"]!.arrayValue!.first { $0["linkId"] == "m5.13" }!
        #expect(doctor["type"] == "quantity")
        #expect(doctor["extension"]?.arrayValue?.compactMap { $0["valueCoding"]?["code"]?.stringValue } == ["/wk", "/mo"])
        let infant = groups[4]["item"]!.arrayValue!.first { $0["linkId"] == "m4.K" }!
        #expect(infant["enableWhen"] == [["question": "ageMonths", "operator": "<", "answerInteger": 18]])
    }

    @Test("Malformed responses are refused with the path of each problem", arguments: [
        (["resourceType": "Patient", "questionnaire": "urn:ltc:form:barthel"], "$.resourceType: expected \"QuestionnaireResponse\""),
        (["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:barthel", "item": "x"], "$.item: expected an array of items"),
        (["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:barthel", "item": [["answer": []]]], "$.item[0].linkId: missing"),
        (["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:barthel",
          "item": [["linkId": "barthel.feeding", "answer": [["valueString": "10"]]]]], "$.item[0].answer[0]: expected valueCoding whose code is the option's score"),
        (["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:barthel",
          "item": [["linkId": "barthel.feeding", "answer": [["valueInteger": 10], ["valueInteger": 5]]]]], "'barthel.feeding' takes one answer, found 2"),
        (["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:barthel",
          "item": [["linkId": "barthel.feeding", "answer": [["valueInteger": 10]]], ["linkId": "barthel.feeding", "answer": [["valueInteger": 5]]]]],
         "$.item[1].linkId: 'barthel.feeding' is answered twice"),
    ] as [(JSONValue, String)])
    func malformed(response: JSONValue, message: String) throws {
        let form = try builtInForm("barthel")
        let error = #expect(throws: FHIRResponseError.self) { try form.answers(fromFHIR: response, source: "r.json") }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test("A frequency in a unit that is not a period, and a response to another system's Questionnaire")
    func badUnitsAndCanonicals() throws {
        let form = try builtInForm("de-nba-2017")
        let response: JSONValue = ["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:de-nba-2017",
                                   "item": [["linkId": "m5.1", "answer": [["valueQuantity": ["value": 2, "code": "/h"]]]]]]
        let error = #expect(throws: FHIRResponseError.self) { try form.answers(fromFHIR: response, source: "r.json") }
        #expect(error?.description.contains("unit '/h' is not a period; use /d, /wk or /mo (UCUM)") == true)
        let foreign: JSONValue = ["resourceType": "QuestionnaireResponse", "questionnaire": "http://example.org/Questionnaire/phq-9"]
        let canonical = #expect(throws: FHIRResponseError.self) { try FHIR.formID(ofResponse: foreign, source: "r.json") }
        #expect(canonical?.description.contains("is not a form of ltc") == true)
    }

    @Test("Answers a response leaves out are reported as missing by the scorer, as for native answers")
    func missingAnswers() throws {
        let form = try builtInForm("barthel")
        let response: JSONValue = ["resourceType": "QuestionnaireResponse", "questionnaire": "urn:ltc:form:barthel",
                                   "item": [["linkId": "barthel", "item": [["linkId": "barthel.feeding", "answer": [["valueCoding": ["code": "7"]]]]]]]]
        let (answers, conditions) = try form.answers(fromFHIR: response, source: "r.json")
        let error = #expect(throws: InvalidAnswers.self) { try form.score(answers: answers, conditions: conditions) }
        #expect(error?.problems.first?.kind == .notAnOption)
        #expect(error?.problems.filter { $0.kind == .missing }.count == 9)
    }
}
