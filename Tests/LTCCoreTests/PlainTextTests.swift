import LTCCore
import Testing

@Suite("Text stored as sent: no control characters in ids, names and notes")
struct PlainTextTests {
    @Test("A NUL, an escape or a newline is refused in a name; a note may span lines", arguments: [
        ("陈\u{0}老伯", PlainText.Kind.name, "holds a control character (U+0000)"),
        ("Wang\u{1B}[31m", .name, "holds a control character (U+001B)"),
        ("two\nlines", .name, "holds a control character (U+000A)"),
        ("C\u{85}1", .id, "holds a control character (U+0085)"),
        (" A1", .id, "' A1' begins or ends with a space"),
        ("   ", .name, "is empty"),
        ("found\u{7F}", .note, "holds a control character (U+007F)"),
    ])
    func refused(text: String, kind: PlainText.Kind, problem: String) {
        #expect(PlainText.problem(in: text, as: kind) == problem)
    }

    @Test("Ordinary names, ids and multi-line notes pass")
    func accepted() throws {
        #expect(PlainText.problem(in: "护理站 I001（静安）", as: .name) == nil)
        #expect(PlainText.problem(in: "C-001", as: .id) == nil)
        #expect(PlainText.problem(in: "hospital stay\n\tfrom the 3rd", as: .note) == nil)
        let error = #expect(throws: InputError.self) { try PlainText.require("A\u{0}", "assessor id", as: .id) }
        #expect(error?.message == "assessor id holds a control character (U+0000); an id is printable text without control characters or surrounding spaces")
    }
}

@Suite("CSV cells cannot forge columns, rows or formulas")
struct CSVTextTests {
    @Test("Quoted after RFC 4180 when needed; a formula is neutralized; numbers are left alone", arguments: [
        ("静安", "静安"),
        ("Smith, J.", "\"Smith, J.\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
    ])
    func cells(text: String, written: String) {
        #expect(CSVText.cell(text) == written)
    }

    @Test("A JSON member is a cell: text quoted and defused, numbers as written, null empty, an object as its JSON")
    func jsonCells() {
        #expect(CSVText.cell(JSONValue.string("=1+1")) == "'=1+1")
        #expect(CSVText.cell(JSONValue.number("-29.25")) == "-29.25" && CSVText.cell(JSONValue.integer(7)) == "7")
        #expect(CSVText.cell(JSONValue.bool(true)) == "true" && CSVText.cell(JSONValue.null) == "" && CSVText.cell(nil as JSONValue?) == "")
        #expect(CSVText.cell(JSONValue.object(["a": .integer(1)])) == #""{""a"":1}""#)
    }
}
