import LTCCore
import Testing

@Suite("JSON paths in error messages")
struct JSONPathTests {
    @Test("Identifiers are dotted, other names quoted, indexes bracketed")
    func rendering() {
        #expect(JSONPath.root.description == "$")
        #expect(JSONPath.root.appending("items").appending(3).appending("options").description == "$.items[3].options")
        #expect(JSONPath.root.appending("answers").appending("adl.eating").description == #"$.answers["adl.eating"]"#)
        #expect(JSONPath.root.appending("$schema").description == #"$["$schema"]"#)
    }

    @Test("A problem log reports unknown, missing and mistyped fields together")
    func problemLog() throws {
        let log = JSONProblemLog()
        let fields = try #require(log.fields(of: try JSONParser.parse(#"{"id": 5, "titel": "x"}"#), at: .root, accepting: ["id", "title"]))
        #expect(fields.string("id") == nil)
        #expect(fields.string("title") == nil)
        #expect(log.problems.map(\.description) == [
            "$.titel: unknown field; accepted fields: id, title",
            "$.id: expected string, found integer 5",
            "$.title: missing required field (string)",
        ])
    }
}
