import Foundation
import LTCAssessment
import LTCCore
import LTCOperations
import LTCProtocol
import Testing

func makeServer() throws -> RPCServer {
    RPCServer(catalogue: .standard(), environment: OperationEnvironment(forms: try FormCatalog.load()))
}

/// The response to one line, parsed.
func respond(_ server: RPCServer, _ line: String) throws -> JSONValue? {
    try server.respond(to: line).map { try JSONParser.parse($0) }
}

let barthelAnswers = #"{"barthel.feeding":5,"barthel.bathing":0,"barthel.grooming":0,"barthel.dressing":5,"barthel.bowels":10,"barthel.bladder":5,"barthel.toilet":5,"barthel.transfer":10,"barthel.mobility":0,"barthel.stairs":0}"#

@Suite("JSON-RPC responses")
struct RPCServerTests {
    @Test("assessment.score returns the contract fields")
    func scoreContract() throws {
        let response = try #require(try respond(makeServer(),
            #"{"jsonrpc":"2.0","id":7,"method":"assessment.score","params":{"form":"barthel","answers":"# + barthelAnswers + "}}"))
        #expect(response["jsonrpc"] == "2.0")
        #expect(response["id"] == 7)
        let result = try #require(response["result"])
        #expect(result["grade"]?["level"] == 3)
        #expect(result["grade"]?["label"]?["zh"] == "重度依赖")
        #expect(result["grade"]?["label"]?["en"] == "severe dependence")
        #expect(result["dimensions"]?["barthel"]?["score"] == 40)
        #expect(result["dimensions"]?["barthel"]?["level"] == 3)
    }

    @Test("The id comes back exactly as sent", arguments: [#""abc""#, "42", "-1", "1.50", "null", "1e400"])
    func idEcho(id: String) throws {
        let line = #"{"jsonrpc":"2.0","id":"# + id + #","method":"forms.list"}"#
        let response = try #require(try makeServer().respond(to: line))
        #expect(response.hasPrefix(#"{"jsonrpc":"2.0","id":"# + id + ","))
    }

    @Test("Malformed JSON is a parse error with a null id")
    func parseError() throws {
        let response = try #require(try respond(makeServer(), #"{"jsonrpc":"2.0","id":1,"method":"forms.list""#))
        #expect(response["id"] == .null)
        #expect(response["error"]?["code"] == -32700)
        #expect(response["error"]?["data"]?["line"] == 1)
    }

    @Test("Invalid requests", arguments: [
        ("1", "a request must be a JSON object, found integer"),
        (#"{"id":1,"method":"forms.list"}"#, #"'jsonrpc' must be the string "2.0""#),
        (#"{"jsonrpc":"1.0","id":1,"method":"forms.list"}"#, #"'jsonrpc' must be the string "2.0""#),
        (#"{"jsonrpc":"2.0","id":1}"#, "'method' must be a string; it is missing"),
        (#"{"jsonrpc":"2.0","id":1,"method":5}"#, "'method' must be a string; found integer"),
        (#"{"jsonrpc":"2.0","id":{},"method":"forms.list"}"#, "'id' must be a string, a number or null, found object"),
        (#"{"jsonrpc":"2.0","id":1,"method":"forms.list","params":"x"}"#, "'params' must be an object, found string"),
        (#"{"jsonrpc":"2.0","id":1,"method":"forms.list","param":{}}"#, "unknown member 'param'"),
        ("[]", "an empty batch"),
    ])
    func invalidRequest(line: String, reason: String) throws {
        let response = try #require(try respond(makeServer(), line))
        #expect(response["error"]?["code"] == -32600)
        #expect(response["error"]?["message"]?.stringValue?.contains(reason) == true)
    }

    @Test("An unknown method lists the methods there are")
    func methodNotFound() throws {
        let response = try #require(try respond(makeServer(), #"{"jsonrpc":"2.0","id":1,"method":"forms.delete"}"#))
        #expect(response["error"]?["code"] == -32601)
        let names = (OperationCatalogue.standard().names + ["rpc.describe"]).sorted()
        #expect(response["error"]?["data"]?["available"] == .array(names.map { .string($0) }))
    }

    @Test("Invalid params: unknown, missing and mistyped parameters all reported")
    func invalidParams() throws {
        let response = try #require(try respond(makeServer(),
            #"{"jsonrpc":"2.0","id":1,"method":"assessment.score","params":{"form":5,"answer":{}}}"#))
        #expect(response["error"]?["code"] == -32602)
        let problems = try #require(response["error"]?["data"]?["problems"]?.arrayValue)
        #expect(problems.compactMap { $0["param"]?.stringValue } == ["answer", "form"])
    }

    @Test("assessment.score needs either answers or a FHIR response")
    func answersOrResponse() throws {
        let neither = try #require(try respond(makeServer(), #"{"jsonrpc":"2.0","id":1,"method":"assessment.score","params":{"form":"barthel"}}"#))
        #expect(neither["error"]?["code"] == 1004)
        #expect(neither["error"]?["message"]?.stringValue?.contains("give either answers (with conditions) or response") == true)
        let both = try #require(try respond(makeServer(),
            #"{"jsonrpc":"2.0","id":1,"method":"assessment.score","params":{"form":"barthel","answers":{},"response":{}}}"#))
        #expect(both["error"]?["code"] == 1004)
    }

    @Test("Positional params are refused: parameters are given by name")
    func positionalParams() throws {
        let response = try #require(try respond(makeServer(), #"{"jsonrpc":"2.0","id":1,"method":"forms.get","params":["barthel"]}"#))
        #expect(response["error"]?["code"] == -32602)
    }

    @Test("Invalid answers are a domain error carrying every problem")
    func invalidAnswers() throws {
        let response = try #require(try respond(makeServer(),
            #"{"jsonrpc":"2.0","id":1,"method":"assessment.score","params":{"form":"barthel","answers":{"barthel.feeding":"10","x":1}}}"#))
        #expect(response["error"]?["code"] == 1002)
        #expect(response["error"]?["data"]?["kind"] == "invalidAnswers")
        #expect(response["error"]?["data"]?["problems"]?.arrayValue?.count == 11)
    }

    @Test("An unknown form is a domain error listing the forms")
    func unknownForm() throws {
        let response = try #require(try respond(makeServer(), #"{"jsonrpc":"2.0","id":1,"method":"forms.get","params":{"form":"nba"}}"#))
        #expect(response["error"]?["code"] == 1001)
        #expect(response["error"]?["data"]?["available"] == ["barthel", "cn-ltc-2021", "de-nba-2017", "gbt-42195-2022", "ltc-care-needs"])
    }

    @Test("Notifications get no response, even when they fail")
    func notifications() throws {
        let server = try makeServer()
        #expect(try respond(server, #"{"jsonrpc":"2.0","method":"forms.list"}"#) == nil)
        #expect(try respond(server, #"{"jsonrpc":"2.0","method":"no.such"}"#) == nil)
        #expect(try respond(server, #"{"jsonrpc":"2.0","method":"forms.get","params":{}}"#) == nil)
    }

    @Test("Blank lines are not requests")
    func blankLines() throws {
        let server = try makeServer()
        #expect(server.respond(to: "") == nil)
        #expect(server.respond(to: "  \t ") == nil)
    }

    @Test("A batch gets one array of responses in order, leaving out notifications")
    func batch() throws {
        let response = try #require(try respond(makeServer(), """
            [{"jsonrpc":"2.0","id":"a","method":"forms.list"},{"jsonrpc":"2.0","method":"forms.list"},\
            {"jsonrpc":"2.0","id":"b","method":"nope"},7,{"jsonrpc":"2.0","id":"c","method":"forms.get","params":{"form":"barthel"}}]
            """))
        let responses = try #require(response.arrayValue)
        #expect(responses.map { $0["id"] } == ["a", "b", .null, "c"])
        #expect(responses[1]["error"]?["code"] == -32601)
        #expect(responses[2]["error"]?["code"] == -32600)
        #expect(responses[3]["result"]?["id"] == "barthel")
    }

    @Test("A batch of notifications gets no line at all")
    func batchOfNotifications() throws {
        #expect(try respond(makeServer(), #"[{"jsonrpc":"2.0","method":"forms.list"},{"jsonrpc":"2.0","method":"forms.list"}]"#) == nil)
    }

    @Test("rpc.describe lists every method with its parameters")
    func describe() throws {
        let response = try #require(try respond(makeServer(), #"{"jsonrpc":"2.0","id":1,"method":"rpc.describe"}"#))
        let methods = try #require(response["result"]?["methods"]?.arrayValue)
        #expect(methods.compactMap { $0["name"]?.stringValue } == OperationCatalogue.standard().entries.map(\.name) + ["rpc.describe"])
        let score = try #require(methods.first { $0["name"] == "assessment.score" })
        #expect(score["params"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["form", "answers", "conditions", "response", "fhir"])
        #expect(score["params"]?.arrayValue?.first?["type"] == "string")
    }

    @Test("Each method that needs no database accepts its documented example (the rest are sent by the catalogue's tests)")
    func examplesWork() throws {
        let server = try makeServer()
        let described = try #require(try respond(server, #"{"jsonrpc":"2.0","id":1,"method":"rpc.describe"}"#))
        for method in described["result"]?["methods"]?.arrayValue ?? [] where method["effect"] == nil || method["effect"] == "computes" {
            let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": method["name"]!, "params": method["example"]!]
            let response = try #require(try respond(server, JSONWriter.string(request)))
            #expect(response["result"] != nil, "\(method["name"]!)")
        }
    }
}

@Suite("The error codes docs/protocol.md lists are the codes ltc answers")
struct ErrorTableTests {
    @Test("Every domain error kind's code is in the documented table, and every documented kind has that code")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        var documented: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| 10") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let code = Int(cells[0]), let kind = cells[1].split(separator: "`").first(where: { !$0.isEmpty && $0.first!.isLetter && !$0.contains(" ") }) else { continue }
            documented[String(kind)] = code
        }
        #expect(documented == RPCErrorCode.domain)
    }
}
