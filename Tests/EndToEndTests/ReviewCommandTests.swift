import Foundation
import LTCCore
import Testing

@Suite("ltc case recognize|evidence|change-of-condition|audit-draw, assessor findings, bar: review from the command line")
struct ReviewCommandTests {
    let scratch = Scratch()

    @Test("Bars are added and listed as text and JSON, IDs masked; a role that is not one is refused naming the accepted ones")
    func bars() throws {
        let db = scratch.database("bars")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        #expect(try ltc(["bar", "list"] + admin).stdout == "no bars\n")
        let bar = ["bar", "add", "--national-id", "110105197001010011", "--name", "赵某", "--from", "2026-06-01",
                   "--institution", "I001", "--reason", "false logs"] + admin
        let refused = try ltc(bar + ["--role", "boss", "--months", "6"])
        #expect(refused.status == 65 && refused.stderr == "error: role: 'boss' is not accepted; use principal, staff or staff-serious\n")
        let added = try ltc(bar + ["--role", "staff", "--months", "6"])
        #expect(added.status == 0 && added.stdout == "bar 1: 赵某 110105********0011 barred as staff from 2026-06-01 to 2026-11-30\n", "\(added.stderr)")
        let json = try JSONParser.parse(try ltc(bar + ["--role", "staff-serious", "--months", "12", "--json"]).stdout)
        #expect(json["id"] == 2 && json["nationalId"] == "110105********0011" && json["endedEmployment"] == .array([]))
        let page = try ltc(["bar", "list", "--limit", "1"] + admin)
        // A header in English and Chinese names each column.
        #expect(page.stdout == """
            BAR   NAME  NATIONAL ID         ROLE   FROM        UNTIL       INSTITUTION  REASON
            编号  姓名  身份证号            身份   起          止          机构         原因
            1     赵某  110105********0011  staff  2026-06-01  2026-11-30  I001         false logs
            (more: --after 1)

            """, "\(page.stdout)")
        let next = try JSONParser.parse(try ltc(["bar", "list", "--after", "1", "--json"] + admin).stdout)
        #expect(next["bars"]?.arrayValue?.count == 1 && next["next"] == .null)
        let auditor = try ltc(["bar", "list", "--db", db, "--actor", "assessor:A1"])
        #expect(auditor.status == 77)
    }

    @Test("Evidence, recognition, a change of condition, the audit draw and findings, each through its command")
    func review() throws {
        let db = scratch.database("review")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        #expect(try ltc(["case", "evidence", "list", "1"] + admin).stdout == "case 1: no evidence\n")
        let photo = scratch.path("bedside", ".jpg")
        try Data([0xFF, 0xD8, 0xFF]).write(to: URL(fileURLWithPath: photo))
        let film = try ltc(["case", "evidence", "add", "1", "--file", photo, "--kind", "film"] + admin)
        #expect(film.status == 65 && film.stderr == "error: kind: 'film' is not accepted; use photo, video or signature\n")
        let unmapped = try ltc(["case", "recognize", "1", "--form", "gbt-42195-2022", "--grade", "3", "--assessed-on", "2026-01-20",
                                "--issued-by", "区民政局", "--reference", "MZ-1"] + admin)
        #expect(unmapped.status == 65, "\(unmapped.stderr)")
        let reported = try ltc(["case", "change-of-condition", "1", "--reason", "a fall", "--as-of", "2026-04-01", "--json"] + admin)
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(try JSONParser.parse(reported.stdout)["conditionChange"]?["reason"] == "a fall")
        let again = try ltc(["case", "change-of-condition", "1", "--reason", "another fall", "--as-of", "2026-04-02"] + admin)
        #expect(again.status == 65 && again.stderr.contains("has a change of condition reported on 2026-04-01"), "\(again.stderr)")
        let month = try ltc(["case", "audit-draw", "--scheme", "hours-home-care-2026", "--month", "2026-3", "--seed", "1"] + admin)
        #expect(month.status == 65 && month.stderr == "error: month: '2026-3' is not a month; use YYYY-MM\n")
        let seed = try ltc(["case", "audit-draw", "--scheme", "hours-home-care-2026", "--month", "2026-03", "--seed", "x1"] + admin)
        #expect(seed.status == 65 && seed.stderr == "error: seed: 'x1' is not a whole number from 0 to 18446744073709551615\n")
        let rate = try ltc(["case", "audit-draw", "--scheme", "hours-home-care-2026", "--month", "2026-03", "--seed", "1", "--as-of", "2026-04-01"] + admin)
        #expect(rate.status == 65 && rate.stderr.contains("sets no auditRate"), "\(rate.stderr)")
        #expect(try ltc(["assessor", "findings"] + admin).stdout == "no findings\n")
        let findings = try JSONParser.parse(try ltc(["assessor", "findings", "--assessor", "A1", "--json"] + admin).stdout)
        #expect(findings == ["findings": [], "next": nil])
    }

    @Test("Each operation of review and care plans answers its documented example over JSON-RPC, or refuses it with a domain error")
    func examples() throws {
        let db = scratch.database("examples")
        _ = try ltc(["demo", "--db", db])
        let names = ["case.recognize", "case.evidence", "case.evidenceList", "case.reportChange", "case.auditDraw", "assessor.findings",
                     "bar.add", "bar.list", "plan.show", "plan.history", "plan.propose", "plan.set", "plan.confirm"]
        let describe = try JSONParser.parse(try ltc(["rpc"], input: #"{"jsonrpc":"2.0","id":1,"method":"rpc.describe"}"# + "\n").stdout)
        let methods = describe["result"]?["methods"]?.arrayValue ?? []
        var lines: [String] = []
        for name in names {
            let method = try #require(methods.first { $0["name"]?.stringValue == name }, "\(name)")
            var params = method["example"]?.objectValue ?? [:]
            params.set("actor", "administrator:demo")
            if name == "bar.add" { params.set("asOf", "2026-05-01") }
            lines.append(JSONWriter.string(["jsonrpc": "2.0", "id": .string(name), "method": .string(name), "params": .object(params)]))
        }
        let run = try ltc(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n")
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == names.count)
        for response in responses {
            // A result, or a refusal of the stored state (no such scheme, no visit waiting): never a problem with the params.
            #expect(response["result"] != nil || (response["error"] != nil && response["error"]?["data"]?["problems"] == nil), "\(response)")
        }
        let byID = Dictionary(uniqueKeysWithValues: responses.compactMap { response in response["id"]?.stringValue.map { ($0, response) } })
        #expect(byID["plan.show"]?["result"]?["inForce"]?["version"] == 1)
        #expect(byID["plan.history"]?["result"]?["plans"]?.arrayValue?.count == 1)
        #expect(byID["bar.add"]?["result"]?["role"] == "principal")
        #expect(byID["bar.list"]?["result"]?["bars"]?.arrayValue?.count == 1)
        #expect(byID["assessor.findings"]?["result"] == ["findings": [], "next": nil])
    }
}
