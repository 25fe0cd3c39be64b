import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import Testing

/// The year-end close of budgets in the Shanghai-modelled example: holds up
/// to the budget paid in full; of the overspend the fund bears 70 % up to
/// 10 % of the budget and 50 % beyond (half was paid with the statements);
/// half of an unused budget, up to 10 % of it, retained where the year used
/// at least 80 % of it; the overspend's and the surplus's parts times the rating's share
/// (excellent and good 1, pass 0.5, fail 0, unrated 0.5).
@Suite("The year-end close of budgets (ltc budget close)")
struct BudgetCloseTests {
    /// Settles every month of 2026 that is not settled yet, as the agency does before the close.
    func settleTheYear(_ world: ProviderWorld) throws {
        for month in 1...12 {
            _ = try world.settlement.settle(month: YearMonth(year: 2026, month: month)!, actor: admin, asOf: day("2027-01-05"))
        }
    }

    /// April's four visits, the fund's 234.00, against a budget.
    func april(budget: String) throws -> ProviderWorld {
        let world = try ProviderWorld()
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(text: budget)!, actor: admin, asOf: day("2026-01-20"))
        _ = try world.submit([world.line("B1", on: "2026-04-06"), world.line("B2", on: "2026-04-07"),
                              world.line("B3", on: "2026-04-13"), world.line("B4", on: "2026-04-14")], asOf: "2026-04-16")
        return world
    }

    @Test("14.00 over a budget of 220.00, unrated: 7.00 was held; the fund bears 70 % of it, 9.80, so 2.80 more is due, half paid by the unrated share")
    func overspendInFirstBand() throws {
        let world = try april(budget: "220")
        try settleTheYear(world)
        let close = try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-06"))
        let line = try #require(close.lines.first)
        #expect(line.institution == "I001" && line.used == Money(yuan: 234) && line.held == Money(yuan: 7))
        #expect(line.overspendShare == Money(text: "9.80")! && line.rating == nil)
        #expect(line.released == Money(text: "1.40")! && line.kept == Money(text: "5.60")! && line.retained == .zero)
        // The statement lines: January 2027's statement pays the 1.40.
        let january = try world.settlement.settle(month: YearMonth("2027-01")!, actor: admin, asOf: day("2027-02-01"))
        #expect(january.statements.first { $0.institution == "I001" }?.adjustments == Money(text: "1.40")!)
        let listed = try world.settlement.adjustments(month: YearMonth("2027-01")!, institution: "I001", actor: admin, page: try PageRequest()).items
        #expect(listed.map(\.logID) == ["budget close 2026"] && listed.first?.fundChange == nil)
        // Nothing of 2026's holds is owed any more.
        #expect(try world.reports.report(month: YearMonth("2026-04")!, actor: admin).owed == Money(text: "11.70")!)   // the withholding only
    }

    @Test("A second close of the year is refused; so is a close before every month of the year is settled, or before the year has ended")
    func refusals() throws {
        let world = try april(budget: "220")
        let open = #expect(throws: CaseError.self) { try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-06")) }
        #expect(open?.reason == .timing && open?.message.contains("2026-01") == true)
        try settleTheYear(world)
        let early = #expect(throws: CaseError.self) { try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2026-12-31")) }
        #expect(early?.reason == .timing)
        let institution = #expect(throws: CaseError.self) {
            try world.settlement.closeBudgets(year: 2026, actor: try Actor("institution:I001"), asOf: day("2027-01-06"))
        }
        #expect(institution?.reason == .forbidden)
        let first = try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-06"))
        let twice = #expect(throws: CaseError.self) { try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-07")) }
        #expect(twice?.reason == .duplicate && twice?.message.contains("2027-01-06") == true)
        #expect(try world.settlement.budgetClose(year: 2026, actor: admin) == first)
        #expect(try world.settlement.budgetClose(year: 2026, actor: try Actor("institution:I002"))?.lines.isEmpty == true)
    }

    @Test("Within the budget at the year's end: every hold is paid in full, and of the 16.00 left of 250.00 half, by the unrated share half again, is retained")
    func withinBudgetAtTheEnd() throws {
        // April 234.00 within 250.00; May's two visits take the year to 351.00, and May holds 50.50 of its 101.00 above the budget;
        // then two of April's visits are withdrawn: the year used 234.00 in the end.
        let world = try april(budget: "250")
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        _ = try world.submit([world.line("M1", on: "2026-05-04"), world.line("M2", on: "2026-05-05")], asOf: "2026-05-10")
        let may = try #require(try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01")).statements.first)
        #expect(may.heldAboveBudget == Money(text: "50.50")!)
        let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        _ = try world.intake.withdraw(Array((header + world.line("B3", on: "2026-04-13") + "\n" + world.line("B4", on: "2026-04-14") + "\n").utf8),
                                      actor: admin, asOf: day("2026-06-02"))
        try settleTheYear(world)
        let line = try #require(try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-06")).lines.first)
        #expect(line.used == Money(yuan: 234) && line.held == Money(text: "50.50")!)
        #expect(line.released == Money(text: "50.50")! && line.kept == .zero)
        #expect(line.retained == Money(yuan: 4))
    }

    @Test("Rated excellent, the overspend's share is paid in full: 10.40 of the 91.00 held")
    func ratedExcellent() throws {
        let world = try ProviderWorld()
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 520), actor: admin, asOf: day("2026-01-20"))
        for (days, sent) in [(["01", "02", "03"], "04"), (["06", "07", "08"], "09"), (["13", "14", "15"], "16"), (["20", "21", "22"], "23")] {
            _ = try world.submit(days.map { world.line("D\($0)", on: "2026-04-\($0)") }, asOf: "2026-04-\(sent)")
        }
        try settleTheYear(world)
        let rated = try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-01"), to: day("2026-04-30"),
                                                            inspector: ["inspection": 95], actor: admin, asOf: day("2027-01-06"))
        #expect(rated.rating == "excellent")
        // 12 visits, 702.00, over 520.00 by 182.00: 91.00 held. The fund bears 70 % of 52.00 and 50 % of 130.00: 101.40, 10.40 more than paid.
        let line = try #require(try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-07")).lines.first)
        #expect(line.rating == "excellent" && line.held == Money(yuan: 91) && line.overspendShare == Money(text: "101.40")!)
        #expect(line.released == Money(text: "10.40")! && line.kept == Money(text: "80.60")!)
    }

    /// The rated-excellent year (12 visits, 702.00 over a budget of 520.00, 91.00 held), assessed, then closed,
    /// with one visit withdrawn before the close or after it; January 2027's statement, which carries it all.
    func excellentYear(withdrawingAfterClose: Bool) throws -> Statement? {
        let world = try ProviderWorld()
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 520), actor: admin, asOf: day("2026-01-20"))
        for (days, sent) in [(["01", "02", "03"], "04"), (["06", "07", "08"], "09"), (["13", "14", "15"], "16"), (["20", "21", "22"], "23")] {
            _ = try world.submit(days.map { world.line("D\($0)", on: "2026-04-\($0)") }, asOf: "2026-04-\(sent)")
        }
        try settleTheYear(world)
        let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        func withdraw() throws {
            _ = try world.intake.withdraw(Array((header + world.line("D22", on: "2026-04-22") + "\n").utf8), actor: admin, asOf: day("2027-01-06"))
        }
        _ = try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-01"), to: day("2026-04-30"),
                                                    inspector: ["inspection": 95], actor: admin, asOf: day("2027-01-06"))
        if !withdrawingAfterClose { try withdraw() }
        _ = try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-07"))
        if withdrawingAfterClose { try withdraw() }
        return try world.settlement.settle(month: YearMonth("2027-01")!, actor: admin, asOf: day("2027-02-01")).statements.first { $0.institution == "I001" }
    }

    @Test("A visit withdrawn after the close takes back what the close would not have paid without it, and no more: the year pays the same as when it is withdrawn before")
    func withdrawalAfterTheClose() throws {
        // The assessment released April's 35.10 withheld. Withdrawn before the close: 26.33 and the released 2.92 come back, its 29.25 held
        // is cancelled, and the close pays 10.40 of the 61.75 held. Withdrawn after: the close paid 10.40 of 91.00; recomputed without the
        // visit it still pays 10.40, so the same 29.25 comes back and nothing of the close (its share of the hold, 3.34, came back before).
        let before = try #require(try excellentYear(withdrawingAfterClose: false))
        let after = try #require(try excellentYear(withdrawingAfterClose: true))
        #expect(before.adjustments == Money(text: "16.25")!)   // 35.10 + 10.40 − 29.25
        #expect(after.adjustments == before.adjustments && after.payable == before.payable)
    }

    @Test("Within the budget, a visit withdrawn after the close takes back the surplus the close would not have retained without it, though the month held nothing")
    func surplusAfterTheClose() throws {
        // April's 234.00 of 250.00 counts a surplus (at least 80 % used): 16.00, half retained, by the unrated share half again: 4.00.
        // Without B4 the year used 175.50, under 80 %: nothing retained. Either way B4's 58.50 less its 2.92 withheld, never released, comes back.
        func january(withdrawingAfterClose: Bool) throws -> Statement? {
            let world = try april(budget: "250")
            try settleTheYear(world)
            let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
            func withdraw() throws {
                _ = try world.intake.withdraw(Array((header + world.line("B4", on: "2026-04-14") + "\n").utf8), actor: admin, asOf: day("2027-01-06"))
            }
            if !withdrawingAfterClose { try withdraw() }
            _ = try world.settlement.closeBudgets(year: 2026, actor: admin, asOf: day("2027-01-07"))
            if withdrawingAfterClose { try withdraw() }
            return try world.settlement.settle(month: YearMonth("2027-01")!, actor: admin, asOf: day("2027-02-01")).statements.first { $0.institution == "I001" }
        }
        let before = try #require(try january(withdrawingAfterClose: false))
        let after = try #require(try january(withdrawingAfterClose: true))
        #expect(before.adjustments == Money(text: "-55.58")!)
        #expect(after.adjustments == before.adjustments && after.payable == before.payable)
    }

    @Test("The scheme's yearEnd is checked at load, each problem naming the file, the field and the value")
    func validated() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/schemes/hours-home-care-2026.json")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "\"unrated\": 0.5", with: "\"unrated\": 1.5")
            .replacingOccurrences(of: "\"fail\": 0\n", with: "\"failing\": 0\n")
            .replacingOccurrences(of: "{\n          \"fundShare\": 0.5\n        }", with: "{\n          \"upTo\": 0.2,\n          \"fundShare\": 0.5\n        }")
        let error = #expect(throws: SchemeError.self) { try Scheme.decode(text: Array(text.utf8), source: "hours-home-care-2026.json") }
        let lines = (error?.description ?? "").split(separator: "\n").map(String.init)
        #expect(lines.contains("hours-home-care-2026.json: $.budget.yearEnd.overspend[1].upTo: 0.2 on the last band: the last band is the rest of the overspend, without upTo"))
        #expect(lines.contains("hours-home-care-2026.json: $.budget.yearEnd.unrated: 1.5 is not a share from 0 to 1 with at most four decimals"))
        #expect(lines.contains { $0.hasPrefix("hours-home-care-2026.json: $.budget.yearEnd.ratings.failing: 'failing' is not a rating of supervision.assessment.bands") })
        #expect(try BuiltInSchemes.scheme(named: "hours-home-care-2026")?.budget?.yearEnd?.overspend.count == 2)
    }
}
