import LTCCases
import LTCCore
@testable import LTCOperations
import Testing

/// A made-up input with one param of each kind the reader handles.
private struct Sample: Params {
    @Param("case", "The case id.") var caseID: Int
    @Param("reason", "Why.") var reason: Ending
    @Param("on", "When.") var on: CalendarDate?
    @Param("note", "A note.", .text(.note)) var note: String?
    @Param("code", "An id.", .text(.id)) var code: String?
    @Param("score", "A score.", .range(0...100)) var score: Int?
    @Param("limit", "How many.", default: 100, .range(1...10_000)) var limit: Int
    @Param("tags", "Ids.", .text(.id)) var tags: [String]?
    @Param("agent", "Who applies.") var agent: Agent?
    init() {}
}

private struct Agent: ParamsObject {
    @Param("name", "Their name.") var name: String
    @Param("relationship", "How related.") var relationship: String
    init() {}
}

/// Why a case ends, as the test's own words.
private enum Ending: String, ParamEnum {
    case death, left, recovery, withdrawn
}

@Suite("One reader for every request's params: every problem at once, before anything is used")
struct ParamsReaderTests {
    @Test("A request with every param right reads into typed values, defaults filled in")
    func reads() throws {
        let input = try ParamsReader.read(Sample.self, from: ["case": 6, "reason": "death", "on": "2026-06-10", "tags": ["A", "B"],
                                                              "agent": ["name": "陈小妹", "relationship": "daughter"]])
        #expect(input.caseID == 6 && input.reason == .death && input.on == CalendarDate("2026-06-10"))
        #expect(input.limit == 100 && input.tags == ["A", "B"] && input.agent?.relationship == "daughter" && input.note == nil)
    }

    @Test("Unknown, missing, mistyped and refused values are all reported, each naming its param")
    func everyProblem() {
        #expect {
            _ = try ParamsReader.read(Sample.self, from: ["oops": 1, "reason": "dead", "on": "10 June", "score": 101, "limit": "x",
                                                          "agent": ["name": "x"], "tags": ["ok", " bad"]])
        } throws: { error in
            guard let error = error as? ParamsError else { return false }
            let problems = Dictionary(error.problems.map { ($0.param, $0) }, uniquingKeysWith: { first, _ in first })
            return error.isStructural
                && problems["oops"]?.kind == .unknown
                && problems["case"]?.message == "missing required parameter (integer)"
                && problems["reason"]?.message == "'dead' is not accepted; use death, left, recovery or withdrawn"
                && problems["on"]?.message == "'10 June' is not a date; use YYYY-MM-DD"
                && problems["score"]?.message == "101 is outside 0–100"
                && problems["limit"]?.kind == .wrongType
                && problems["agent.relationship"]?.kind == .missing
                && problems["tags[1]"]?.kind == .invalid
        }
    }

    @Test("A value problem alone is invalid input; a shape problem makes the whole request invalid params")
    func kinds() {
        let value = ParamsError(problems: [ParamProblem(param: "reason", .invalid, "'dead' is not accepted")])
        #expect(!value.isStructural && value.kind == "invalidInput" && value.description == "reason: 'dead' is not accepted")
        let shape = ParamsError(problems: [ParamProblem(param: "case", .missing, "missing required parameter (integer)")])
        #expect(shape.isStructural && shape.kind == "invalidParams" && shape.description.hasPrefix("Invalid params: "))
    }

    @Test("Every id, name and note has a maximum length, and control characters are refused", arguments: [
        (["case": 1, "reason": "left", "code": .string(String(repeating: "x", count: 65))] as JSONObject, "code"),
        (["case": 1, "reason": "left", "note": .string(String(repeating: "字", count: 4001))] as JSONObject, "note"),
        (["case": 1, "reason": "left", "code": "A\u{0}1"] as JSONObject, "code"),
    ])
    func limits(params: JSONObject, param: String) {
        #expect {
            _ = try ParamsReader.read(Sample.self, from: params)
        } throws: { error in
            (error as? ParamsError)?.problems.map(\.param) == [param]
        }
    }

    @Test("An optional param sent as null is left out; a file may stand in for a text param, but not both")
    func nullAndAttachments() throws {
        let input = try ParamsReader.read(Sample.self, from: ["case": 1, "reason": "left", "on": .null])
        #expect(input.on == nil)
        struct Upload: Params {
            @Param("logs", "The logs.") var logs: TextDocument
            init() {}
        }
        let file = Attachment(.bytes(Array("a,b\n".utf8)), name: "april.csv", size: 4)
        let read = try ParamsReader.read(Upload.self, from: [:], attachments: ["logs": file])
        #expect(try read.logs.bytes() == Array("a,b\n".utf8) && read.logs.source == "april.csv")
        #expect(throws: ParamsError.self) { _ = try ParamsReader.read(Upload.self, from: ["logs": "x"], attachments: ["logs": file]) }
        #expect(throws: ParamsError.self) { _ = try ParamsReader.read(Sample.self, from: ["case": 1, "reason": "left"], attachments: ["case": file]) }
    }

    @Test("The schema carries the types, allowed values, ranges, lengths, defaults and what is required")
    func schema() {
        let schema = ParamsLayout.of(Sample.self).schema.json
        let properties = schema["properties"]!
        #expect(schema["required"] == ["case", "reason"])
        #expect(properties["reason"]?["enum"] == ["death", "left", "recovery", "withdrawn"])
        #expect(properties["score"]?["minimum"] == 0 && properties["score"]?["maximum"] == 100)
        #expect(properties["limit"]?["default"] == 100)
        #expect(properties["code"]?["maxLength"] == 64 && properties["note"]?["maxLength"] == 4000)
        #expect(properties["tags"]?["items"]?["maxLength"] == 64)
        #expect(properties["agent"]?["required"] == ["name", "relationship"])
        #expect(schema["additionalProperties"] == false)
    }
}
