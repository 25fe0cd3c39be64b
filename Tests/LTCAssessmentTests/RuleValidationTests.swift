import LTCAssessment
import LTCCore
import Testing

@Suite("Conditions, adjustments, frequency groups and totals in form files are checked like the rest")
struct RuleValidationTests {
    typealias F = FormFixture

    /// The fixture graded by total with one condition, one adjustment and one group.
    static func ruled() -> FormFixture {
        var form = FormFixture()
        form.grading = ["total": "score", "thresholds": [["from": 0, "grade": 2], ["from": 3, "grade": 1], ["from": 6, "grade": 0]]]
        form.extra = [
            "conditions": [["id": "events", "type": "count", "maximum": 10, "default": 0, "name": F.text("事件", "events")]],
            "adjustments": [["id": "many", "when": [["condition": "events", "atLeast": 2]], "then": ["worsenBy": 1], "reason": F.text("多", "many")]],
            "groups": [["id": "b.visits", "dimension": "b", "name": F.text("次数", "visits"), "measure": "perDay",
                        "steps": [["score": 1, "atLeast": ["perWeek": 1]], ["score": 2, "above": ["perDay": 1]]]]],
        ]
        form.items[2] = ["id": "b.count", "group": "b.visits", "name": F.text("次", "count")]
        return form
    }

    @Test("The ruled fixture is valid and scores")
    func valid() throws {
        let form = try AssessmentForm.decode(json: Self.ruled().json, source: "tiny.json")
        let result = try form.score(answers: ["a.one": 2, "a.two": 2, "b.count": ["perDay": 2]], conditions: ["events": 2])
        #expect(result.dimension("b")?.score == 2)
        #expect(result.total?.total == Points(whole: 6))
        #expect(result.unadjustedGrade == 0)
        #expect(result.grade.level == 1)
    }

    @Test("Bad conditions", arguments: [
        (["id": "x", "type": "colour", "name": F.text("x", "x")], "$.conditions[0].type: unknown condition type 'colour'; accepted: boolean, count, codes"),
        (["id": "x", "type": "count", "name": F.text("x", "x")], "$.conditions[0].maximum: missing required field (integer)"),
        (["id": "x", "type": "count", "maximum": 5, "default": 9, "name": F.text("x", "x")], "$.conditions[0].default: 9 is outside 0–5"),
        (["id": "x", "type": "boolean", "default": "no", "name": F.text("x", "x")], "$.conditions[0].default: expected true or false, found string \"no\""),
        (["id": "x", "type": "codes", "system": "SNOMED", "name": F.text("x", "x")], "$.conditions[0].system: unsupported code system 'SNOMED'; ltc reads ICD-10"),
        (["id": "x", "type": "boolean", "maximum": 3, "name": F.text("x", "x")], "$.conditions[0].maximum: not a field of a 'boolean' condition"),
    ] as [(JSONValue, String)])
    func badConditions(condition: JSONValue, problem: String) {
        var form = Self.ruled()
        form.extra.set("conditions", [condition])
        form.extra.set("adjustments", [])
        #expect(form.problems().contains(problem), "\(form.problems())")
    }

    @Test("Bad adjustments", arguments: [
        (["id": "a", "when": [["condition": "nope", "is": true]], "then": ["grade": 1], "reason": F.text("x", "x")],
         "$.adjustments[0].when[0].condition: unknown condition 'nope'; the form's conditions: events"),
        (["id": "a", "when": [["condition": "events", "is": true]], "then": ["grade": 1], "reason": F.text("x", "x")],
         "$.adjustments[0].when[0].is: 'is' does not apply to condition 'events'; it accepts 'atLeast' or 'below'"),
        (["id": "a", "when": [["condition": "events", "atLeast": 1, "below": 3]], "then": ["grade": 1], "reason": F.text("x", "x")],
         "$.adjustments[0].when[0]: give exactly one test of 'is', 'atLeast', 'below' or 'anyIn'"),
        (["id": "a", "when": [["condition": "events", "atLeast": 1]], "then": ["grade": 9], "reason": F.text("x", "x")],
         "$.adjustments[0].then.grade: grade 9 is not defined in 'grades'"),
        (["id": "a", "when": [["condition": "events", "atLeast": 1]], "then": ["grade": 1, "worsenBy": 1], "reason": F.text("x", "x")],
         "$.adjustments[0].then: give exactly one of 'grade' (a grade level) or 'worsenBy' (a number of grades)"),
        (["id": "a", "when": [["condition": "events", "atLeast": 1]], "then": ["worsenBy": 0], "reason": F.text("x", "x")],
         "$.adjustments[0].then.worsenBy: must be from 1 to 1000000"),
        (["id": "a", "when": [], "then": ["worsenBy": 1], "reason": F.text("x", "x")], "$.adjustments[0].when: name at least one clause"),
        (["id": "a", "when": [["grade": ["atLeast": 7]]], "then": ["worsenBy": 1], "reason": F.text("x", "x")],
         "$.adjustments[0].when[0].grade.atLeast: grade 7 is not defined in 'grades'"),
    ] as [(JSONValue, String)])
    func badAdjustments(adjustment: JSONValue, problem: String) {
        var form = Self.ruled()
        form.extra.set("adjustments", [adjustment])
        #expect(form.problems().contains(problem), "\(form.problems())")
    }

    @Test("Code ranges must be ICD-10 categories in order")
    func codeRanges() {
        var form = Self.ruled()
        form.extra.set("conditions", [["id": "dx", "type": "codes", "name": F.text("诊断", "diagnoses")]])
        form.extra.set("adjustments", [["id": "a", "when": [["condition": "dx", "anyIn": [["from": "F9", "to": "F00"]]]],
                                        "then": ["worsenBy": 1], "reason": F.text("x", "x")]])
        let problems = form.problems()
        #expect(problems.contains("$.adjustments[0].when[0].anyIn[0].from: 'F9' is not an ICD-10 category (a capital letter and two digits, e.g. F00)"))
        #expect(problems.contains("$.adjustments[0].when[0].anyIn[0]: from 'F9' comes after to 'F00'"))
    }

    @Test("Bad groups and their items", arguments: [
        ("steps", ["score": 1, "atLeast": ["perFortnight": 1]], "$.groups[0].steps[0].atLeast: unknown period 'perFortnight'"),
        ("steps", ["score": 0, "atLeast": ["perDay": 1]], "$.groups[0].steps[0].score: a step scores 1 or more; below the first step the group scores 0"),
        ("steps", ["score": 1, "atLeast": ["perDay": 1], "above": ["perDay": 1]], "$.groups[0].steps[0]: give exactly one threshold: 'atLeast' or 'above'"),
    ] as [(String, JSONValue, String)])
    func badGroups(key: String, step: JSONValue, problem: String) {
        var form = Self.ruled()
        form.extra.set("groups", [["id": "b.visits", "dimension": "b", "name": F.text("次数", "visits"), "measure": "perDay", "steps": [step]]])
        // One problem, not a second about the items of a group that was declared but is broken.
        #expect(form.problems().count == 1)
        #expect(form.problems().first?.hasPrefix(problem) == true, "\(form.problems())")
    }

    @Test("Steps must rise in threshold and score")
    func fallingSteps() {
        var form = Self.ruled()
        form.extra.set("groups", [["id": "b.visits", "dimension": "b", "name": F.text("次数", "visits"), "measure": "perDay",
                                   "steps": [["score": 2, "atLeast": ["perDay": 1]], ["score": 1, "atLeast": ["perWeek": 1]]]]])
        let problems = form.problems()
        #expect(problems.contains("$.groups[0].steps[1]: steps must rise: this threshold (1 per week) is not above the one before (1 per day)"))
        #expect(problems.contains("$.groups[0].steps[1].score: steps must score more as the threshold rises: 1 after 2"))
    }

    @Test("An item of an unknown group, and a group item with options")
    func badGroupItems() {
        var form = Self.ruled()
        form.items[2] = ["id": "b.count", "group": "b.nope", "name": F.text("次", "count"), "options": []]
        let problems = form.problems()
        #expect(problems.contains("$.items[2].group: unknown group 'b.nope'; the form's groups: b.visits"))
        #expect(problems.contains("$.items[2].options: an item of a group is answered as a frequency; its dimension is the group's"))
    }

    @Test("Totals: thresholds must rise and cover the lowest total; points need weighted bands")
    func badTotals() {
        var form = Self.ruled()
        form.grading = ["total": "score", "thresholds": [["from": 1, "grade": 2], ["from": 1, "grade": 1], ["from": .number("2.5"), "grade": 0]]]
        var problems = form.problems()
        #expect(problems.contains("$.grading.thresholds[1].from: thresholds must rise: 1 is not above 1"))
        #expect(problems.contains("$.grading.thresholds[2].from: a score total is a whole number; 2.5 can never be reached exactly"))
        #expect(problems.contains("$.grading.thresholds[0].from: gap: totals from 0 up to 1 are below the first threshold"))

        form.grading = ["total": "points", "thresholds": [["from": 0, "grade": 0]]]
        problems = form.problems()
        #expect(problems.contains("$.grading.total: a points total needs bands with 'points' in every dimension; 'a' has none"))

        form.grading = ["total": "score", "rows": "a", "thresholds": [["from": 0, "grade": 0]]]
        #expect(form.problems().contains("$.grading.rows: belongs to a grading table; grading by total has 'total', 'higherOf' and 'thresholds'"))
    }

    @Test("Item applicability may not test a grade or codes")
    func badApplicability() {
        var form = Self.ruled()
        form.items[0] = ["id": "a.one", "dimension": "a", "name": F.text("项", "a.one"), "when": [["grade": ["atLeast": 1]]],
                         "options": [["score": 2, "label": F.text("二", "two")], ["score": 0, "label": F.text("零", "zero")]]]
        #expect(form.problems().contains("$.items[0].when[0].grade: an item's 'when' cannot test the grade, which is decided after the items"))
    }

    @Test("Items that apply in different cases are not added together when checking the range")
    func exclusiveItemsFitTheRange() throws {
        var form = Self.ruled()
        form.extra.set("conditions", [["id": "age", "type": "count", "maximum": 100, "name": F.text("年龄", "age")]])
        form.extra.set("adjustments", [])
        // a.one (0–2) for the young, a.two (0–4) for the old: the range 0–4 holds either, not both.
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [F.band(0, 4, 4), F.band(1, 0, 3)]]
        form.items[0] = ["id": "a.one", "dimension": "a", "name": F.text("项", "a.one"), "when": [["condition": "age", "below": 18]],
                         "options": [["score": 2, "label": F.text("二", "two")], ["score": 0, "label": F.text("零", "zero")]]]
        form.items[1] = ["id": "a.two", "dimension": "a", "name": F.text("项", "a.two"), "when": [["condition": "age", "atLeast": 18]],
                         "options": [["score": 4, "label": F.text("四", "four")], ["score": 0, "label": F.text("零", "zero")]]]
        #expect(form.problems() == [])
        let loaded = try AssessmentForm.decode(json: form.json, source: "tiny.json")
        #expect(try loaded.score(answers: ["a.one": 2, "b.count": ["perDay": 0]], conditions: ["age": 10]).dimension("a")?.score == 2)
        #expect(try loaded.score(answers: ["a.two": 4, "b.count": ["perDay": 0]], conditions: ["age": 40]).dimension("a")?.score == 4)
    }
}

@Suite("ltc forms check: reachable scores, gaps, overlaps and table cells")
struct FormCheckTests {
    typealias F = FormFixture

    func check(_ form: FormFixture) -> FormCheck {
        AssessmentForm.check(text: Array(JSONWriter.string(form.json).utf8), source: "tiny.json")
    }

    @Test("A sound form: every reachable score in one band and every reachable cell defined")
    func sound() {
        let report = check(FormFixture())
        #expect(report.problems.isEmpty)
        #expect(report.form != nil)
        #expect(report.coverage.dimensions.map { $0.reachable?.bounds } == [0...4, 0...2])
        #expect(report.coverage.dimensions.allSatisfy { $0.gaps.isEmpty && $0.overlaps.isEmpty })
        #expect(report.coverage.table?.reachableCells == 4)
        #expect(report.coverage.table?.undefinedCells == [])
    }

    @Test("A planted gap is found")
    func gap() {
        var form = FormFixture()
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [F.band(0, 4, 4), F.band(1, 0, 1)]]
        let report = check(form)
        #expect(report.coverage.dimensions[0].gaps == [2...3])
        #expect(report.coverage.dimensions[0].reachableLevels == [0, 1])
        #expect(report.problems.map(\.description).contains("$.dimensions[0].bands: gap: reachable scores 2, 3 are in no band"))
        #expect(report.form == nil)
    }

    @Test("A planted overlap is found")
    func overlap() {
        var form = FormFixture()
        form.dimensions[1] = ["id": "b", "name": F.text("乙", "b"), "range": ["min": 0, "max": 2], "bands": [F.band(0, 1, 2), F.band(1, 0, 1)]]
        let report = check(form)
        #expect(report.coverage.dimensions[1].overlaps == [.init(levels: [1, 0], scores: 1...1)])
    }

    @Test("An unreachable gap is fine; a reachable cell without a grade is not")
    func cells() {
        var form = FormFixture()
        form.items[1] = F.item("a.two", "a", [2])  // a reaches 2–4 only
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [F.band(0, 4, 4), F.band(1, 2, 3), F.band(2, 0, 0)]]
        form.grading = ["rows": "a", "columns": ["worstOf": ["b"]], "cells": [[0, 1], [1, 7], [2, 2]]]
        let report = check(form)
        #expect(report.coverage.dimensions[0].gaps == [])
        #expect(report.coverage.dimensions[0].reachableLevels == [0, 1])
        #expect(report.coverage.table?.reachableCells == 4)
        #expect(report.coverage.table?.undefinedCells == [.init(row: 1, column: 1)])
    }
}

@Suite("Numbers in rules that would overflow or exhaust memory are refused")
struct RuleLimitTests {
    typealias F = FormFixture

    @Test("Bounds, maxima, steps and points beyond the limits")
    func limits() {
        var form = RuleValidationTests.ruled()
        form.extra.set("conditions", [["id": "events", "type": "count", "maximum": 9_000_000_000, "name": F.text("事件", "events")]])
        form.extra.set("adjustments", [
            ["id": "low", "when": [["condition": "events", "below": -9_223_372_036_854_775_807]], "then": ["worsenBy": 1], "reason": F.text("x", "x")],
            ["id": "far", "when": [["condition": "events", "atLeast": 1]], "then": ["worsenBy": 9_223_372_036_854_775_807], "reason": F.text("x", "x")],
        ])
        form.extra.set("groups", [["id": "b.visits", "dimension": "b", "name": F.text("次数", "visits"), "measure": "perDay",
                                   "steps": [["score": 1_000_000_000_000, "atLeast": ["perDay": 1]]]]])
        let problems = form.problems()
        #expect(problems.contains("$.conditions[0].maximum: 9000000000 is outside 0–1000000"))
        #expect(problems.contains("$.adjustments[0].when[0].below: -9223372036854775807 is outside 0–1000000"))
        #expect(problems.contains("$.adjustments[1].then.worsenBy: must be from 1 to 1000000"))
        #expect(problems.contains("$.dimensions[1].range: group 'b.visits' can score 1000000000000, outside the range 0–2 of 'b'"))
    }

    @Test("Points above 100000 are refused")
    func points() {
        var form = RuleValidationTests.ruled()
        form.grading = ["total": "score", "thresholds": [["from": 0, "grade": 2], ["from": .number("1e300"), "grade": 0]]]
        #expect(form.problems().contains { $0.hasPrefix("$.grading.thresholds[1].from: expected a number from 0 to 100000 with at most two decimals") })
    }
}
