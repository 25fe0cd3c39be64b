import Foundation
import LTCCore
import Testing

@Suite("Errors for people and programs: suggestions, every missing argument at once, JSON errors with --json")
struct CommandLineUsageTests {
    @Test("A mistyped subcommand gets a suggestion, at any depth; ltc help NOPE is an error", arguments: [
        (["scor", "x.json"], "unknown subcommand 'scor' of 'ltc'; did you mean 'score'?"),
        (["case", "opn", "1"], "unknown subcommand 'opn' of 'ltc case'; did you mean 'open'?"),
        (["help", "nope"], "unknown subcommand 'nope' of 'ltc'"),
        (["help", "case", "opne"], "unknown subcommand 'opne' of 'ltc case'; did you mean 'open'?"),
    ])
    func unknownSubcommand(arguments: [String], message: String) throws {
        let run = try ltc(arguments)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: " + message), "\(run.stderr)")
    }

    @Test("Help for a real subcommand still works, and a mistyped option is suggested")
    func help() throws {
        let help = try ltc(["help", "case", "open"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: ltc case open"))
        let option = try ltc(["score", "--frm", "barthel", "x.json"])
        #expect(option.status == 64 && option.stderr.contains("Did you mean '--form'?"))
    }

    @Test("An option that takes one value, given twice, is refused as rpc refuses a member given twice: never the last one kept")
    func givenTwice() throws {
        let run = try ltc(["case", "list", "--actor", "administrator:demo", "--actor", "institution:I001"])
        #expect(run.status == 64 && run.stderr.hasPrefix("Error: '--actor' is given 2 times; it takes one value"), "\(run.stderr)")
        let limit = try ltc(["case", "list", "--limit", "1", "--limit", "5", "--actor", "administrator:demo"])
        #expect(limit.status == 64 && limit.stderr.contains("'--limit' is given 2 times"), "\(limit.stderr)")
    }

    @Test("Every missing required argument is named at once")
    func allMissing() throws {
        let run = try ltc(["case", "open"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: missing expected arguments: '--person <person>', '--disabled-since <date>', '--actor <role:id>'"), "\(run.stderr)")
    }

    @Test("With --json an error is the JSON-RPC error object: the same code, message and data as ltc rpc answers")
    func jsonErrors() throws {
        let file = "Examples/assessments/cn-ltc-2021-invalid.json"
        let cli = try ltc(["score", file, "--json"])
        #expect(cli.status == 65 && cli.stdout.isEmpty)
        let document = try JSONParser.parse(try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8))
        let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "assessment.score", "params": document]
        let rpc = try JSONParser.parse(try ltc(["rpc"], input: JSONWriter.string(request) + "\n").stdout)
        #expect(try JSONParser.parse(cli.stderr) == rpc["error"])

        let usage = try JSONParser.parse(try ltc(["case", "open", "--json"]).stderr)
        #expect(usage["code"] == -32602 && usage["data"]?["kind"] == "usage")
        #expect(usage["message"]?.stringValue?.contains("'--person <person>', '--disabled-since <date>', '--actor <role:id>'") == true)
        let missing = try ltc(["score", "no-such.json", "--json"])
        #expect(missing.status == 66)
        #expect(try JSONParser.parse(missing.stderr)["data"]?["kind"] == "unreadableFile")
    }
}
