import Foundation
import LTCCases
import LTCCore
import LTCOperations
import Testing

/// Every operation of the catalogue, sent over `ltc rpc` to a demo city:
/// generated from the catalogue, so that an operation added is an operation tested.
@Suite("Every operation over rpc: refused to a role without its permission, answered for one with it")
struct CatalogueRPCTests {
    let scratch = Scratch()

    /// A registered actor of each role in the demo city (the auditor is added first).
    static let actors: [Actor.Role: String] = [
        .administrator: "administrator:demo", .auditor: "auditor:audit1", .assessor: "assessor:A1", .institution: "institution:I001",
    ]

    /// Codes that are a refusal: forbidden, or not found or not yours.
    static let refusals: Set<Int> = [1010, 1012]

    @Test("Each operation: a refusal for an actor without the permission, and a result or a domain refusal for one with it")
    func everyOperation() throws {
        let db = scratch.database("catalogue")
        let demo = try ltc(["demo", "--db", db])
        try #require(demo.status == 0, "\(demo.stderr)")
        let auditor = try ltc(["staff", "add", "audit1", "--role", "auditor", "--db", db, "--actor", "administrator:demo"])
        try #require(auditor.status == 0, "\(auditor.stderr)")

        var lines: [String] = []
        var expectations: [(id: Int, name: String, refusal: Bool)] = []
        for entry in OperationCatalogue.standard().entries {
            var example = entry.example
            if entry.effect.touchesStore && !entry.access.admitsAnyone {
                let allowed = entry.access.roles
                let role = allowed.contains(.administrator) ? .administrator : allowed[0]
                example.set("actor", .string(Self.actors[role]!))
                // Refused: a role the rule leaves out, or, where every role may, an actor nobody registered.
                var refused = example
                refused.remove("asOf")
                let outsider = Actor.Role.allCases.first { !allowed.contains($0) }.map { Self.actors[$0]! } ?? "institution:NOBODY"
                refused.set("actor", .string(outsider))
                expectations.append((lines.count, entry.name, true))
                lines.append(Self.request(lines.count, entry.name, refused))
            }
            expectations.append((lines.count, entry.name, false))
            lines.append(Self.request(lines.count, entry.name, example))
        }
        let run = try ltc(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n")
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        try #require(responses.count == lines.count, "\(run.stderr)")
        for (id, name, refusal) in expectations {
            let response = responses[id]
            let code = response["error"]?["code"]?.intValue
            if refusal {
                #expect(code.map(Self.refusals.contains) == true, "\(name), as an actor without the permission: \(JSONWriter.string(response).prefix(300))")
            } else {
                #expect(response["result"] != nil || (code.map { (1000..<1100).contains($0) } ?? false),
                        "\(name): neither a result nor a domain refusal: \(JSONWriter.string(response).prefix(300))")
            }
        }
    }

    static func request(_ id: Int, _ method: String, _ params: JSONObject) -> String {
        JSONWriter.string(["jsonrpc": "2.0", "id": .integer(id), "method": .string(method), "params": .object(params)])
    }
}

@Suite("docs/protocol.md lists the methods rpc.describe lists")
struct ProtocolDocumentTests {
    @Test("Every method is documented, and every documented method exists")
    func methodList() throws {
        let describe = try JSONParser.parse(try ltc(["rpc"], input: #"{"jsonrpc":"2.0","id":1,"method":"rpc.describe"}"# + "\n").stdout)
        let described = Set(describe["result"]?["methods"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        var documented: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("### ") || line.hasPrefix("| `") {
            // A heading, or the first cell of a table row, may name methods in backticks.
            let named = line.hasPrefix("### ") ? line.dropFirst(4) : line.dropFirst(2).prefix { $0 != "|" }
            for piece in named.split(separator: "`", omittingEmptySubsequences: false).enumerated() where piece.offset % 2 == 1 {
                let word = String(piece.element)
                if word.split(separator: ".").count == 2, word.allSatisfy({ $0.isLetter || $0 == "." }) { documented.insert(word) }
            }
        }
        // Result fields are written area.field too (`decision.row`): a method's area is one the interface has.
        let areas = Set(described.compactMap { $0.split(separator: ".").first.map(String.init) })
        documented = documented.filter { areas.contains(String($0.split(separator: ".")[0])) }
        #expect(described.subtracting(documented).sorted() == [], "methods rpc.describe lists that docs/protocol.md does not")
        #expect(documented.subtracting(described).sorted() == [], "methods docs/protocol.md lists that do not exist")
    }
}

@Suite("docs/protocol.md states every length limit the params have")
struct ProtocolLimitsTests {
    @Test("Each maxLength of a text param in the OpenRPC document is in the Limits table")
    func limits() throws {
        let document = try JSONParser.parse(try ltc(["schema", "--openrpc"]).stdout)
        var lengths: Set<Int> = []
        func walk(_ schema: JSONValue?) {
            guard let schema else { return }
            if let length = schema["maxLength"]?.intValue { lengths.insert(length) }
            for member in schema["properties"]?.objectValue ?? [:] { walk(member.value) }
            walk(schema["items"])
            for key in ["anyOf", "oneOf"] { for value in schema[key]?.arrayValue ?? [] { walk(value) } }
        }
        for method in document["methods"]?.arrayValue ?? [] {
            for param in method["params"]?.arrayValue ?? [] { walk(param["schema"]) }
        }
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Limits").dropFirst().first?.components(separatedBy: "\n## ").first)
        #expect(lengths.count > 5)
        for length in lengths.sorted() {
            let shown = [length.formatted(.number.grouping(.never)), length.formatted(.number.locale(Locale(identifier: "en_US")))]
            #expect(shown.contains { section.contains("| \($0) characters") || section.contains("| \($0) digits") || section.contains("(\($0) characters") },
                    "a param may hold \(length) characters, and the Limits table of docs/protocol.md does not say which")
        }
    }
}
