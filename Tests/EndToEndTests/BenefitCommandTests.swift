import Foundation
import LTCCore
import Testing

@Suite("ltc benefit and ltc fund, run as processes")
struct BenefitCommandTests {
    let scratch = Scratch()

    let admin = ["--actor", "administrator:wang"]

    /// A fresh database with `scheme` loaded and case 1 of person 1 (insured as `insurance`) at grade 4
    /// (severe II) in force from 2026-03-17, in `mode` from that day.
    func caseInForce(scheme: String, insurance: String, mode: String) throws -> String {
        let db = scratch.database()
        try firstAdministrator(db)
        let steps: [[String]] = [
            ["scheme", "load", scheme, "--as-of", "2026-03-01"],
            ["assessor", "add", "--id", "A01", "--name", "李", "--qualification", "medical"],
            ["assessor", "add", "--id", "A02", "--name", "张", "--qualification", "none"],
            ["person", "add", "--name", "陈", "--id-number", "11010519491231002X", "--insurance", insurance, "--enrolled", "2015-07-01"],
            ["case", "open", "--person", "1", "--disabled-since", "2025-08-01", "--as-of", "2026-03-02"],
            ["case", "check", "1", "--as-of", "2026-03-02"],
            ["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test", "--as-of", "2026-03-03"],
            ["case", "determine", "1", "--as-of", "2026-03-09"],
            ["case", "confirm", "1", "--as-of", "2026-03-17"],
            ["case", "mode", "1", "--mode", mode, "--as-of", "2026-03-17"],
        ]
        for step in steps {
            if step[1] == "determine" {
                let assess = try ltc(["case", "assess", "1", "--form", "cn-ltc-2021", "--answers", "Examples/assessments/cn-ltc-2021-severe-ii.json",
                                      "--place", "home", "--db", db, "--actor", "assessor:A01", "--date", "2026-03-05"])
                try #require(assess.status == 0, "\(assess.stderr)")
            }
            let run = try ltc(step + ["--db", db] + admin)
            try #require(run.status == 0, "\(step): \(run.stderr)")
        }
        return db
    }

    @Test("A quote from an example scheme, as text and as JSON")
    func quote() throws {
        let run = try ltc(["benefit", "quote", "--scheme-file", "Examples/schemes/hours-home-care-2026.json",
                           "--grade", "4", "--mode", "home-visit", "--month", "2026-03"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("5 hours a week × 31/7 weeks = 22 h 8 min"))
        #expect(run.stdout.contains("entitled: eligible cost 1438.67, fund 1294.80, person 143.87"))
        let json = try ltc(["benefit", "quote", "--scheme-file", "Examples/schemes/day-rate-2026.json",
                            "--grade", "5", "--mode", "medical-nursing", "--month", "2028-02", "--json"])
        let quote = try JSONParser.parse(json.stdout)
        #expect(quote["eligibleCost"] == .number("2900.00"))    // 100 × 29 (leap February)
        #expect(quote["fundShare"] == .number("2175.00"))       // × 0.75
    }

    @Test("Bad quote requests get one-line errors", arguments: [
        (["--grade", "3", "--mode", "spa", "--month", "2026-03"], "has no service mode 'spa'"),
        (["--grade", "3", "--mode", "institution", "--month", "2026-3"], "month: '2026-3' is not a month"),
        (["--grade", "3", "--mode", "institution", "--month", "2026-02", "--days", "30"], "days must be from 0 to 28"),
        (["--grade", "3", "--mode", "institution", "--month", "2026-02", "--tier", "2"], "tier: a tier is of an insured group: give insured too"),
        (["--grade", "3", "--mode", "institution", "--month", "2026-02", "--insured", "resident", "--tier", "12"], "tier: 12 is outside 1–9"),
    ])
    func badQuote(arguments: [String], message: String) throws {
        let run = try ltc(["benefit", "quote", "--scheme-file", "Examples/schemes/day-rate-2026.json"] + arguments)
        #expect(run.status == 65)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("Urumqi prices by insured group: a resident's case is paid on the resident row, and the quote needs the group")
    func insuredGroup() throws {
        let db = try caseInForce(scheme: "urumqi-2022", insurance: "resident", mode: "institution")
        let april = try JSONParser.parse(try ltc(["benefit", "entitlement", "1", "--month", "2026-04", "--json", "--db", db] + admin).stdout)
        #expect(april["fundShare"] == .number("1435.00"))   // resident, severe II, full-day institutional care
        #expect(april["parts"]?.arrayValue?.first?["insured"] == .string("resident"))

        let input = scratch.path("insured", ".json")
        try #"{"insured": []}"#.write(toFile: input, atomically: true, encoding: .utf8)
        let projection = try ltc(["fund", "project", "--scheme", "urumqi-2022", "--db", db, "--from", "2026-06",
                                  "--input", input, "--stored", "--actor", "administrator:wang", "--csv"])
        #expect(projection.stdout.contains("outlay,4,institution,1,1435.00,1435.00,17220.00,resident"), "\(projection.stdout)\(projection.stderr)")

        let quote = try ltc(["benefit", "quote", "--scheme", "urumqi-2022", "--grade", "4", "--mode", "institution", "--insured", "employee", "--month", "2026-04"])
        #expect(quote.stdout.contains("entitled: eligible cost 1865.00, fund 1865.00, person 0.00"), "\(quote.stderr)")
        let rpc = try ltc(["rpc", "--db", db], input: [
            #"{"jsonrpc":"2.0","id":1,"method":"benefit.quote","params":{"actor":"administrator:wang","scheme":"urumqi-2022","grade":5,"mode":"home-visit","insured":"resident","month":"2026-04"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"benefit.quote","params":{"actor":"administrator:wang","scheme":"urumqi-2022","grade":5,"mode":"home-visit","insured":"retired","month":"2026-04"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"benefit.quote","params":{"actor":"administrator:wang","scheme":"urumqi-2022","grade":5,"mode":"home-visit","tier":1,"month":"2026-04"}}"#,
        ].joined(separator: "\n") + "\n")
        let answers = try rpc.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(answers.first?["result"]?["fundShare"] == .number("1728.00"))
        #expect(answers[1]["error"]?["message"]?.stringValue?.contains("insured: 'retired' is not accepted; use employee or resident") == true, "\(rpc.stdout)")
        #expect(answers.last?["error"]?["message"]?.stringValue?.contains("tier: a tier is of an insured group: give insured too") == true, "\(rpc.stdout)")
        let bonus = try ltc(["case", "bonus", "1", "--take", "cash", "--db", db] + admin)
        #expect(bonus.status == 65 && bonus.stderr.contains("scheme 'urumqi-2022' has no bonus for continuous care"), "\(bonus.stderr)")
        let unnamed = try ltc(["benefit", "quote", "--scheme", "urumqi-2022", "--grade", "4", "--mode", "institution", "--month", "2026-04"])
        #expect(unnamed.status == 65)
        #expect(unnamed.stderr.contains("name the group (its groups here: employee, resident)"))
    }

    @Test("The person's choice of a continuity bonus is recorded from the next month, on the CLI and over rpc")
    func bonusChoice() throws {
        let db = try caseInForce(scheme: "hours-home-care-2026", insurance: "employee", mode: "home-visit")
        let cash = try ltc(["case", "bonus", "1", "--take", "cash", "--as-of", "2026-03-20", "--db", db] + admin)
        #expect(cash.stdout.contains("case 1: the continuity bonus is taken as cash from 2026-04-01"), "\(cash.stderr)")
        let rpc = try ltc(["rpc", "--db", db], input: [
            #"{"jsonrpc":"2.0","id":1,"method":"case.bonus","params":{"actor":"administrator:wang","case":1,"take":"hours","asOf":"2026-04-20"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"case.bonus","params":{"actor":"administrator:wang","case":1,"take":"both"}}"#,
        ].joined(separator: "\n") + "\n")
        let answers = try rpc.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(answers.first?["result"]?["bonusChoices"]?.arrayValue?.count == 2, "\(rpc.stdout)")
        #expect(answers.last?["error"]?["message"]?.stringValue?.contains("take: 'both' is not accepted; use hours or cash") == true)
    }

    @Test("Cash paid out from the command line and over rpc: a carer registered, April's run, its lines, and the report's total")
    func cashRun() throws {
        let db = try caseInForce(scheme: "tianjin-style-2026", insurance: "employee", mode: "family-carer")
        let untrained = try ltc(["cash", "payee", "1", "--carer", "陈小妹", "--carer-id", "110105198001010016", "--db", db, "--as-of", "2026-03-20"] + admin)
        #expect(untrained.status == 65 && untrained.stderr.contains("only with a training record"), "\(untrained.stderr)")
        let payee = try ltc(["cash", "payee", "1", "--carer", "陈小妹", "--carer-id", "110105198001010016", "--trained-on", "2026-02-20",
                             "--account", "6222020200112233", "--db", db, "--as-of", "2026-03-20"] + admin)
        #expect(payee.stdout.contains("case 1: cash is paid to the carer 陈小妹, account ************2233"), "\(payee.stderr)")
        let run = try ltc(["cash", "run", "--month", "2026-04", "--db", db, "--as-of", "2026-05-04"] + admin)
        #expect(run.stdout.contains("cash for 2026-04, run on 2026-05-04: 1 payments, total 750.00"), "\(run.stderr)")
        let rpc = try ltc(["rpc", "--db", db], input: [
            #"{"jsonrpc":"2.0","id":1,"method":"cash.payments","params":{"actor":"administrator:wang","month":"2026-04"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"cash.run","params":{"actor":"administrator:wang","month":"2026-05","asOf":"2026-05-20"}}"#,
        ].joined(separator: "\n") + "\n")
        let answers = try rpc.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(answers.first?["result"]?["payments"]?.arrayValue?.first?["amount"] == .number("750.00"), "\(rpc.stdout)")
        #expect(answers.last?["error"]?["message"]?.stringValue?.contains("2026-05 ends on 2026-05-31") == true, "\(rpc.stdout)")
        let input = scratch.path("insured", ".json")
        try #"{"insured": []}"#.write(toFile: input, atomically: true, encoding: .utf8)
        let projection = try ltc(["fund", "project", "--scheme", "tianjin-style-2026", "--db", db, "--from", "2026-04",
                                  "--input", input, "--stored", "--actor", "administrator:wang"])
        #expect(projection.stdout.contains("actual 2026-04: care not yet + cash 750.00 = 750.00, against the projected 1575.00"),
                "\(projection.stdout)\(projection.stderr)")
        let settle = try ltc(["settle", "--month", "2026-04", "--db", db, "--as-of", "2026-05-04"] + admin)
        #expect(settle.stdout.contains("cash 2026-04: 750.00 in 1 payments (ltc cash payments --month 2026-04)"), "\(settle.stdout)\(settle.stderr)")
    }

    @Test("A case's months: mode chosen, a subsidy deducted, a hospital stay; and the fund projection")
    func entitlement() throws {
        let db = scratch.database()
        try firstAdministrator(db)
        let steps: [[String]] = [
            ["scheme", "load", "Examples/schemes/tianjin-style-2026.json", "--as-of", "2026-03-01"],
            ["assessor", "add", "--id", "A01", "--name", "李", "--qualification", "medical"],
            ["assessor", "add", "--id", "A02", "--name", "张", "--qualification", "none"],
            ["person", "add", "--name", "陈", "--id-number", "11010519491231002X", "--insurance", "employee", "--enrolled", "2015-07-01"],
            ["case", "open", "--person", "1", "--disabled-since", "2025-08-01", "--as-of", "2026-03-02"],
            ["case", "check", "1", "--as-of", "2026-03-02"],
            ["case", "assign", "1", "--assessors", "A01,A02", "--reason", "named for the test", "--as-of", "2026-03-03"],
            ["case", "determine", "1", "--as-of", "2026-03-09"],
            ["case", "confirm", "1", "--as-of", "2026-03-17"],
            ["case", "mode", "1", "--mode", "home-care", "--as-of", "2026-03-17"],
            ["case", "subsidy", "1", "--subsidy", "elderly-disability", "--monthly", "150", "--from", "2026-01-01", "--as-of", "2026-03-20"],
            ["case", "suspend", "1", "--reason", "hospital stay", "--as-of", "2026-04-25"],
            ["case", "resume", "1", "--as-of", "2026-05-03"],
        ]
        for step in steps {
            if step[1] == "determine" {
                let assess = try ltc(["case", "assess", "1", "--form", "cn-ltc-2021", "--answers", "Examples/assessments/cn-ltc-2021-severe-ii.json",
                                      "--place", "home", "--db", db, "--actor", "assessor:A01", "--date", "2026-03-05"])
                try #require(assess.status == 0, "\(assess.stderr)")
            }
            let run = try ltc(step + ["--db", db] + admin)
            try #require(run.status == 0, "\(step): \(run.stderr)")
        }
        // Tianjin: benefits from the month after the grade took effect (17 March), so April is the first paid month.
        let march = try JSONParser.parse(try ltc(["benefit", "entitlement", "1", "--month", "2026-03", "--json", "--db", db] + admin).stdout)
        #expect(march["payable"] == .number("0.00"))
        let april = try JSONParser.parse(try ltc(["benefit", "entitlement", "1", "--month", "2026-04", "--json", "--db", db] + admin).stdout)
        #expect(april["fundShare"] == .number("1260.00"))   // 2100 × 24/30 × 0.75
        #expect(april["deducted"] == .number("120.00"))   // 150 × the 24 of 30 days LTCI pays
        #expect(april["payable"] == .number("1140.00"))
        let may = try JSONParser.parse(try ltc(["benefit", "entitlement", "1", "--month", "2026-05", "--json", "--db", db] + admin).stdout)
        #expect(may["days"]?.arrayValue?.first?["days"] == 2)   // 1–2 May still in hospital

        let input = scratch.path("insured", ".json")
        try #"{"insured": [{"type": "employee", "count": 1000, "averageMonthlyBase": 6000}]}"#.write(toFile: input, atomically: true, encoding: .utf8)
        let projection = try ltc(["fund", "project", "--scheme", "tianjin-style-2026", "--db", db, "--from", "2026-06",
                                  "--input", input, "--stored", "--actor", "administrator:wang", "--csv"])
        #expect(projection.status == 0, "\(projection.stderr)")
        #expect(projection.stdout.contains("outlay,4,home-care,1,1575.00,1575.00,18900.00"))
        #expect(projection.stdout.contains("income,,employee,1000,216.00,,216000.00"))
        #expect(!projection.stdout.contains("balance") && !projection.stdout.contains("total"))

        let other = #"{"id":"OTHER","name":"别家","type":"homeCare","licence":"L-2","deliveries":["home"],"capacity":10,"address":"x","district":"y","contact":"z"}"#
        try #require(try ltc(["institution", "add", "-", "--db", db, "--actor", "administrator:wang"], input: other).status == 0)
        let refused = try ltc(["benefit", "entitlement", "1", "--month", "2026-04", "--db", db, "--actor", "institution:OTHER"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("error: case 1: not found or not yours"))
        let unknown = try ltc(["benefit", "entitlement", "1", "--month", "2026-04", "--db", db, "--actor", "institution:NOBODY"])
        #expect(unknown.status == 77 && unknown.stderr.contains("is not a registered institution"))
    }
}
