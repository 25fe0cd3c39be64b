import LTCAssessment
import LTCCore
import Testing

/// Germany's NBA (SGB XI §15, Anlage 1 and 2): six modules, bands mapped to
/// weighted points, the higher of modules 2 and 3, thresholds 12.5 / 27 /
/// 47.5 / 70 / 90, the infant rule and the both-arms-and-legs override.
@Suite("NBA: weighted module points, the higher of modules 2 and 3, Pflegegrad thresholds, infants and the override")
struct CareGradeTests {
    let form: AssessmentForm

    init() throws {
        form = try builtInForm("de-nba-2017")
    }

    /// The smallest raw score of each band, per module.
    static let bandMinima: [String: [Int]] = [
        "m1": [0, 2, 4, 6, 10], "m2": [0, 2, 6, 11, 17], "m3": [0, 1, 3, 5, 7],
        "m4": [0, 3, 8, 19, 37], "m5": [0, 1, 2, 4, 6], "m6": [0, 1, 4, 7, 12],
    ]

    /// Answers whose module raw scores are exactly `raw` (0 where not given),
    /// for an adult unless `ageMonths` says otherwise.
    func answers(raw: [String: Int] = [:], infantFeeding: Int = 0, ageMonths: Int = 600) -> JSONObject {
        var answers = JSONObject()
        for dimension in form.dimensions where dimension.id != "m5" {
            var left = raw[dimension.id] ?? 0
            for item in form.items(in: dimension.id) where item.group == nil {
                if item.id == "m4.K" {
                    if ageMonths < 18 { answers.set(item.id, .integer(infantFeeding)) }
                    continue
                }
                if dimension.id == "m4", ageMonths < 18 { continue }
                let choice = item.options.map(\.score).filter { $0 <= left }.max()!
                left -= choice
                answers.set(item.id, .integer(choice))
            }
        }
        // Module 5: 5.16 takes up to 3, then part 3 takes 6 (5.12 daily), part 1
        // up to 3 (1 a day → 1, 4 → 2, 9 → 3) and part 2 up to 3 (5.8: 1 a week → 1, 1 a day → 2, 3 a day → 3).
        var m5 = raw["m5"] ?? 0
        for item in form.items(in: "m5") where item.group != nil {
            answers.set(item.id, item.pointsPerOccurrence.isEmpty ? ["perDay": 0] : ["perMonth": 0])
        }
        answers.set("m5.16", .integer(min(m5, 3)))
        m5 -= min(m5, 3)
        if m5 >= 6 {
            answers.set("m5.12", ["perDay": 1])
            m5 -= 6
        }
        answers.set("m5.1", ["perDay": .integer([0, 1, 4, 9][min(m5, 3)])])
        m5 -= min(m5, 3)
        answers.set("m5.8", [["perDay": 0], ["perWeek": 1], ["perDay": 1], ["perDay": 3]][m5])
        return answers
    }

    func score(_ answers: JSONObject, ageMonths: Int = 600, _ extra: JSONObject = [:]) throws -> AssessmentResult {
        var conditions: JSONObject = ["ageMonths": .integer(ageMonths)]
        for member in extra { conditions.set(member.key, member.value) }
        return try form.score(answers: answers, conditions: conditions)
    }

    @Test("Every band edge of every module gives its weighted points", arguments: [
        ("m1", [0, 1, 2, 3, 4, 5, 6, 9, 10, 15], ["0", "0", "2.5", "2.5", "5", "5", "7.5", "7.5", "10", "10"]),
        ("m2", [0, 1, 2, 5, 6, 10, 11, 16, 17, 33], ["0", "0", "3.75", "3.75", "7.5", "7.5", "11.25", "11.25", "15", "15"]),
        ("m3", [0, 1, 2, 3, 4, 5, 6, 7, 65], ["0", "3.75", "3.75", "7.5", "7.5", "11.25", "11.25", "15", "15"]),
        ("m4", [0, 2, 3, 7, 8, 18, 19, 36, 37, 54], ["0", "0", "10", "10", "20", "20", "30", "30", "40", "40"]),
        ("m5", [0, 1, 2, 3, 4, 5, 6, 15], ["0", "5", "10", "10", "15", "15", "20", "20"]),
        ("m6", [0, 1, 3, 4, 6, 7, 11, 12, 18], ["0", "3.75", "3.75", "7.5", "7.5", "11.25", "11.25", "15", "15"]),
    ])
    func bandEdges(module: String, scores: [Int], points: [String]) throws {
        let dimension = try #require(form.dimension(module))
        #expect(scores.map { dimension.band(for: $0)?.points?.description } == points)
        // And through scoring, where the raw score can be built from answers.
        for (raw, expected) in zip(scores, points) {
            let result = try score(answers(raw: [module: raw]))
            #expect(result.dimension(module)?.score == raw)
            #expect(result.dimension(module)?.weighted?.description == expected, "\(module) raw \(raw)")
        }
    }

    @Test("Pflegegrad thresholds at and just below each edge", arguments: [
        // (module raw scores, total, grade)
        ([:], "0", 0),
        (["m6": 7], "11.25", 0),
        (["m1": 2, "m4": 3], "12.5", 1),
        (["m1": 2, "m2": 11, "m6": 4, "m5": 1], "26.25", 1),
        (["m1": 2, "m2": 2, "m4": 3, "m6": 7], "27.5", 2),
        (["m4": 37, "m6": 4], "47.5", 3),
        (["m4": 37, "m2": 2, "m1": 2], "46.25", 2),
        (["m4": 37, "m5": 6, "m1": 4, "m6": 4], "72.5", 4),
        (["m4": 37, "m5": 6, "m1": 10], "70", 4),
        (["m4": 37, "m5": 6, "m1": 6, "m2": 2], "71.25", 4),
        (["m4": 37, "m5": 6, "m1": 6, "m6": 1], "71.25", 4),
        (["m4": 37, "m5": 4, "m2": 17, "m1": 10], "80", 4),
        (["m4": 37, "m5": 6, "m2": 17, "m6": 7, "m1": 6], "93.75", 5),
        (["m4": 37, "m5": 6, "m2": 17, "m6": 12], "90", 5),
        (["m4": 37, "m5": 6, "m2": 17, "m6": 7, "m1": 2], "88.75", 4),
        (["m4": 54, "m5": 15, "m2": 33, "m3": 65, "m6": 18, "m1": 15], "100", 5),
    ] as [([String: Int], String, Int)])
    func thresholds(raw: [String: Int], total: String, grade: Int) throws {
        let result = try score(answers(raw: raw))
        #expect(result.total?.total.description == total)
        #expect(result.grade.level == grade)
        #expect(result.adjustments.isEmpty)
    }

    @Test("Exact decimals: 47.5 and 12.5 are held in hundredths and written as decimal literals")
    func exactDecimals() throws {
        let result = try score(answers(raw: ["m4": 37, "m6": 4]))
        #expect(result.total?.total == Points(hundredths: 4750))
        var out = JSONOutput()
        result.encode(into: &out)
        #expect(out.text.contains("\"total\":47.5,"))
        #expect(out.text.contains("\"weighted\":7.5,"))
        // 11.25 + 3.75 + 2.5 + 5 = 22.5 exactly, with no drift from binary fractions.
        let sum = try score(answers(raw: ["m2": 11, "m6": 1, "m1": 2, "m5": 1]))
        #expect(sum.total?.total == Points(hundredths: 2250))
    }

    @Test("Only the higher of modules 2 and 3 counts; module 2 on a tie", arguments: [
        (["m2": 6, "m3": 5], "m3", "11.25"),
        (["m2": 11, "m3": 3], "m2", "11.25"),
        (["m2": 11, "m3": 5], "m2", "11.25"),
        (["m2": 0, "m3": 7], "m3", "15"),
    ] as [([String: Int], String, String)])
    func higherOfTwo(raw: [String: Int], counted: String, total: String) throws {
        let result = try score(answers(raw: raw))
        #expect(result.total?.higherOf.first?.counted == counted)
        #expect(result.total?.total.description == total)
        #expect(result.dimension(counted)?.counted == true)
        #expect(result.dimension(counted == "m2" ? "m3" : "m2")?.counted == false)
    }

    // MARK: Module 5

    /// Module 5 answers: every frequency item at zero, then `given`.
    func module5(_ given: JSONObject) -> JSONObject {
        var answers = answers()
        for member in given { answers.set(member.key, member.value) }
        return answers
    }

    func part(_ id: String, _ given: JSONObject) throws -> (score: Int, value: String) {
        let result = try score(module5(given))
        let part = try #require(result.dimension("m5")?.groups.first { $0.group.id == id })
        return (part.score, part.measureText)
    }

    @Test("Part 1 (5.1–5.7): daily average under 1 → 0, 1 to 3 → 1, above 3 to 8 → 2, above 8 → 3", arguments: [
        (["m5.1": ["perWeek": 6]], 0), (["m5.1": ["perWeek": 7]], 1), (["m5.1": ["perMonth": 29]], 0), (["m5.1": ["perMonth": 30]], 1),
        (["m5.1": ["perDay": 1]], 1), (["m5.1": ["perDay": 3]], 1), (["m5.1": ["perDay": 2], "m5.2": ["perWeek": 7]], 1),
        (["m5.1": ["perDay": 3], "m5.2": ["perMonth": 1]], 2), (["m5.1": ["perDay": 4]], 2), (["m5.1": ["perDay": 8]], 2),
        (["m5.1": ["perDay": 8], "m5.7": ["perMonth": 1]], 3), (["m5.1": ["perDay": 9]], 3),
    ] as [(JSONObject, Int)])
    func partOne(given: JSONObject, expected: Int) throws {
        #expect(try part("m5.part1", given).score == expected)
    }

    @Test("Part 2 (5.8–5.11): under once a week → 0, once a week to under once a day → 1, once to under 3 a day → 2, 3 or more a day → 3", arguments: [
        (["m5.8": ["perMonth": 4]], 0), (["m5.8": ["perMonth": 5]], 1), (["m5.8": ["perWeek": 1]], 1), (["m5.8": ["perWeek": 6]], 1),
        (["m5.8": ["perWeek": 7]], 2), (["m5.8": ["perDay": 1]], 2), (["m5.8": ["perDay": 2], "m5.9": ["perWeek": 6]], 2),
        (["m5.8": ["perDay": 2], "m5.9": ["perWeek": 7]], 3), (["m5.8": ["perDay": 3]], 3),
    ] as [(JSONObject, Int)])
    func partTwo(given: JSONObject, expected: Int) throws {
        #expect(try part("m5.part2", given).score == expected)
    }

    @Test("Part 3 (5.12–5.15): points per visit; exactly 4.3, 8.6, 12.9 and 60 reach their step", arguments: [
        (["m5.13": ["perMonth": 4]], "4", 0),
        (["m5.13": ["perWeek": 1]], "4.3", 1),
        (["m5.13": ["perMonth": 8]], "8", 1),
        (["m5.13": ["perWeek": 2]], "8.6", 2),
        (["m5.12": ["perWeek": 1]], "8.6", 2),
        (["m5.13": ["perWeek": 2], "m5.14": ["perMonth": 4]], "12.6", 2),
        (["m5.13": ["perWeek": 3]], "12.9", 3),
        (["m5.15": ["perWeek": 1], "m5.14": ["perWeek": 1]], "12.9", 3),
        (["m5.12": ["perWeek": 6], "m5.13": ["perWeek": 1], "m5.14": ["perMonth": 4]], "59.9", 3),
        (["m5.12": ["perDay": 1]], "60", 6),
        (["m5.12": ["perWeek": 6], "m5.15": ["perWeek": 1]], "60.2", 6),
    ] as [(JSONObject, String, Int)])
    func partThree(given: JSONObject, points: String, expected: Int) throws {
        let measured = try part("m5.part3", given)
        #expect(measured.value == points)
        #expect(measured.score == expected)
    }

    @Test("Module 5's raw score is the four parts added up")
    func moduleFive() throws {
        let result = try score(module5(["m5.1": ["perDay": 9], "m5.8": ["perDay": 3], "m5.12": ["perDay": 1], "m5.16": 3]))
        #expect(result.dimension("m5")?.score == 15)
        #expect(result.dimension("m5")?.weighted == Points(whole: 20))
    }

    @Test("Frequency answers that are not a count per day, week or month are refused precisely", arguments: [
        (["m5.1": 3], "expected {\"perDay\": n}, {\"perWeek\": n} or {\"perMonth\": n}"),
        (["m5.1": ["perFortnight": 1]], "unknown period 'perFortnight'"),
        (["m5.1": ["perDay": 1, "perWeek": 1]], "expected {\"perDay\": n}"),
        (["m5.1": ["perDay": -1]], "perDay: -1 is not a whole number from 0 to 10000"),
        (["m5.1": ["perDay": .number("1.5")]], "perDay: 1.5 is not a whole number"),
        (["m5.1": ["perDay": 10001]], "perDay: 10001 is not a whole number"),
        (["m5.13": ["perDay": 1]], "m5.13: perDay is not counted for this item; answer with perWeek or perMonth"),
        (["m5.16": ["perDay": 1]], "m5.16: expected an integer score"),
    ] as [(JSONObject, String)])
    func badFrequencies(given: JSONObject, message: String) throws {
        let error = #expect(throws: InvalidAnswers.self) { try score(module5(given)) }
        #expect(error?.problems.count == 1)
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    // MARK: Infants and the override

    @Test("Under 18 months: 4.K instead of 4.1–4.13, scoring 20 (module 4 band 19–36)")
    func infantSelfCare() throws {
        let result = try score(answers(infantFeeding: 20, ageMonths: 10), ageMonths: 10)
        #expect(result.dimension("m4")?.score == 20)
        #expect(result.dimension("m4")?.weighted == Points(whole: 30))

        var adultItem = answers(infantFeeding: 20, ageMonths: 10)
        adultItem.set("m4.1", 0)
        let notApplicable = #expect(throws: InvalidAnswers.self) { try score(adultItem, ageMonths: 10) }
        #expect(notApplicable?.problems.map(\.kind) == [.notApplicable])

        let missing = #expect(throws: InvalidAnswers.self) { try score(answers(ageMonths: 600), ageMonths: 17) }
        #expect(missing?.problems.contains { $0.item == "m4.K" && $0.kind == .missing } == true)
        #expect(missing?.problems.contains { $0.item == "m4.1" && $0.kind == .notApplicable } == true)
    }

    @Test("Infants once graded get one grade higher; ungraded stay ungraded; from 18 months no shift", arguments: [
        (["m1": 2, "m6": 4], 17, 0, "10", 0),
        (["m1": 2, "m6": 4], 17, 20, "40", 3),
        (["m1": 2, "m6": 4, "m4": 19], 18, 0, "40", 2),
    ] as [([String: Int], Int, Int, String, Int)])
    func infantShift(raw: [String: Int], ageMonths: Int, feeding: Int, total: String, expected: Int) throws {
        let result = try score(answers(raw: raw, infantFeeding: feeding, ageMonths: ageMonths), ageMonths: ageMonths)
        #expect(result.total?.total.description == total)
        #expect(result.grade.level == expected)
        #expect(result.adjustments.map(\.adjustment.id) == (result.grade.level != result.unadjustedGrade ? ["infant"] : []))
    }

    @Test("The infant shift at each threshold: 12.5 → PG 2, 27.5 → PG 3, 47.5 → PG 4, 70 → PG 5, 90 stays PG 5, and 11.25 stays none", arguments: [
        (["m6": 7], 0, "11.25", 0), (["m5": 1, "m6": 4], 0, "12.5", 2),
        (["m1": 2, "m2": 17, "m5": 2], 0, "27.5", 3), (["m1": 10, "m2": 17, "m6": 4, "m5": 4], 0, "47.5", 4),
        (["m1": 10, "m2": 17, "m6": 12], 20, "70", 5), (["m1": 15, "m2": 33, "m6": 18, "m5": 15], 20, "90", 5),
    ] as [([String: Int], Int, String, Int)])
    func infantThresholds(raw: [String: Int], feeding: Int, total: String, expected: Int) throws {
        let result = try score(answers(raw: raw, infantFeeding: feeding, ageMonths: 6), ageMonths: 6)
        #expect(result.total?.total.description == total)
        #expect(result.grade.level == expected)
    }

    @Test("Loss of use of both arms and both legs gives PG 5 below 90 points, with the reason on record")
    func override() throws {
        let reason = "tetraplegia after a spinal cord injury (C4)"
        let result = try score(answers(raw: ["m4": 37, "m6": 4]), ageMonths: 600, ["limbsLost": ["value": true, "reason": .string(reason)]])
        #expect(result.unadjustedGrade == 3)
        #expect(result.grade.level == 5)
        #expect(result.adjustments.first?.note == reason)
        #expect(result.explanation.en.contains { $0.contains("assessor's reason: \(reason)") })

        let bare = #expect(throws: InvalidAnswers.self) { try score(answers(), ageMonths: 600, ["limbsLost": true]) }
        #expect(bare?.description.contains("this flag needs the assessor's reason on record") == true)
        let blank = #expect(throws: InvalidAnswers.self) { try score(answers(), ageMonths: 600, ["limbsLost": ["value": true, "reason": " "]]) }
        #expect(blank?.problems.map(\.kind) == [.invalidCondition])
        #expect(try score(answers(), ageMonths: 600, ["limbsLost": false]).grade.level == 0)
    }

    @Test("The age is required, and must be a whole number of months")
    func ageRequired() throws {
        let missing = #expect(throws: InvalidAnswers.self) { try form.score(answers: answers(), conditions: [:]) }
        #expect(missing?.problems.map(\.kind) == [.missingCondition])
        #expect(missing?.description.contains("condition ageMonths: missing; give a whole number from 0 to 1500") == true)
        let text = #expect(throws: InvalidAnswers.self) { try form.score(answers: answers(), conditions: ["ageMonths": "2 years"]) }
        #expect(text?.problems.map(\.kind) == [.invalidCondition])
    }

    @Test("Items that raised a module are listed, the largest first")
    func raisedBy() throws {
        let result = try score(answers(raw: ["m1": 5]))
        #expect(result.dimension("m1")?.shortfalls.map(\.item) == ["m1.1", "m1.2"])
        #expect(result.dimension("m1")?.shortfalls.map(\.lost) == [3, 2])
        #expect(result.explanation.en.contains("m1 raised by: m1.1 3 (+3), m1.2 2 (+2)."))
    }
}
