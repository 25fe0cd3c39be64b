import Foundation
import LTCCore
import Testing

/// Monitoring's commands and rpc methods run one operation each: the stays
/// file read from a path on the command line and sent as text over rpc, the
/// run, the flags and their reviews, with the same JSON and the same refusals.
@Suite("Monitoring on the command line and over rpc: one operation each")
struct MonitoringCommandTests {
    let scratch = Scratch()

    func rpc(_ db: String, _ requests: [String]) throws -> [JSONValue] {
        let run = try ltc(["rpc", "--db", db], input: requests.joined(separator: "\n") + "\n")
        return try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test("A stay recorded after April was settled withdraws its visits; May's shared check-in and visit during a stay are flagged, reviewed and read alike on both sides")
    func stayRunReview() throws {
        let db = scratch.database("monitoring")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        #expect(try ltc(["staff", "add", "li", "--role", "administrator"] + admin).status == 0)
        #expect(try ltc(["staff", "add", "zhao", "--role", "auditor"] + admin).status == 0)
        let may = scratch.path("may", ".csv")
        try """
            log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude
            M1,I001,C1,1,S01,2026-05-04T09:00,2026-05-04T10:00,home-visit,31.230416,121.473701
            M2,I001,C3,2,S01,2026-05-04T11:00,2026-05-04T12:00,home-visit,31.230416,121.473701

            """.write(toFile: may, atomically: true, encoding: .utf8)
        #expect(try ltc(["logs", "submit", may, "--as-of", "2026-05-06"] + admin).status == 0)

        let stays = scratch.path("stays", ".csv")
        try "person,hospital,admitted,discharged\n2,市第一人民医院,2026-04-12,2026-04-15\n".write(toFile: stays, atomically: true, encoding: .utf8)
        let imported = try ltc(["stays", "import", stays, "--as-of", "2026-05-08", "--json"] + admin)
        #expect(imported.status == 0, "\(imported.stderr)")
        let recovered = try JSONParser.parse(imported.stdout)["recovered"]?.arrayValue ?? []
        #expect(recovered.map { $0["logId"] } == ["V16", "V17", "V18"], "\(imported.stdout)")
        // Over rpc the file is its text; a stay stored already is kept as it is.
        let sent = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"stays.import","params":{"actor":"administrator:demo","asOf":"2026-05-08","stays":"person,hospital,admitted,discharged\n2,市第一人民医院,2026-04-12,2026-04-15\n1,市第一人民医院,2026-05-03,2026-05-05\n"}}"#])
        #expect(sent.first?["result"]?["stays"]?.arrayValue?.map { $0["id"] } == [1, 2] && sent.first?["result"]?["recovered"] == [])

        let run = try ltc(["monitor", "--month", "2026-05", "--as-of", "2026-06-02", "--json"] + admin)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try JSONParser.parse(run.stdout)["flags"]?.arrayValue?.map { $0["rule"] } == ["shared-check-in", "service-during-stay"])
        let again = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"monitor.run","params":{"actor":"administrator:demo","month":"2026-05","asOf":"2026-06-02"}}"#])
        #expect(again.first?["result"]?["alreadyFlagged"] == 2 && again.first?["result"]?["flags"] == [])

        let listed = try ltc(["flags", "list", "--month", "2026-05", "--json", "--db", db, "--actor", "auditor:zhao"])
        let answered = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"monitor.flags","params":{"actor":"auditor:zhao","month":"2026-05"}}"#])
        #expect(answered.first?["result"] == (try JSONParser.parse(listed.stdout)))
        let shown = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"monitor.flag","params":{"actor":"auditor:zhao","flag":1,"limit":1}}"#])
        #expect(shown.first?["result"]?["items"] == [["kind": "log", "ref": "I001/M1"]] && shown.first?["result"]?["next"] == 1)

        #expect(try ltc(["flags", "assign", "1", "--to", "administrator:li", "--as-of", "2026-06-03"] + admin).status == 0)
        let dismissed = try ltc(["flags", "resolve", "1", "--decision", "dismiss", "--reason", "the two clients live in one flat", "--as-of", "2026-06-04"] + admin)
        #expect(dismissed.stdout.contains("review: dismissed, assigned to administrator:li, resolved by administrator:demo on 2026-06-04: the two clients live in one flat"), "\(dismissed.stdout)\(dismissed.stderr)")
        let unassigned = try ltc(["flags", "resolve", "2", "--decision", "confirm", "--type", "V02", "--penalty", "recovery", "--amount", "65", "--reason", "x"] + admin)
        #expect(unassigned.status != 0 && unassigned.stderr.contains("flag 2 has no review yet: assign it first"), "\(unassigned.stderr)")
        let confirmed = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"monitor.assign","params":{"actor":"administrator:demo","flag":2,"to":"administrator:li","asOf":"2026-06-03"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"monitor.resolve","params":{"actor":"administrator:demo","flag":2,"decision":"confirm","type":"V02","penalty":"recovery","amount":65,"reason":"no visit: the client was in hospital","asOf":"2026-06-04"}}"#,
        ])
        #expect(confirmed.last?["result"]?["review"]?["status"] == "confirmed" && confirmed.last?["result"]?["review"]?["violation"] == 1, "\(confirmed)")
        let violations = try JSONParser.parse(try ltc(["violation", "list", "--json"] + admin).stdout)["violations"]?.arrayValue ?? []
        #expect(violations.first?["evidence"]?.stringValue?.hasPrefix("monitoring flag 2 (service-during-stay, stay:2, 2026-05)") == true)

        let institution = try ltc(["flags", "list", "--db", db, "--actor", "institution:I001"])
        #expect(institution.status == 77 && institution.stdout.isEmpty, "\(institution.stderr)")
        let auditorRuns = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"monitor.run","params":{"actor":"auditor:zhao","month":"2026-05"}}"#])
        #expect(auditorRuns.first?["error"] != nil && auditorRuns.first?["result"] == nil)
    }

    @Test("A stays file with a bad line is refused whole, naming the line, and stores nothing")
    func badStays() throws {
        let db = scratch.database("stays")
        _ = try ltc(["demo", "--db", db])
        let stays = scratch.path("bad", ".csv")
        try "person,hospital,admitted,discharged\n2,医院,2026-04-12,2026-04-15\n3,医院,2026-04-31,2026-05-02\n".write(toFile: stays, atomically: true, encoding: .utf8)
        let refused = try ltc(["stays", "import", stays, "--db", db, "--actor", "administrator:demo"])
        #expect(refused.status == 65 && refused.stderr == "error: stays: line 3: admitted '2026-04-31' is not a date (YYYY-MM-DD)\n", "\(refused.stderr)")
        let run = try ltc(["monitor", "--month", "2026-04", "--json", "--db", db, "--actor", "administrator:demo"])
        #expect(try JSONParser.parse(run.stdout)["flags"] == [], "\(run.stdout)\(run.stderr)")
    }
}
