import LTCCases
import LTCCore
import LTCProviders
import LTCReports
import Testing

@Suite("The fund report adds up to the settlement to the fen")
struct FundReportTests {
    @Test("By grade, mode, district and institution, each sums to the statements' fund share; CSV, HTML and the rejected list agree")
    func totals() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-07", "09:00", "09:20"),
                              world.line("L3", "C9", on: "2026-04-08")])
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let report = try world.reports.report(month: YearMonth("2026-04")!, actor: admin)
        let fund = run.statements.reduce(Money.zero) { $0 + $1.fund }
        for rows in [report.byGrade, report.byMode, report.byDistrict, report.byInstitution] {
            #expect(rows.reduce(Money.zero) { $0 + $1.fund } == fund)
            #expect(rows.reduce(0) { $0 + $1.logs } == run.logCount)
        }
        #expect(report.byGrade.map(\.key) == ["grade 3"])
        #expect(report.byDistrict.map(\.key) == ["静安"])
        #expect(report.mostRejected.first?.institution == "I001")
        #expect(report.mostRejected.first?.share == 3333)
        #expect(report.table("grade")?.text() == "grade,logs,allowed,fund\n3,2,86.67,78.00\n")
        #expect(report.table("rejected")?.text() == "institution,received,rejected,rejected_percent\nI001,3,1,33.33\n")
        #expect(report.table("ratings")?.header == ["rating", "institutions"])
        #expect(report.tables.map(\.name) == FundReport.tableNames)
        #expect(report.html.contains("<svg") && report.html.contains("¥78.00"))
        #expect(report.html.contains("I001 护理站I001") && report.html.contains("合计 total"))
        #expect(report.html.contains("<th>基金支付 <span>fund share</span></th>"))
    }

    @Test("Districts in the page are largest first, the adjustments last; amounts are grouped by thousands")
    func largestFirst() {
        func row(_ key: String, _ yuan: Int) -> FundReport.Row { FundReport.Row(key: key, logs: 1, allowed: Money(yuan: yuan), fund: Money(yuan: yuan)) }
        let ordered = FundReport.largestFirst([row("A", 10), row(FundReport.adjustmentsKey, 50), row("B", 2_000), row("C", 300)])
        #expect(ordered.map(\.key) == ["B", "C", "A", FundReport.adjustmentsKey])
        #expect(Money(fen: 123_456_789).grouped == "1,234,567.89" && Money(fen: -100_000).grouped == "-1,000.00" && Money(fen: 5).grouped == "0.05")
    }

    @Test("After a correction of a settled month, every breakdown still adds up: the share and the adjustments, to the fen")
    func withAdjustments() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-28")], asOf: "2026-04-29")
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        // Half an hour instead of an hour, corrected in time: of the 29.25 less, 27.79 paid comes back on May's statement (1.46 of the withholding is cancelled).
        _ = try world.submit([world.line("L1", on: "2026-04-28", "09:00", "09:30"), world.line("M1", on: "2026-05-04")], asOf: "2026-05-05")
        let run = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        let report = try world.reports.report(month: YearMonth("2026-05")!, actor: admin)
        #expect(report.fund == Money(fen: 5850) && report.adjustments == Money(fen: -2779) && report.netFund == Money(fen: 3071))
        for rows in [report.byGrade, report.byMode, report.byDistrict, report.byInstitution] {
            #expect(rows.reduce(Money.zero) { $0 + $1.fund } == report.netFund)
            #expect(rows.reduce(0) { $0 + $1.logs } == run.logCount)
            #expect(rows.last?.key == FundReport.adjustmentsKey)
        }
        #expect(report.table("grade")?.text().contains("\n\"\(FundReport.adjustmentsKey)\",0,0.00,-27.79\n") == true)   // the key holds a comma: quoted
    }

    @Test("What the fund spent in a month is one figure, in the report, beside a projection and on the page: what it paid; the withheld and held are what it still owes")
    func spentDefinedOnce() throws {
        let world = try ProviderWorld()
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 100), actor: admin, asOf: day("2026-01-20"))
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-07")])
        let statement = try #require(try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04")).statements.first)
        // 117.00 the fund's share: 5.85 withheld (5 %), and of the 17.00 above the budget of 100, 8.50 held.
        #expect(statement.fund == Money(yuan: 117) && statement.withheld == Money(text: "5.85")! && statement.heldAboveBudget == Money(text: "8.50")!)
        let report = try world.reports.report(month: YearMonth("2026-04")!, actor: admin)
        let actual = try world.reports.spending(month: YearMonth("2026-04")!, actor: admin)
        #expect(report.totalSpent == Money(text: "102.65")!)
        #expect(actual["total"] == report.totalSpent.json && actual["care"] == report.totalSpent.json)
        #expect(actual["owed"] == Money(text: "14.35")!.json)
        #expect(report.json["totalSpent"] == report.totalSpent.json && report.json["owed"] == Money(text: "14.35")!.json)
        #expect(report.html.contains("<dt>基金总支出 total spent</dt><dd>¥102.65</dd>"))
        #expect(report.html.contains("<dt>待付 still owed</dt><dd>¥14.35</dd>"))
    }

    @Test("Only a settled month has a report")
    func unsettled() throws {
        let world = try ProviderWorld()
        let error = #expect(throws: CaseError.self) { try world.reports.report(month: YearMonth("2026-04")!, actor: admin) }
        #expect(error?.reason == .notFound)
    }
}
