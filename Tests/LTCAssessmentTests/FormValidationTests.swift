import Foundation
import LTCAssessment
import LTCCore
import Testing

@Suite("Malformed form files are refused with the file, the JSON path and the problem")
struct FormValidationTests {
    typealias F = FormFixture

    @Test("The fixture itself is a valid form")
    func fixtureIsValid() {
        #expect(FormFixture().problems() == [])
    }

    @Test("Duplicate item ids")
    func duplicateItem() {
        var form = FormFixture()
        form.items.append(F.item("a.one", "a", [0]))
        #expect(form.problems().contains("$.items[3].id: duplicate item id 'a.one'"))
    }

    @Test("Duplicate dimension ids")
    func duplicateDimension() {
        var form = FormFixture()
        form.dimensions.append(form.dimensions[1])
        #expect(form.problems().contains("$.dimensions[2].id: duplicate dimension id 'b'"))
    }

    @Test("Duplicate option scores within an item")
    func duplicateOption() {
        var form = FormFixture()
        form.items[0] = F.item("a.one", "a", [2, 1, 1])
        #expect(form.problems().contains("$.items[0].options[2].score: duplicate option score 1 in one item"))
    }

    @Test("An option score outside its dimension's range")
    func optionOutsideRange() {
        var form = FormFixture()
        form.items[2] = F.item("b.one", "b", [3, 1, 0])
        #expect(form.problems().contains("$.items[2].options[0].score: score 3 is outside the dimension's range 0–2"))
    }

    @Test("Items that together exceed their dimension's range")
    func itemsExceedRange() {
        var form = FormFixture()
        form.items.append(F.item("a.three", "a", [2, 0]))
        #expect(form.problems().contains("$.dimensions[0].range: the items of 'a' add up to 0–6, outside its range 0–4"))
    }

    @Test("Bands that overlap")
    func overlap() {
        var form = FormFixture()
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [F.band(0, 3, 4), F.band(1, 0, 3)]]
        #expect(form.problems().contains("$.dimensions[0].bands[0]: overlap: band level 0 (3–4) and band level 1 (0–3) both hold 3"))
    }

    @Test("Bands that leave a reachable score in no band")
    func gap() {
        var form = FormFixture()
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [F.band(0, 4, 4), F.band(1, 0, 2)]]
        #expect(form.problems().contains("$.dimensions[0].bands: gap: reachable score 3 is in no band"))
    }

    @Test("A gap over scores no answers can reach is allowed")
    func unreachableGap() {
        var form = FormFixture()
        // a.one scores 2/1/0 and a.two 2/0 reach 0…4; with a.one limited to 2/0 the odd scores are unreachable.
        form.items[0] = F.item("a.one", "a", [2, 0])
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 4], "bands": [F.band(0, 4, 4), F.band(1, 0, 2)]]
        #expect(form.problems() == [])
    }

    @Test("Band levels must be 0, 1, … with none missing or repeated")
    func bandLevels() {
        var form = FormFixture()
        form.dimensions[1] = ["id": "b", "name": F.text("乙", "b"), "range": ["min": 0, "max": 2], "bands": [F.band(0, 2, 2), F.band(2, 0, 1)]]
        #expect(form.problems().contains("$.dimensions[1].bands[0]: band levels must be 0 to 1 with none missing; missing: 1"))
        form.dimensions[1] = ["id": "b", "name": F.text("乙", "b"), "range": ["min": 0, "max": 2], "bands": [F.band(0, 2, 2), F.band(0, 0, 1)]]
        #expect(form.problems().contains("$.dimensions[1].bands[1].level: duplicate band level 0 (also at $.dimensions[1].bands[0])"))
    }

    @Test("A grading table missing a row")
    func missingRow() {
        var form = FormFixture()
        form.grading = ["rows": "a", "columns": ["worstOf": ["b"]], "cells": [[0, 1]]]
        #expect(form.problems().contains("$.grading.cells: expected 2 rows, one per level of 'a', found 1"))
    }

    @Test("A grading table row missing a column")
    func missingColumn() {
        var form = FormFixture()
        form.grading = ["rows": "a", "columns": ["worstOf": ["b"]], "cells": [[0, 1], [1]]]
        #expect(form.problems().contains("$.grading.cells[1]: expected 2 columns, one per level of b, found 1"))
    }

    @Test("A grading table cell naming a grade that is not defined")
    func undefinedGrade() {
        var form = FormFixture()
        form.grading = ["rows": "a", "columns": ["worstOf": ["b"]], "cells": [[0, 1], [1, 7]]]
        #expect(form.problems().contains("$.grading.cells[1][1]: grade 7 is not defined in 'grades'"))
    }

    @Test("Unknown dimensions in an item, the rows and the columns")
    func unknownDimension() {
        var form = FormFixture()
        form.items.append(F.item("c.one", "c", [1, 0]))
        form.grading = ["rows": "x", "columns": ["worstOf": ["y"]], "cells": [[0, 1], [1, 2]]]
        let problems = form.problems()
        #expect(problems.contains("$.items[3].dimension: unknown dimension 'c'; the form's dimensions: a, b"))
        #expect(problems.contains("$.grading.rows: unknown dimension 'x'; the form's dimensions: a, b"))
        #expect(problems.contains("$.grading.columns.worstOf[0]: unknown dimension 'y'; the form's dimensions: a, b"))
    }

    @Test("Unknown fields, a wrong format, missing and mistyped fields")
    func fieldProblems() {
        var form = FormFixture()
        form.format = "ltc-form/9"
        form.id = 12
        form.extra = ["titel": "typo"]
        form.grades.append(["level": "3", "label": F.text("三", "three")])
        let problems = form.problems()
        #expect(problems.contains("$.format: unsupported format 'ltc-form/9'; this ltc reads 'ltc-form/1'"))
        #expect(problems.contains("$.id: expected string, found integer 12"))
        #expect(problems.contains { $0.hasPrefix("$.titel: unknown field; accepted fields: ") })
        #expect(problems.contains("$.grades[3].level: expected integer, found string \"3\""))
    }

    @Test("A dimension range wider than ltc supports")
    func hugeRange() {
        var form = FormFixture()
        form.dimensions[0] = ["id": "a", "name": F.text("甲", "a"), "range": ["min": 0, "max": 20_000], "bands": [F.band(0, 0, 20_000)]]
        #expect(form.problems().contains("$.dimensions[0].range: 0–20000 is wider than 10000 points, the most ltc supports"))
    }

    @Test("A label needs both zh and en")
    func bilingualLabels() {
        var form = FormFixture()
        form.grades[0] = ["level": 0, "label": ["zh": "零"]]
        #expect(form.problems().contains("$.grades[0].label.en: missing required field (string)"))
    }

    @Test("Text that is not JSON is refused with its line and column")
    func notJSON() {
        #expect {
            try AssessmentForm.decode(text: Array("{\n  \"id\": \"x\",\n}".utf8), source: "broken.json")
        } throws: { error in
            (error as? FormFileError)?.description == "broken.json: $: not valid JSON: line 3, column 1: expected a member name in double quotes"
        }
    }

    @Test("Every problem line names the file")
    func fileNamed() throws {
        var form = FormFixture()
        form.id = 12
        form.format = "x"
        let error = try #require(throws: FormFileError.self) { try AssessmentForm.decode(json: form.json, source: "forms/tiny.json") }
        #expect(error.description.split(separator: "\n").allSatisfy { $0.hasPrefix("forms/tiny.json: $.") })
    }

    @Test("A form written out as JSON loads back as the same form")
    func roundTrip() throws {
        for form in try FormCatalog.load().forms {
            let again = try AssessmentForm.decode(json: form.json, source: "round trip")
            #expect(again.json == form.json)
            #expect(again.items == form.items)
            #expect(again.dimensions == form.dimensions)
        }
    }
}

@Suite("Finding forms")
struct FormCatalogTests {
    /// The folders made, removed when the test ends (a suite instance per test).
    final class Folders: @unchecked Sendable {
        var paths: [String] = []
        deinit { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
    }
    let folders = Folders()

    func folder(_ files: [String: JSONValue]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-forms-\(UUID().uuidString)").path
        folders.paths.append(path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, json) in files {
            try JSONWriter.string(json, style: .indented).write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }

    @Test("The built-in forms are there with no setup")
    func builtIn() throws {
        #expect(try FormCatalog.load().forms.map(\.id) == ["barthel", "cn-ltc-2021", "de-nba-2017", "gbt-42195-2022", "ltc-care-needs"])
    }

    @Test("A folder adds its forms and ignores files that are not JSON")
    func extraFolder() throws {
        let path = try folder(["tiny.json": FormFixture().json])
        try "notes".write(toFile: path + "/README.md", atomically: true, encoding: .utf8)
        let catalog = try FormCatalog.load(directories: [path])
        #expect(catalog.forms.map(\.id) == ["barthel", "cn-ltc-2021", "de-nba-2017", "gbt-42195-2022", "ltc-care-needs", "tiny"])
    }

    @Test("A bad file in a folder is refused by name, with every bad file listed")
    func badFiles() throws {
        var broken = FormFixture()
        broken.id = "broken"
        broken.items[0] = F.item("a.one", "a", [9])
        var other = FormFixture()
        other.id = "other"
        other.format = "old"
        let path = try folder(["broken.json": broken.json, "other.json": other.json])
        let error = try #require(throws: FormCatalogError.self) { try FormCatalog.load(directories: [path]) }
        #expect(error.files.map(\.file) == [path + "/broken.json", path + "/other.json"])
        #expect(error.description.contains(path + "/broken.json: $.items[0].options[0].score: score 9 is outside the dimension's range 0–4"))
    }
    typealias F = FormFixture

    @Test("Two files may not define the same form id")
    func duplicateID() throws {
        var clash = FormFixture()
        clash.id = "barthel"
        let path = try folder(["mine.json": clash.json])
        let error = try #require(throws: FormCatalogError.self) { try FormCatalog.load(directories: [path]) }
        #expect(error.description == path + "/mine.json: $.id: form id 'barthel' is already defined by AssessmentForms/barthel.json (built in)")
    }

    @Test("A folder that does not exist is an error, not an empty catalog")
    func missingFolder() {
        #expect(throws: FormCatalogError.self) { try FormCatalog.load(directories: ["/no/such/forms"]) }
    }

    @Test("An unknown form id lists the forms there are")
    func notFound() throws {
        let error = try #require(throws: FormNotFound.self) { try FormCatalog.load().form(id: "cn-ltc-2012") }
        #expect(error.description == "no form with id 'cn-ltc-2012'; available forms: barthel, cn-ltc-2021, de-nba-2017, gbt-42195-2022, ltc-care-needs")
    }
}
