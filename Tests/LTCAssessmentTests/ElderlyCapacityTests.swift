import LTCAssessment
import LTCCore
import Testing

/// GB/T 42195-2022 《老年人能力评估规范》: 26 items in four parts, total
/// 0–90, five grades by total, and three adjustments.
@Suite("GB/T 42195-2022: grades by total, and the coma, diagnosis and risk-event adjustments")
struct ElderlyCapacityTests {
    let form: AssessmentForm

    init() throws {
        form = try builtInForm("gbt-42195-2022")
    }

    /// Answers whose total is exactly `total`: items start at their best and
    /// are lowered in form order.
    func answers(total: Int) throws -> JSONObject {
        var deficit = 90 - total
        var answers = JSONObject()
        for item in form.items {
            let choice = item.options.map(\.score).filter { item.maximumScore - $0 <= deficit }.min()!
            deficit -= item.maximumScore - choice
            answers.set(item.id, .integer(choice))
        }
        try #require(deficit == 0)
        return answers
    }

    func score(total: Int, _ conditions: JSONObject = [:]) throws -> AssessmentResult {
        try form.score(answers: try answers(total: total), conditions: conditions)
    }

    @Test("26 items in four parts: self-care 0–32, mobility 0–15, mental state 0–28, perception and social 0–15")
    func shape() {
        #expect(form.items.count == 26)
        let parts = form.dimensions.map { ($0.id, $0.range, form.items(in: $0.id).reduce(0) { $0 + $1.maximumScore }) }
        #expect(parts.map(\.0) == ["selfcare", "mobility", "mental", "social"])
        #expect(parts.map(\.1) == [0...32, 0...15, 0...28, 0...15])
        #expect(parts.map(\.2) == [32, 15, 28, 15])
        #expect(form.item("mental.aggression")?.options.map(\.score) == [1, 0])
        #expect(form.item("mental.consciousness")?.options.map(\.score) == [2, 1, 0])
        #expect(form.item("mobility.stairs")?.options.map(\.score) == [3, 2, 1, 0])
        #expect(form.item("social.transport")?.options.map(\.score) == [3, 2, 1, 0])
    }

    @Test("Every threshold edge: 90 intact, 66–89 mild, 46–65 moderate, 30–45 severe, 0–29 complete loss", arguments: [
        (90, 0), (89, 1), (66, 1), (65, 2), (46, 2), (45, 3), (30, 3), (29, 4), (0, 4),
    ])
    func thresholds(total: Int, grade: Int) throws {
        let result = try score(total: total)
        #expect(result.total?.total == Points(whole: total))
        #expect(result.grade.level == grade)
        #expect(result.adjustments.isEmpty)
        #expect(result.dimensions.reduce(0) { $0 + $1.score } == total)
    }

    @Test("Left out, the conditions take their defaults: no coma, no diagnoses, no risk events")
    func defaults() throws {
        let result = try score(total: 70)
        #expect(result.conditions.map(\.id) == ["coma", "diagnoses", "riskEvents"])
        #expect(result.conditions.map(\.value) == [.boolean(false, reason: nil), .codes([]), .count(0)])
    }

    @Test("Coma gives the worst grade directly, from any total", arguments: [90, 70, 50, 35, 10])
    func coma(total: Int) throws {
        let result = try score(total: total, ["coma": true])
        #expect(result.grade.level == 4)
        #expect(result.adjustments.map(\.adjustment.id) == ["coma"])
    }

    @Test("A dementia or other mental-disorder diagnosis (F00–F99) makes the grade one worse", arguments: [
        ("F00", true), ("F01.1", true), ("F03", true), ("F04", true), ("F32.9", true), ("F99", true),
        ("G30.1", false), ("E11", false), ("I10", false),
    ])
    func diagnosis(code: String, fires: Bool) throws {
        let result = try score(total: 70, ["diagnoses": [.string(code)]])
        #expect(result.unadjustedGrade == 1)
        #expect(result.grade.level == (fires ? 2 : 1))
        #expect(result.adjustments.first?.codes == (fires ? [code] : nil))
    }

    @Test("Two or more care-risk events in 30 days make the grade one worse; one does not", arguments: [(0, 2), (1, 2), (2, 3), (5, 3)])
    func riskEvents(count: Int, grade: Int) throws {
        #expect(try score(total: 50, ["riskEvents": .integer(count)]).grade.level == grade)
    }

    @Test("A diagnosis and two risk events together: one grade worse, not two (each counts from the unadjusted grade)")
    func adjustmentsDoNotAdd() throws {
        let result = try score(total: 70, ["diagnoses": ["F02.0"], "riskEvents": 3])
        #expect(result.adjustments.map(\.adjustment.id) == ["mental-disorder", "risk-events"])
        #expect(result.adjustments.map(\.proposed) == [2, 2])
        #expect(result.grade.level == 2)
    }

    @Test("No grade is worse than the worst: complete loss stays complete loss")
    func clamped() throws {
        #expect(try score(total: 20, ["diagnoses": ["F01"], "riskEvents": 2]).grade.level == 4)
        #expect(try score(total: 90, ["coma": true, "diagnoses": ["F01"]]).grade.level == 4)
    }

    @Test("The result says which adjustment fired, why, and from which grade")
    func explained() throws {
        let result = try score(total: 47, ["diagnoses": ["F01.1", "I10"]])
        var out = JSONOutput()
        result.encode(into: &out)
        let json = try JSONParser.parse(out.text)
        #expect(json["total"] == 47)
        #expect(json["conditions"]?["diagnoses"] == ["F01.1", "I10"])
        #expect(json["adjustments"]?.arrayValue?[0]["id"] == "mental-disorder")
        #expect(json["adjustments"]?.arrayValue?[0]["from"] == 2)
        #expect(json["adjustments"]?.arrayValue?[0]["grade"] == 3)
        #expect(json["adjustments"]?.arrayValue?[0]["codes"] == ["F01.1"])
        #expect(result.explanation.en.contains { $0.contains("Adjustment mental-disorder") && $0.contains("(diagnoses F01.1)") })
        #expect(result.explanation.zh.last == "调整后等级：3（能力重度受损（重度失能）），取原等级与各项调整中最重者。")
    }

    @Test("Malformed conditions are refused, each with what is accepted", arguments: [
        (["coma": "yes"], "condition coma: expected true or false, found string \"yes\""),
        (["coma": .null], "condition coma: expected true or false, found null null"),
        (["riskEvents": -1], "condition riskEvents: expected a whole number from 0 to 100, found integer -1"),
        (["riskEvents": 101], "condition riskEvents: expected a whole number from 0 to 100, found integer 101"),
        (["riskEvents": .number("2.5")], "condition riskEvents: expected a whole number from 0 to 100, found number 2.5"),
        (["diagnoses": "F01"], "condition diagnoses: expected an array of ICD-10 codes such as \"F01.1\", found string \"F01\""),
        (["diagnoses": ["f01"]], "element 0 is not one"),
        (["diagnoses": ["F01", "F1"]], "element 1 is not one"),
        (["diagnoses": ["F01.12345"]], "element 0 is not one"),
        (["comma": true], "condition comma: not a condition of this form; its conditions: coma, diagnoses, riskEvents"),
    ] as [(JSONObject, String)])
    func malformed(conditions: JSONObject, message: String) throws {
        let error = #expect(throws: InvalidAnswers.self) { try score(total: 60, conditions) }
        #expect(error?.problems.count == 1)
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test("A form without conditions refuses any")
    func plainFormRefusesConditions() throws {
        let national = try builtInForm("cn-ltc-2021")
        let answers = try LTCAssessmentTests.answers(national, totals: [:])
        let members = answers.keys.sorted().map { JSONObject.Member(key: $0, value: .integer(answers[$0]!)) }
        let error = #expect(throws: InvalidAnswers.self) { try national.score(answers: JSONObject(members), conditions: ["coma": true]) }
        #expect(error?.problems.map(\.kind) == [.unknownCondition])
        #expect(error?.description.contains("its conditions: none") == true)
    }
}
