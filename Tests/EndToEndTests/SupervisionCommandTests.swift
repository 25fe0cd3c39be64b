import Foundation
import LTCCore
import Testing

/// Supervision's commands and rpc methods run one operation each: the same
/// params read by one reader, the same JSON, the same refusals.
@Suite("Supervision on the command line and over rpc: one operation each")
struct SupervisionCommandTests {
    let scratch = Scratch()

    func rpc(_ db: String, _ requests: [String]) throws -> [JSONValue] {
        let run = try ltc(["rpc", "--db", db], input: requests.joined(separator: "\n") + "\n")
        return try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test("A draw's seed replays it on either side; an inspection names its draw; --score ID=N is the scores object; bad values are named by param")
    func drawInspectAssess() throws {
        let db = scratch.database("supervision")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        #expect(try ltc(["staff", "add", "li", "--role", "administrator"] + admin).status == 0)

        let drawn = try ltc(["inspections", "draw", "--count", "1", "--seed", "42", "--as-of", "2026-05-01", "--json"] + admin)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        let draw = try JSONParser.parse(drawn.stdout)
        #expect(draw["seed"] == "42")
        let replayed = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"inspection.draw","params":{"actor":"administrator:demo","count":1,"seed":"42","asOf":"2026-05-01"}}"#])
        #expect(replayed.first?["result"]?["picks"] == draw["picks"] && replayed.first?["result"]?["id"] == 2)
        let picked = try #require(draw["picks"]?.arrayValue?.first?["institution"]?.stringValue)

        let inspected = try ltc(["inspection", "--institution", picked, "--score", "92", "--note", "records complete", "--draw", "1", "--as-of", "2026-05-20"] + admin)
        #expect(inspected.stdout == "inspection 1 of \(picked) on 2026-05-20: 92\n", "\(inspected.stderr)")
        let results = try ltc(["inspections", "results", "1", "--json", "--db", db, "--actor", "institution:I002"])
        #expect(try JSONParser.parse(results.stdout)["results"]?.arrayValue?.map { $0["score"] } == [92])

        let assessed = try ltc(["performance", "--institution", picked, "--from", "2026-04-01", "--to", "2026-06-30", "--score", "inspection=85",
                                "--as-of", "2026-07-02", "--json"] + admin)
        #expect(assessed.status == 0, "\(assessed.stderr)")
        let line = try JSONParser.parse(assessed.stdout)["lines"]?.arrayValue?.first { $0["indicator"] == "inspection" }
        #expect(line?["value"] == "85")

        let outOfRange = try ltc(["performance", "--institution", picked, "--from", "2026-05-01", "--to", "2026-05-31", "--score", "inspection=150",
                                  "--as-of", "2026-07-02"] + admin)
        #expect(outOfRange.status == 65 && outOfRange.stderr == "error: scores.inspection: 150 is not a whole number from 0 to 100\n", "\(outOfRange.stderr)")
        let badSeed = try ltc(["inspections", "draw", "--count", "1", "--seed", "x42"] + admin)
        #expect(badSeed.status == 65 && badSeed.stderr.contains("seed: 'x42' is not a whole number from 0 to 18446744073709551615"), "\(badSeed.stderr)")
        let badScore = try ltc(["inspection", "--institution", picked, "--score", "101", "--note", "x"] + admin)
        #expect(badScore.status == 65 && badScore.stderr == "error: score: 101 is outside 0–100\n", "\(badScore.stderr)")

        let refused = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"performance.assess","params":{"actor":"administrator:demo","institution":"I001","from":"2026-05-01","to":"2026-05-31","scores":{"inspection":"85"},"asOf":"2026-07-02"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"report.fund","params":{"actor":"administrator:demo","month":"2026-04","format":"pdf"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"violation.record","params":{"actor":"administrator:demo","institution":"I001","type":"V02","penalty":"recovery","amount":"12","evidence":"x"}}"#,
        ])
        #expect(refused.map { $0["error"]?["code"] } == [1004, 1004, -32602])
        #expect(refused.first?["error"]?["data"]?["problems"] == [["param": "scores.inspection", "message": "'85' is not a whole number from 0 to 100"]])
        #expect(refused.dropFirst().first?["error"]?["message"] == "format: 'pdf' is not accepted; use json, csv or html")
    }

    @Test("violation record and credit print what the penalty did, and the JSON is the rpc result")
    func violationAndCredit() throws {
        let db = scratch.database("violation")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let recorded = try ltc(["violation", "record", "--institution", "I001", "--type", "V02", "--penalty", "recovery", "--amount", "300",
                                "--evidence", "follow-up calls", "--as-of", "2026-05-12"] + admin)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.hasPrefix("violation 1: V02 at I001, recovery: credit −"), "\(recorded.stdout)")
        let listed = try JSONParser.parse(try ltc(["violation", "list", "--json"] + admin).stdout)
        let answered = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"violation.list","params":{"actor":"administrator:demo"}}"#])
        #expect(answered.first?["result"] == listed && listed["violations"]?.arrayValue?.count == 1)
        let credit = try ltc(["credit", "institution:I001", "--as-of", "2026-05-12"] + admin)
        #expect(credit.stdout.hasPrefix("institution:I001: credit ") && credit.stdout.contains("violation 1 (V02, recovery)"), "\(credit.stdout)")
        let amount = try ltc(["violation", "record", "--institution", "I001", "--type", "V02", "--penalty", "recovery", "--amount", "1.234",
                              "--evidence", "x"] + admin)
        #expect(amount.status == 65 && amount.stderr.hasPrefix("error: amount: 1.234 is not an amount in yuan with at most two decimals"), "\(amount.stderr)")
    }
}
