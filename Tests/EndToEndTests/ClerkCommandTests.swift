import Foundation
import LTCCore
import Testing

/// A care institution's clerk on the demo city, acting as the institution
/// itself (no --as-of: an institution acts on today's date): what a logs
/// file may hold, a file built from its own clients, a dry run, the
/// submission, and the month's statement with its lines.
@Suite("The clerk's day, as institution:I001")
struct ClerkCommandTests {
    let scratch = Scratch()

    func demo() throws -> String {
        let db = scratch.database("clerk")
        let run = try ltc(["demo", "--db", db])
        try #require(run.status == 0, "\(run.stderr)")
        return db
    }

    @Test("catalogue, logs template, logs check and logs submit: the template's line is accepted, dated this month, and the check stored nothing")
    func ownPath() throws {
        let db = try demo()
        let clerk = ["--db", db, "--actor", "institution:I001"]
        let catalogue = try ltc(["catalogue"] + clerk)
        #expect(catalogue.status == 0 && catalogue.stdout.contains("S02   hour  home-visit     nurse") && catalogue.stdout.contains("AGREED"),
                "\(catalogue.stdout)\(catalogue.stderr)")
        let template = try ltc(["logs", "template"] + clerk)
        #expect(template.status == 0 && template.stderr.contains("clients of I001 enrolled on"), "\(template.stderr)")
        let lines = template.stdout.split(separator: "\n")
        let month = YearMonth(containing: SystemClock().today(in: "Asia/Shanghai")).description
        #expect(lines.count == 2 && lines[0] == "log_id,institution,caregiver,person,item,start,end,mode", "\(template.stdout)")
        #expect(lines.last?.contains(",I001,C1,1,S01,\(month)-") == true, "\(template.stdout)")
        let file = scratch.path("december", ".csv")
        try template.stdout.write(toFile: file, atomically: true, encoding: .utf8)

        let check = try ltc(["logs", "check", file] + clerk)
        #expect(check.status == 0 && check.stdout.hasPrefix("checked, nothing stored (a dry run: logs submit stores it): 1 received, 1 accepted"),
                "\(check.stdout)\(check.stderr)")
        let submissions = try JSONParser.parse(try ltc(["logs", "submissions", "--json"] + clerk).stdout)
        #expect(submissions["submissions"]?.arrayValue?.isEmpty == true)
        let submit = try ltc(["logs", "submit", file] + clerk)
        #expect(submit.status == 0 && submit.stdout.contains("1 received, 1 accepted"), "\(submit.stdout)\(submit.stderr)")
        // Without --month, this month so far.
        let statement = try ltc(["statement"] + clerk)
        #expect(statement.stdout.contains(", \(month): not settled yet") && statement.stdout.contains("1 accepted"), "\(statement.stdout)")

        // A mode the scheme does not have is named, with the scheme's modes.
        try template.stdout.replacingOccurrences(of: ",home-visit\n", with: ",home\n").write(toFile: file, atomically: true, encoding: .utf8)
        let home = try ltc(["logs", "check", file] + clerk)
        #expect(home.stdout.contains("F01 unknown mode 'home' (modes: community-day, home-visit, institution)"), "\(home.stdout)")
    }

    @Test("Examples/logs holds a logs file the demo city's I001 has accepted whole: a week of May, checked as of May 11")
    func examplesFile() throws {
        let db = try demo()
        let check = try ltc(["logs", "check", "Examples/logs/I001-2026-05.csv", "--as-of", "2026-05-11", "--db", db, "--actor", "administrator:demo"])
        #expect(check.status == 0 && check.stdout.contains("9 received, 9 accepted") && check.stdout.contains("0 rejected"), "\(check.stdout)\(check.stderr)")
    }

    @Test("The statement: text with totals and what to do, CSV tables without a total row, JSON, HTML; an institution reads only its own")
    func statement() throws {
        let db = try demo()
        let clerk = ["--db", db, "--actor", "institution:I001"]
        let text = try ltc(["statement", "--month", "2026-04"] + clerk)
        #expect(text.status == 0, "\(text.stderr)")
        for part in ["statement 结算明细 I001 静安居家护理站, 2026-04: settled 2026-05-04", "36 accepted: billed 2,340.00", "= payable 2,000.70",
                     "withheld 105.30: 5% of the fund share 2,106.00", "TOTAL 合计", "X1  2026-04-07  person 1  S01  C01: C9 is not registered with I001",
                     "what to do: register the caregiver (ltc caregiver add)"] {
            #expect(text.stdout.contains(part), "\(part)")
        }
        let lines = try ltc(["statement", "--month", "2026-04", "--table", "lines"] + clerk).stdout
        #expect(lines.hasPrefix("log_id,day,person,item,caregiver,start,end,status,rule,reason,what_to_do,billed,allowed,fund,personal\nV1,"))
        #expect(!lines.contains("TOTAL") && lines.split(separator: "\n").count == 1 + 36 + 5)
        let clients = try ltc(["statement", "--month", "2026-04", "--table", "clients"] + clerk).stdout
        #expect(clients == "person,accepted,rejected,billed,allowed,fund,personal\n1,12,4,780.00,780.00,702.00,78.00\n2,12,1,780.00,780.00,702.00,78.00\n3,12,0,780.00,780.00,702.00,78.00\n")
        let folder = try scratch.folder("statements")
        let written = try ltc(["statement", "--month", "2026-04", "--csv", folder.path, "--html", folder.appendingPathComponent("s.html").path] + clerk)
        #expect(written.status == 0 && written.stdout.contains("statement-I001-2026-04-adjustments.csv"), "\(written.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("s.html"), encoding: .utf8).contains("结算明细"))
        let json = try JSONParser.parse(try ltc(["statement", "--month", "2026-04", "--json"] + clerk).stdout)
        #expect(json["totals"]?["fund"] == .number("2106.00") && json["statement"]?["payable"] == .number("2000.70"))
        #expect(json["rejected"]?.arrayValue?.first?["whatToDo"]?.stringValue?.hasPrefix("register the caregiver") == true)
        let theirs = try ltc(["statement", "--month", "2026-04", "--institution", "I002"] + clerk)
        #expect(theirs.status == 65 && theirs.stderr.contains("not found or not yours"), "\(theirs.stderr)")
    }

    @Test("Lists that help: logs by status and rule, the institutions cases are enrolled with, headers on bars")
    func lists() throws {
        let db = try demo()
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let e01 = try JSONParser.parse(try ltc(["logs", "list", "--institution", "I002", "--month", "2026-04", "--status", "rejected",
                                                "--rule", "E01", "--json"] + admin).stdout)
        #expect(e01["logs"]?.arrayValue?.compactMap { $0["logId"]?.stringValue } == ["X6"])
        let rejected = try JSONParser.parse(try ltc(["logs", "list", "--month", "2026-04", "--status", "rejected", "--json", "--limit", "2",
                                                     "--db", db, "--actor", "institution:I001"]).stdout)
        #expect(rejected["logs"]?.arrayValue?.compactMap { $0["logId"]?.stringValue } == ["X1", "X2"] && rejected["next"] == "X2")
        let cases = try ltc(["case", "list"] + admin).stdout.split(separator: "\n")
        #expect(cases.count == 8 && cases[2].contains("  I001  ") && cases[7].contains("  I002  "), "\(cases)")
        #expect(try ltc(["bar", "list"] + admin).stdout == "no bars\n")
    }

    @Test("agreement review without facts says why it refused, and agreement sign repeats it, over rpc as on the command line")
    func refusals() throws {
        let db = try demo()
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let institution = #"{"id":"I003","name":"新站","type":"homeCare","licence":"L-3","deliveries":["home"],"capacity":5,"address":"a","district":"静安","contact":"c"}"#
        try #require(try ltc(["institution", "add", "-"] + admin, input: institution).status == 0)
        try #require(try ltc(["agreement", "apply", "--institution", "I003", "--scheme", "hours-home-care-2026", "--start", "2026-12-01",
                              "--end", "2026-12-31", "--mode", "home-visit", "--price", "S01=65", "--capacity", "5"] + admin).status == 0)
        let review = try ltc(["agreement", "review", "AG-I003-1"] + admin)
        #expect(review.stdout.contains("refused: no admission facts were given with the application"), "\(review.stdout)")
        let sign = try ltc(["rpc", "--db", db], input: #"{"jsonrpc":"2.0","id":1,"method":"agreement.sign","params":{"actor":"administrator:demo","agreement":"AG-I003-1"}}"# + "\n")
        let error = try JSONParser.parse(sign.stdout)["error"]
        #expect(error?["code"] == 1011 && error?["message"]?.stringValue?.contains("refused at review: no admission facts") == true)
        #expect(error?["data"]?["refusal"] == ["no admission facts were given with the application"])
        let enrol = try ltc(["enrol", "1", "--institution", "I002", "--mode", "community-day"] + admin)
        #expect(enrol.status == 65 && enrol.stderr.contains("service mode on"), "\(enrol.stderr)")
    }
}
