import LTCAssessment
import LTCCore
import Testing

@Suite("Invalid answers are all reported together")
struct AnswerValidationTests {
    @Test("Missing, unknown, not-an-option and every wrong type in one error")
    func everyProblemAtOnce() throws {
        let form = try builtInForm("cn-ltc-2021")
        var given = JSONObject()
        for (id, score) in try answers(form, totals: [:]).sorted(by: { $0.key < $1.key }) {
            given.set(id, .integer(score))
        }
        given.set("adl.eating", 7)                    // not an option
        given.set("adl.bathing", "5")                 // string
        given.set("adl.stairs", .number("10.0"))      // decimal
        given.set("adl.toilet", true)                 // boolean
        given.set("adl.bowel", nil)                   // null
        given.set("adl.bladder", [10])                // array
        given.set("adl.walking", .integer(-5))        // negative: not an option
        given.set("adl.running", 10)                  // unknown item
        var trimmed = JSONObject(given.members.filter { $0.key != "sensory.vision" })  // missing
        trimmed.set("Cognition.time", 4)              // ids are case-sensitive: unknown

        let error = try #require(throws: InvalidAnswers.self) { try form.score(answers: trimmed) }
        let byItem = Dictionary(error.problems.map { ($0.item, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(byItem == [
            "adl.eating": .notAnOption, "adl.walking": .notAnOption,
            "adl.bathing": .wrongType, "adl.stairs": .wrongType, "adl.toilet": .wrongType,
            "adl.bowel": .wrongType, "adl.bladder": .wrongType,
            "adl.running": .unknownItem, "Cognition.time": .unknownItem,
            "sensory.vision": .missing,
        ])
        #expect(error.problems.last?.kind == .missing)
        #expect(error.problems.first { $0.item == "adl.eating" }?.accepted == [10, 5, 0])
        #expect(error.description.hasPrefix("10 invalid answers for form cn-ltc-2021: "))
        #expect(!error.description.contains("\n"))
    }

    @Test("An empty answer set lists every item as missing, in form order")
    func empty() throws {
        let form = try builtInForm("cn-ltc-2021")
        let error = try #require(throws: InvalidAnswers.self) { try form.score([:]) }
        #expect(error.problems.map(\.item) == form.items.map(\.id))
        #expect(error.problems.allSatisfy { $0.kind == .missing })
    }

    @Test("The error's details carry every problem for other systems")
    func details() throws {
        let form = try builtInForm("barthel")
        let error = try #require(throws: InvalidAnswers.self) { try form.score(["barthel.feeding": 3]) }
        #expect(error.kind == "invalidAnswers")
        let problems = try #require(error.details["problems"]?.arrayValue)
        #expect(problems.count == 10)
        #expect(problems.first?["item"] == "barthel.feeding")
        #expect(problems.first?["problem"] == "notAnOption")
        #expect(problems.first?["value"] == 3)
        #expect(problems.first?["accepted"] == [10, 5, 0])
    }
}
