import Foundation
import LTCCore
import Testing

@Suite("GB/T 42195-2022, the NBA and ltc forms check, run as processes")
struct InstrumentCommandTests {
    @Test("ltc score reads conditions from the file and shows the adjustment")
    func elderlyCapacity() throws {
        let run = try ltc(["score", "Examples/assessments/gbt-42195-2022-dementia.json"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Grade  3  能力重度受损（重度失能）  severely impaired"))
        #expect(run.stdout.contains("Total  47  (threshold 46 → grade 2)"))
        #expect(run.stdout.contains("Adjustment  mental-disorder: grade 2 → 3"))
    }

    @Test("ltc score --json on the NBA: total, weighted points and the higher of modules 2 and 3")
    func careGrade() throws {
        let run = try ltc(["score", "--json", "Examples/assessments/de-nba-2017-adult.json"])
        #expect(run.status == 0)
        let result = try JSONParser.parse(run.stdout)
        #expect(result["grade"]?["level"] == 4)
        #expect(result["total"] == 75)
        #expect(result["dimensions"]?["m2"]?["weighted"] == .number("11.25"))
        #expect(result["dimensions"]?["m3"]?["counted"] == false)
        #expect(result["dimensions"]?["m5"]?["groups"]?["m5.part3"]?["value"] == "6.3")
        #expect(result["decision"]?["higherOf"]?.arrayValue?.first?["counted"] == "m2")
    }

    @Test("assessment.score over rpc takes conditions; a bad one is a -32602-style domain error with every problem")
    func rpc() throws {
        let answers = try JSONParser.parse(String(contentsOf: packageRoot.appendingPathComponent("Examples/assessments/gbt-42195-2022-dementia.json"), encoding: .utf8))
        var good: JSONObject = ["form": "gbt-42195-2022", "answers": answers["answers"]!, "conditions": ["riskEvents": 2]]
        var bad = good
        bad.set("conditions", ["riskEvents": "two", "coma": 1])
        let lines = [good, bad].enumerated().map { index, params in
            JSONWriter.string(["jsonrpc": "2.0", "id": .integer(index + 1), "method": "assessment.score", "params": .object(params)])
        }
        good.set("conditions", [:])
        let run = try ltc(["rpc"], input: lines.joined(separator: "\n") + "\n")
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses[0]["result"]?["grade"]?["level"] == 3)
        #expect(responses[0]["result"]?["adjustments"]?.arrayValue?.count == 1)
        #expect(responses[1]["error"]?["code"] == 1002)
        let problems = responses[1]["error"]?["data"]?["problems"]?.arrayValue ?? []
        #expect(problems.map { $0["condition"] } == ["coma", "riskEvents"])
        #expect(problems.map { $0["problem"] } == ["invalidCondition", "invalidCondition"])
    }

    @Test("ltc forms check passes the built-in forms")
    func checkBuiltIn() throws {
        for file in ["cn-ltc-2021", "barthel", "gbt-42195-2022", "de-nba-2017"] {
            let run = try ltc(["forms", "check", "AssessmentForms/\(file).json"])
            #expect(run.status == 0, "\(file): \(run.stdout)")
            #expect(run.stdout.hasSuffix("AssessmentForms/\(file).json: no problems\n"))
        }
        let run = try ltc(["forms", "check", "AssessmentForms/cn-ltc-2021.json"])
        #expect(run.stdout.contains("dimension adl: range 0–100, reachable 0–100 (21 scores), bands cover every reachable score once"))
        #expect(run.stdout.contains("grading table: 4 rows × 4 columns, 16 reachable cells, every one with a grade"))
    }

    @Test("ltc forms check finds a planted gap and a planted overlap, and exits 65")
    func planted() throws {
        var form = try JSONParser.parse(String(contentsOf: packageRoot.appendingPathComponent("Examples/forms/katz-adl.json"), encoding: .utf8))
        guard case .object(var root) = form, case .array(var dimensions)? = root["dimensions"], case .object(var katz) = dimensions[0] else {
            Issue.record("unexpected katz-adl.json shape")
            return
        }
        // Bands 6, 3–5, 0–2 become 6, 4–5, 0–2 (3 in no band) and then 5–6, 3–5 (5 in two).
        katz.set("bands", [
            ["level": 0, "min": 5, "max": 6, "label": ["zh": "独立", "en": "independent"]],
            ["level": 1, "min": 4, "max": 5, "label": ["zh": "中度", "en": "moderate"]],
            ["level": 2, "min": 0, "max": 2, "label": ["zh": "重度", "en": "severe"]],
        ])
        dimensions[0] = .object(katz)
        root.set("dimensions", .array(dimensions))
        form = .object(root)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString).json")
        try JSONWriter.string(form).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let run = try ltc(["forms", "check", file.path])
        #expect(run.status == 65)
        #expect(run.stdout.contains("  GAP: reachable 3 in no band"))
        #expect(run.stdout.contains("  OVERLAP: 5 in levels 1 and 0"))
        #expect(run.stdout.contains("2 problems:"))

        let json = try ltc(["forms", "check", "--json", file.path])
        let report = try JSONParser.parse(json.stdout)
        #expect(report["valid"] == false)
        #expect(report["dimensions"]?.arrayValue?.first?["gaps"] == [["min": 3, "max": 3]])
    }

    @Test("ltc forms check on a file that is not JSON, and on no file")
    func unreadable() throws {
        let missing = try ltc(["forms", "check", "no-such-form.json"])
        #expect(missing.status == 66)
        let text = try ltc(["forms", "check", "-"], input: "{\"format\": ")
        #expect(text.status == 65)
        #expect(text.stdout.contains("-: $: not valid JSON"))
    }

    @Test("ltc forms export --fhir, a response filled from it, and ltc score --fhir on that response")
    func fhirExchange() throws {
        let export = try ltc(["forms", "export", "barthel", "--fhir"])
        #expect(export.status == 0)
        let questionnaire = try JSONParser.parse(export.stdout)
        #expect(questionnaire["resourceType"] == "Questionnaire")
        let native = try JSONParser.parse(String(contentsOf: packageRoot.appendingPathComponent("Examples/assessments/barthel-severe.json"), encoding: .utf8))
        let answers = native["answers"]?.objectValue ?? native.objectValue!
        // Answer every question of the dimension group by the option whose code is the native score.
        let group = questionnaire["item"]!.arrayValue![0]
        let items: [JSONValue] = group["item"]!.arrayValue!.map { question in
            let id = question["linkId"]!.stringValue!
            let option = question["answerOption"]!.arrayValue!.first { $0["valueCoding"]?["code"]?.stringValue == answers[id]?.description }!
            return ["linkId": .string(id), "answer": [["valueCoding": option["valueCoding"]!]]]
        }
        let response: JSONValue = ["resourceType": "QuestionnaireResponse", "questionnaire": questionnaire["url"]!, "status": "in-progress",
                                   "item": [["linkId": group["linkId"]!, "item": .array(items)]]]
        let text = JSONWriter.string(response)

        let scored = try ltc(["score", "-", "--json"], input: text)
        #expect(scored.status == 0, "\(scored.stderr)")
        #expect(try JSONParser.parse(scored.stdout)["grade"]?["level"] == 3)

        let fhir = try ltc(["score", "-", "--fhir"], input: text)
        let result = try JSONParser.parse(fhir.stdout)
        #expect(result["status"] == "completed")
        #expect(result["item"]?.arrayValue?.last?["item"]?.arrayValue?.first?["answer"]?.arrayValue?.first?["valueCoding"]?["code"] == "3")

        let native2 = try ltc(["score", "--fhir", "Examples/assessments/barthel-severe.json"])
        #expect(native2.status == 65)
        #expect(native2.stderr.contains("--fhir needs a FHIR QuestionnaireResponse"))
    }
}
