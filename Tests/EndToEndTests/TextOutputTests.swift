import Foundation
import LTCCore
import Testing

@Suite("Text output for people: totals, thousands grouped, one name per amount, what changed and from when")
struct TextOutputTests {
    let scratch = Scratch()

    @Test("settle and report: a total row, thousands grouped, fund share, withheld and payable by those names; CSV and JSON plain")
    func statements() throws {
        let db = scratch.database("text")
        let demo = try ltc(["demo", "--db", db])
        #expect(demo.stdout.contains("payable 4,223.70 for 76 accepted services"))
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let settle = try ltc(["settle", "--month", "2026-04"] + admin).stdout
        #expect(settle.contains("fund share 4,446.00, withheld 222.30, payable 4,223.70"))
        #expect(settle.contains("FUND SHARE") && settle.contains("基金支付"))
        #expect(settle.split(separator: "\n").contains { $0.hasPrefix("TOTAL 合计     76  4,940.00  4,940.00    4,446.00") }, "\(settle)")
        #expect(settle.split(separator: "\n").last == "cash 2026-04: not run yet (ltc cash run --month 2026-04)")
        let report = try ltc(["report", "--month", "2026-04"] + admin).stdout
        #expect(report.hasPrefix("fund use 2026-04 基金使用: fund share 4,446.00, withheld 222.30, payable 4,223.70"))
        #expect(report.components(separatedBy: "TOTAL 合计").count - 1 == 4)
        // The text has the total row; the CSV has none, so that its columns add up once.
        let csv = try ltc(["settle", "--month", "2026-04", "--csv"] + admin).stdout
        #expect(csv.contains("\nI001,36,") && csv.contains(",2000.70\n") && csv.contains(",2223.00\n") && !csv.contains("TOTAL"))
        #expect(try JSONParser.parse(try ltc(["settle", "--month", "2026-04", "--json"] + admin).stdout)["summary"]?["payable"] == .number("4223.70"))
    }

    @Test("case mode and case subsidy say what changed and from which day; case show lists modes, subsidies and suspensions")
    func caseChanges() throws {
        let db = scratch.database("changes")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let mode = try ltc(["case", "mode", "1", "--mode", "home-visit", "--as-of", "2026-06-01"] + admin).stdout
        #expect(mode.hasPrefix("case 1: mode home-visit from 2026-07-01 (was home-visit from 2026-03-17)"), "\(mode)")
        let subsidy = try ltc(["case", "subsidy", "1", "--subsidy", "elderly-disability", "--monthly", "150", "--from", "2026-06-01", "--as-of", "2026-06-01"] + admin).stdout
        #expect(subsidy.hasPrefix("case 1: subsidy elderly-disability 150.00 a month from 2026-06-01"), "\(subsidy)")
        _ = try ltc(["case", "suspend", "1", "--reason", "hospital stay", "--as-of", "2026-06-10"] + admin)
        let show = try ltc(["case", "show", "1"] + admin).stdout
        #expect(show.contains("Service modes 服务方式\n  home-visit from 2026-03-17 until 2026-06-30\n  home-visit from 2026-07-01"), "\(show)")
        #expect(show.contains("Other subsidies 其他补贴\n  subsidy elderly-disability 150.00 a month from 2026-06-01"))
        #expect(show.contains("Suspensions 暂停\n  from 2026-06-10, open: hospital stay"))
    }
}
