import LTCAssessment
import LTCCore
import Testing

/// The built-in forms, loaded once per use.
func builtInForm(_ id: String) throws -> AssessmentForm {
    try FormCatalog.load().form(id: id)
}

/// Answers whose dimension totals are exactly `totals`: every item starts at
/// its best option and items are lowered, in form order, until each
/// dimension's total is reached.
func answers(_ form: AssessmentForm, totals: [String: Int]) throws -> [String: Int] {
    var answers: [String: Int] = [:]
    for dimension in form.dimensions {
        let items = form.items(in: dimension.id)
        var deficit = items.reduce(0) { $0 + $1.maximumScore } - (totals[dimension.id] ?? dimension.range.upperBound)
        for item in items {
            let choice = item.options.map(\.score).filter { item.maximumScore - $0 <= deficit }.min()!
            deficit -= item.maximumScore - choice
            answers[item.id] = choice
        }
        try #require(deficit == 0, "total for \(dimension.id) is not reachable")
    }
    return answers
}

/// A small valid form, as JSON, for tests that break one part of it.
struct FormFixture {
    static func text(_ zh: String, _ en: String) -> JSONValue { ["zh": .string(zh), "en": .string(en)] }

    static func band(_ level: Int, _ min: Int, _ max: Int) -> JSONValue {
        ["level": .integer(level), "min": .integer(min), "max": .integer(max), "label": text("档\(level)", "band \(level)")]
    }

    static func item(_ id: String, _ dimension: String, _ scores: [Int]) -> JSONValue {
        [
            "id": .string(id), "dimension": .string(dimension), "name": text("项", id),
            "options": .array(scores.map { ["score": .integer($0), "label": text("选项", "option \($0)")] }),
        ]
    }

    var format: JSONValue = "ltc-form/1"
    var id: JSONValue = "tiny"
    var dimensions: [JSONValue] = [
        ["id": "a", "name": text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [band(0, 4, 4), band(1, 0, 3)]],
        ["id": "b", "name": text("乙", "b"), "range": ["min": 0, "max": 2], "bands": [band(0, 2, 2), band(1, 0, 1)]],
    ]
    var items: [JSONValue] = [item("a.one", "a", [2, 1, 0]), item("a.two", "a", [2, 0]), item("b.one", "b", [2, 1, 0])]
    var grades: [JSONValue] = [["level": 0, "label": text("零", "zero")], ["level": 1, "label": text("一", "one")], ["level": 2, "label": text("二", "two")]]
    var grading: JSONValue = ["rows": "a", "columns": ["worstOf": ["b"]], "cells": [[0, 1], [1, 2]]]
    var extra: JSONObject = [:]

    var json: JSONValue {
        var object: JSONObject = [
            "format": format, "id": id, "version": "1", "title": Self.text("小表", "tiny form"), "source": "tests",
            "dimensions": .array(dimensions), "items": .array(items), "grades": .array(grades), "grading": grading,
        ]
        for member in extra { object.set(member.key, member.value) }
        return .object(object)
    }

    /// The problems loading this fixture reports, as `path: message` lines.
    func problems() -> [String] {
        do {
            _ = try AssessmentForm.decode(json: json, source: "tiny.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
