import Foundation
import LTCCore
import Testing

/// Issue 14's rules tried as a curious or hostile institution would, on the
/// demo's city, on the command line and over rpc alike.
@Suite("An institution sees its own and nothing else, on the command line and over rpc")
struct HostileInstitutionTests {
    let scratch = Scratch()

    /// Sends `requests` to `ltc rpc` on `db` and returns the responses, one per request.
    func rpc(_ db: String, _ requests: [String]) throws -> [JSONValue] {
        let run = try ltc(["rpc", "--db", db], input: requests.joined(separator: "\n") + "\n")
        return try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test("Statements, the fund report, clients, cases, agreements and submissions: its own only")
    func scopedReads() throws {
        let db = scratch.database("scoped")
        _ = try ltc(["demo", "--db", db])
        let own = ["--db", db, "--actor", "institution:I001"]
        let statements = try ltc(["settle", "--month", "2026-04", "--csv"] + own)
        #expect(statements.status == 0 && statements.stdout.contains("\nI001,") && !statements.stdout.contains("I002"), "\(statements.stderr)")
        #expect(try ltc(["report", "--month", "2026-04"] + own).status == 77)
        let people = try ltc(["person", "list", "--json"] + own)
        let ids = try JSONParser.parse(people.stdout)["people"]?.arrayValue?.compactMap { $0["nationalId"]?.stringValue } ?? []
        #expect(ids.count == 3 && ids.allSatisfy { $0.contains("********") })
        #expect(try ltc(["person", "list", "--show-id"] + own).status == 77)
        let theirs = try ltc(["case", "show", "4"] + own), none = try ltc(["case", "show", "99"] + own)
        #expect(theirs.status == 65 && theirs.stderr == "error: case 4: not found or not yours\n")
        #expect(none.stderr == "error: case 99: not found or not yours\n")
        let agreements = try ltc(["agreement", "list", "--json"] + own)
        #expect(try JSONParser.parse(agreements.stdout)["agreements"]?.arrayValue?.map { $0["institution"] } == ["I001"])
        #expect(try ltc(["logs", "submissions", "--json"] + own).stdout.contains("\"submissions\": []"))

        let responses = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"settlement.get","params":{"actor":"institution:I001","month":"2026-04"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"report.fund","params":{"actor":"institution:I001","month":"2026-04"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"person.list","params":{"actor":"institution:I001","showId":true}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"case.get","params":{"actor":"institution:I001","case":4}}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"violation.list","params":{"actor":"institution:I001","institution":"I002"}}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"credit.get","params":{"actor":"institution:I001","subject":"institution:I002"}}"#,
            #"{"jsonrpc":"2.0","id":7,"method":"logs.list","params":{"actor":"institution:I001","institution":"I002","month":"2026-04"}}"#,
        ])
        #expect(responses.count == 7)
        guard responses.count == 7 else { return }
        #expect(responses[0]["result"]?["statements"]?.arrayValue?.map { $0["institution"] } == ["I001"])
        #expect(responses[1]["error"]?["data"]?["kind"] == "forbidden")
        #expect(responses[2]["error"]?["data"]?["kind"] == "forbidden")
        #expect(responses[3]["error"]?["message"] == "case 4: not found or not yours")
        #expect(responses[4]["result"]?["violations"]?.arrayValue?.isEmpty == true)
        #expect(responses[5]["error"]?["message"] == "credit of institution:I002: not found or not yours")
        #expect(responses[6]["error"]?["message"] == "logs of I002: not found or not yours")
    }

    @Test("A national ID never appears in full in an error, nor the check character that would be right")
    func maskedIDs() throws {
        let db = scratch.database("privacy")
        _ = try ltc(["demo", "--db", db])
        let wrong = "110105194912310021"
        let cli = try ltc(["person", "add", "--name", "甲", "--id-number", wrong, "--insurance", "employee", "--enrolled", "2015-07-01",
                           "--db", db, "--actor", "administrator:demo"])
        let responses = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"person.add","params":{"actor":"administrator:demo","name":"甲","nationalId":"\#(wrong)","insurance":"employee","enrolledOn":"2015-07-01"}}"#,
        ])
        let message = responses.first?["error"]?["message"]?.stringValue ?? ""
        for text in [cli.stderr, message] {
            #expect(text.contains("110105********0021 fails its check digit"), "\(text)")
            #expect(!text.contains(wrong) && !text.contains("expected"), "\(text)")
        }
    }

    @Test("Names that would forge rows or colour the terminal are refused; CSV cells that a spreadsheet would run are neutralized")
    func exports() throws {
        let db = scratch.database("exports")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let escape = try ltc(["caregiver", "add", "--institution", "I001", "--id", "C9", "--name", "\u{1B}[31m红\u{1B}[0m", "--qualification", "caregiver",
                              "--from", "2026-01-01", "--db", db, "--actor", "institution:I001"])
        #expect(escape.status == 65 && escape.stderr.contains("name"), "\(escape.stderr)")
        let responses = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"caregiver.register","params":{"actor":"institution:I001","institution":"I001","id":"C9","name":"甲\nI002,C1","qualifications":["caregiver"],"from":"2026-01-01"}}"#,
        ])
        #expect(responses.first?["error"]?["message"]?.stringValue?.contains("name") == true, "\(responses)")

        // An institution in a district named like a formula: the report's CSV neutralizes the cell.
        let institution = #"{"id":"I003","name":"=HYPERLINK(\"http://x\")","type":"homeCare","licence":"L-3","deliveries":["home"],"capacity":10,"address":"x","district":"=1+2","contact":"z"}"#
        let steps: [([String], String)] = [
            (["institution", "add", "-", "--as-of", "2026-01-05"], institution),
            (["agreement", "apply", "--institution", "I003", "--scheme", "hours-home-care-2026", "--start", "2026-01-01", "--end", "2026-12-31",
              "--mode", "home-visit", "--price", "S01=60", "--capacity", "10", "--as-of", "2026-01-05",
              "--facts", #"{"legalPerson":true,"caregivers":4,"qualifiedCaregivers":3,"administrators":1,"beds":0,"pledgedClean":true}"#], ""),
            (["agreement", "review", "AG-I003-1", "--as-of", "2026-01-10"], ""),
            (["agreement", "sign", "AG-I003-1", "--as-of", "2026-01-15"], ""),
            (["caregiver", "add", "--institution", "I003", "--id", "C1", "--name", "护理员", "--qualification", "caregiver", "--from", "2025-01-01", "--as-of", "2026-01-15"], ""),
            (["enrol", "1", "--institution", "I003", "--mode", "home-visit", "--from", "2026-05-01", "--as-of", "2026-05-01"], ""),
            (["logs", "submit", "-", "--as-of", "2026-05-05"], "log_id,institution,caregiver,person,item,start,end,mode\nM1,I003,C1,1,S01,2026-05-04T09:00,2026-05-04T10:00,home-visit\n"),
            (["settle", "--month", "2026-05", "--as-of", "2026-06-05"], ""),
        ]
        for (arguments, input) in steps {
            let run = try ltc(arguments + admin, input: input)
            try #require(run.status == 0, "\(arguments): \(run.stderr)")
        }
        let csv = try ltc(["report", "--month", "2026-05", "--table", "district"] + admin).stdout
        #expect(csv.contains("\n'=1+2,1,60.00,54.00\n"), "\(csv)")
    }

    @Test("A logs file that cannot be used at all stores no submission; a byte-order mark is accepted")
    func unusableFiles() throws {
        let db = scratch.database("files")
        _ = try ltc(["demo", "--db", db])
        let own = ["--db", db, "--actor", "institution:I001"]
        let before = try JSONParser.parse(try ltc(["logs", "submissions", "--json", "--db", db, "--actor", "administrator:demo", "--limit", "10000"]).stdout)
        let semicolons = "log_id;institution;caregiver;person;item;start;end;mode\nX1;I001;C1;1;S01;2026-04-06T09:00;2026-04-06T10:00;home-visit\n"
        let cli = try ltc(["logs", "submit", "-"] + own, input: semicolons)
        #expect(cli.status == 65, "\(cli.stderr)")
        let responses = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"logs.submit","params":{"actor":"institution:I001","logs":"log_id;institution;caregiver\nX1;I001;C1\n"}}"#,
        ])
        #expect(responses.first?["error"] != nil)
        let after = try JSONParser.parse(try ltc(["logs", "submissions", "--json", "--db", db, "--actor", "administrator:demo", "--limit", "10000"]).stdout)
        #expect(after["submissions"]?.arrayValue?.count == before["submissions"]?.arrayValue?.count)

        let bom = "\u{FEFF}log_id,institution,caregiver,person,item,start,end,mode\nB1,I001,C1,1,S01,2099-01-05T09:00,2099-01-05T10:00,home-visit\n"
        let accepted = try ltc(["logs", "submit", "-", "--json"] + own, input: bom)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try JSONParser.parse(accepted.stdout)["received"] == 1)
    }

    @Test("A log line with an enormous log id is refused (F01) naming the field and its limit, on the command line and over rpc; the next line is read")
    func enormousLogID() throws {
        let db = scratch.database("limits")
        _ = try ltc(["demo", "--db", db])
        let header = "log_id,institution,caregiver,person,item,start,end,mode\n", rest = ",I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\n"
        let cli = try ltc(["logs", "submit", "-", "--json", "--db", db, "--actor", "institution:I001"],
                          input: header + String(repeating: "x", count: 32 << 20) + rest + "Y1" + rest)
        #expect(cli.status == 0, "\(cli.stderr)")
        let report = try JSONParser.parse(cli.stdout)
        #expect(report["received"] == 2)
        let refused = report["rejectedLines"]?.arrayValue?.first
        #expect(refused?["line"] == 2 && refused?["rule"] == "F01" && refused?["logId"] == .null)
        #expect(refused?["detail"] == "the line is longer than 8192 bytes, the most a log line may hold; its log id runs past that (a log id holds at most 64 characters)")

        let logs = "log_id,institution,caregiver,person,item,start,end,mode\\n" + String(repeating: "x", count: 65) + ",I001,C1,1,S01,2026-04-06T09:00,2026-04-06T10:00,home-visit\\n"
        let responses = try rpc(db, [#"{"jsonrpc":"2.0","id":1,"method":"logs.submit","params":{"actor":"institution:I001","logs":"\#(logs)"}}"#])
        let line = responses.first?["result"]?["rejectedLines"]?.arrayValue?.first
        #expect(line?["rule"] == "F01" && line?["detail"] == "the log id is 65 characters long; it may hold at most 64", "\(responses)")
    }

    @Test("Rejections tell an institution nothing about people who are not its clients: one E01, in the answer and in logs.list; an administrator sees the particulars")
    func rejectionsOfStrangers() throws {
        let db = scratch.database("strangers")
        _ = try ltc(["demo", "--db", db])
        // In the demo I001 serves persons 1 to 3, I002 persons 4 to 6 (their cases have the same numbers).
        let today = SystemClock().today(in: "Asia/Shanghai"), served = today.adding(days: -1), before = today.adding(days: -2)
        let setUp = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"case.suspend","params":{"actor":"administrator:demo","case":5,"reason":"hospital stay","asOf":"\#(before)"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"case.terminate","params":{"actor":"administrator:demo","case":6,"reason":"death","on":"\#(before)","asOf":"\#(before)"}}"#,
        ])
        #expect(setUp.allSatisfy { $0["result"] != nil }, "\(setUp)")
        func logs(_ prefix: String) -> String {
            "log_id,institution,caregiver,person,item,start,end,mode\\n" + [4, 5, 6, 99].map {
                "\(prefix)\($0),I001,C1,\($0),S01,\(served)T09:00,\(served)T10:00,home-visit\\n"
            }.joined()
        }
        let masked: [JSONValue] = [4, 5, 6, 99].map { .string("person \($0) is not a client of I001 on \(served)") }
        let responses = try rpc(db, [
            #"{"jsonrpc":"2.0","id":3,"method":"logs.submit","params":{"actor":"institution:I001","logs":"\#(logs("S"))"}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"logs.list","params":{"actor":"institution:I001","institution":"I001","month":"\#(YearMonth(containing: served))"}}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"logs.submit","params":{"actor":"administrator:demo","asOf":"\#(today)","logs":"\#(logs("A"))"}}"#,
        ])
        try #require(responses.count == 3, "\(responses)")
        let answered = responses[0]["result"]?["rejectedLines"]?.arrayValue ?? []
        #expect(answered.map { $0["rule"] } == ["E01", "E01", "E01", "E01"], "\(responses[0])")
        #expect(answered.map { $0["detail"] } == masked)
        let listed = (responses[1]["result"]?["logs"]?.arrayValue ?? []).filter { $0["logId"]?.stringValue?.hasPrefix("S") == true }
        #expect(listed.map { $0["rule"] } == ["E01", "E01", "E01", "E01"] && listed.map { $0["detail"] } == masked, "\(responses[1])")
        let particulars = responses[2]["result"]?["rejectedLines"]?.arrayValue ?? []
        #expect(particulars.count == 4 && particulars.allSatisfy { !masked.contains($0["detail"] ?? .null) }, "\(responses[2])")
        #expect(particulars.last?["rule"] == "B01" && particulars.last?["detail"] == "no case for person 99")
    }

    @Test("The cash payee (a carer's name, ID and account) is not in the timeline an institution reads; an administrator's has it")
    func cashPayeeTimeline() throws {
        let db = scratch.database("payee")
        _ = try ltc(["demo", "--db", db])
        let responses = try rpc(db, [
            #"{"jsonrpc":"2.0","id":1,"method":"cash.payee","params":{"actor":"administrator:demo","case":1,"carer":"陈小妹","carerId":"110105197001012228","trainedOn":"2026-03-01","account":"6222020200112233"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"case.get","params":{"actor":"institution:I001","case":1}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"case.get","params":{"actor":"administrator:demo","case":1}}"#,
        ])
        try #require(responses.count == 3, "\(responses)")
        func actions(_ response: JSONValue) -> [String] { response["result"]?["timeline"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? [] }
        #expect(actions(responses[1]).contains("enrolment.add") && !actions(responses[1]).contains("cash.payee"), "\(responses[1])")
        #expect(!actions(responses[1]).contains("case.assess"))
        #expect(actions(responses[2]).contains("cash.payee"), "\(responses[0]) \(responses[2])")
        let shown = try ltc(["case", "show", "1", "--json", "--db", db, "--actor", "institution:I001"])
        #expect(shown.status == 0 && !shown.stdout.contains("cash.payee") && !shown.stdout.contains("陈小妹"), "\(shown.stderr)")
    }
}
