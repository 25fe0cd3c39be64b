import Foundation
import LTCCore
import Testing

/// Due process, disclosure, inspections and the fund's notice on the command
/// line and over rpc: one operation each, the same JSON, the same refusals.
/// The demo's database; dates are today's (an institution acts on today's date).
@Suite("Enforcement on the command line and over rpc: one operation each")
struct EnforcementCommandTests {
    let scratch = Scratch()

    func rpc(_ db: String, _ requests: [String]) throws -> [JSONValue] {
        let run = try ltc(["rpc", "--db", db], input: requests.joined(separator: "\n") + "\n")
        return try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    func request(_ id: Int, _ method: String, _ params: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#
    }

    @Test("Notice, defence by the institution itself, decision; others learn nothing; the decision is published and marked typical")
    func dueProcess() throws {
        let db = scratch.database("penalty")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let outside = try ltc(["penalty", "notify", "--institution", "I001", "--type", "V02", "--penalty", "recovery", "--amount", "300",
                               "--facts", "4 visits billed twice", "--grounds", "agreement art. 12"] + admin)
        #expect(outside.status == 65 && outside.stderr == "error: penalty 'recovery' is outside the benchmark for V02 (general, 0 earlier, from 'warning' to 'refusal'): give a reason\n",
                "\(outside.stderr)")
        let notified = try ltc(["penalty", "notify", "--institution", "I001", "--type", "V02", "--penalty", "refusal", "--amount", "300",
                                "--facts", "4 visits billed twice", "--grounds", "agreement art. 12", "--json"] + admin)
        #expect(notified.status == 0, "\(notified.stderr)")
        let notice = try JSONParser.parse(notified.stdout)
        #expect(notice["status"] == "notified" && notice["decision"] == .null)

        // Another institution learns nothing, whether the notice exists or not; the institution reads its own.
        let other = ["--db", db, "--actor", "institution:I002"], own = ["--db", db, "--actor", "institution:I001"]
        let hidden = try ltc(["penalty", "show", "1"] + other), missing = try ltc(["penalty", "show", "2"] + other)
        #expect(hidden.stderr == "error: penalty notice 1: not found or not yours\n" && missing.stderr == "error: penalty notice 2: not found or not yours\n")
        #expect(hidden.status == missing.status)
        let answered = try rpc(db, [request(1, "penalty.get", #"{"actor":"institution:I001","notice":1}"#),
                                    request(2, "penalty.notices", #"{"actor":"institution:I002"}"#),
                                    request(3, "penalty.defend", #"{"actor":"institution:I002","notice":1,"statement":"not ours"}"#)])
        #expect(answered[0]["result"] == notice)
        #expect(answered[1]["result"]?["notices"] == [])
        #expect(answered[2]["error"]?["message"] == "penalty notice 1: not found or not yours")

        // Decided before the defence: refused; the institution states its defence; then the decision takes effect.
        let early = try ltc(["penalty", "decide", "1"] + admin)
        #expect(early.status != 0 && early.stderr.contains("defence period of notice 1 runs until"), "\(early.stderr)")
        #expect(try JSONParser.parse(try ltc(["violation", "list", "--json"] + admin).stdout)["violations"] == [])
        let defended = try ltc(["penalty", "defend", "1", "--statement", "two of the visits took 2 hours"] + own)
        #expect(defended.status == 0 && defended.stdout.contains("— defended"), "\(defended.stderr)")
        let decided = try rpc(db, [request(1, "penalty.decide", #"{"actor":"administrator:demo","notice":1}"#)])
        let decision = try #require(decided.first?["result"]?["decision"])
        #expect(decision["violation"] == 1 && decision["penalty"] == "refusal")
        #expect(try JSONParser.parse(try ltc(["penalty", "show", "1", "--json"] + own).stdout)["decision"] == decision)

        // Published to every registered actor, without evidence or persons; typical cases marked.
        let typical = try ltc(["violation", "typical", "1", "--summary", "visits billed twice; refused"] + admin)
        #expect(typical.status == 0, "\(typical.stderr)")
        let published = try JSONParser.parse(try ltc(["disclosure", "violations", "--typical", "--json"] + other).stdout)
        let item = try #require(published["violations"]?.arrayValue?.first)
        #expect(item["institution"] == "I001" && item["type"] == "V02" && item["decision"] == "refusal" && item["typical"] == "visits billed twice; refused")
        #expect(item["evidence"] == nil && item["person"] == nil)
        let overRPC = try rpc(db, [request(1, "disclosure.violations", #"{"actor":"institution:I002","typical":true}"#),
                                   request(2, "disclosure.exits", #"{"actor":"institution:I002"}"#)])
        #expect(overRPC[0]["result"] == published && overRPC[1]["result"]?["exits"] == [])
    }

    @Test("Self-report, inspections of a kind and matter, coverage, the fund's income and notice: the command's JSON is the rpc result")
    func selfReportInspectionsAndFund() throws {
        let db = scratch.database("fund")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        #expect(try ltc(["violation", "record", "--institution", "I001", "--type", "V03", "--penalty", "warning", "--evidence", "roster"] + admin).status == 0)
        let reported = try ltc(["logs", "self-report", "-", "--reason", "billed twice", "--json", "--db", db, "--actor", "institution:I001"],
                               input: "log_id,institution,caregiver,person,item,start,end,mode\nV1,I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\n")
        #expect(reported.status == 0, "\(reported.stderr)")
        let made = try JSONParser.parse(reported.stdout)["selfReport"]
        #expect(made?["withdrawn"] == 1 && made?["refunded"].flatMap(Money.init(json:)) == Money(fen: 5558))
        let byAdmin = try rpc(db, [request(1, "logs.selfReport", #"{"actor":"administrator:demo","logs":"log_id,institution\nV2,I001\n","reason":"x"}"#)])
        #expect(byAdmin.first?["error"]?["message"] == "administrator:demo may not self-report: an institution reports its own errors, as itself")
        #expect(try ltc(["credit", "institution:I001", "--json"] + admin).stdout.contains("self-report 1"))

        let flight = try ltc(["inspection", "--institution", "I001", "--score", "80", "--note", "sheets missing", "--type", "flight", "--matter", "billing", "--json"] + admin)
        #expect(try JSONParser.parse(flight.stdout)["type"] == "flight", "\(flight.stderr)")
        let again = try rpc(db, [request(1, "inspection.record", #"{"actor":"administrator:demo","institution":"I001","score":90,"note":"x","type":"special","matter":"billing"}"#),
                                 request(2, "inspection.record", #"{"actor":"administrator:demo","institution":"I001","score":90,"note":"x","type":"weekly"}"#),
                                 request(3, "inspection.coverage", #"{"actor":"administrator:demo"}"#)])
        #expect(again[0]["error"]?["message"]?.stringValue?.hasPrefix("I001 was inspected for billing on ") == true)
        #expect(again[1]["error"]?["code"] == 1004)
        let coverage = try JSONParser.parse(try ltc(["inspections", "coverage", "--json"] + admin).stdout)
        #expect(again[2]["result"] == coverage && coverage["uninspected"]?.arrayValue?.map { $0["institution"] } == ["I002"])

        for (source, amount) in [("opening", "500000"), ("employer", "1200.01")] {
            let added = try ltc(["fund", "income", "add", "--month", "2026-04", "--source", source, "--amount", amount] + admin)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let tooMuch = try ltc(["fund", "income", "add", "--month", "2026-04", "--source", "other", "--amount", "10000000000.01"] + admin)
        #expect(tooMuch.status == 65 && tooMuch.stderr.contains("at most 10000000000.00 either way"), "\(tooMuch.stderr)")
        let badSource = try ltc(["fund", "income", "add", "--month", "2026-04", "--source", "lottery", "--amount", "1"] + admin)
        #expect(badSource.status == 65 && badSource.stderr.contains("source: 'lottery' is not accepted"), "\(badSource.stderr)")
        let notice = try JSONParser.parse(try ltc(["fund", "notice", "--month", "2026-04", "--json", "--db", db, "--actor", "institution:I002"]).stdout)
        let overRPC = try rpc(db, [request(1, "fund.notice", #"{"actor":"institution:I002","month":"2026-04"}"#)])
        #expect(overRPC.first?["result"] == notice)
        let fen = { (key: JSONValue?) in Money(json: key ?? .null)?.fen ?? -1 }
        #expect(fen(notice["incomeTotal"]) == 50_120_001)
        #expect(fen(notice["broughtForward"]) + fen(notice["incomeTotal"]) - fen(notice["spending"]?["total"]) == fen(notice["carried"]))
        #expect(notice["risk"]?["level"] == .null && notice["risk"]?["months"] == 1)
        let report = try JSONParser.parse(try ltc(["report", "--month", "2026-04", "--json"] + admin).stdout)
        #expect(report["risk"] == notice["risk"])
        let projected = try rpc(db, [request(1, "fund.project", #"{"scheme":"hours-home-care-2026","from":"2027-01","balance":1000,"beneficiaries":[{"grade":3,"mode":"home-visit","count":10}],"insured":[{"type":"employee","count":10,"averageMonthlyBase":100}]}"#)])
        #expect(projected.first?["result"]?["risk"]?["level"] == "alert", "\(projected)")
    }
}
