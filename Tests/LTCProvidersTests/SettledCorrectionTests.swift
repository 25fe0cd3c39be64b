import LTCCases
import LTCCore
import LTCProviders
import Testing

/// A correction or withdrawal of a log of a settled month takes back at most
/// what the month's statement paid for it: the part of its fund share that
/// the statement withheld or held above the budget was never paid, so it is
/// cancelled, not recovered, and never released later (issue 29, finding 5).
@Suite("A correction of a settled month recovers at most what was paid")
struct SettledCorrectionTests {
    let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"

    /// I001's budget is April's 234.00; June's two one-hour visits, 117.00 of
    /// the fund's share, are all above it: 5.85 withheld, 58.50 held, 52.65 paid.
    func june() throws -> (world: ProviderWorld, june: Statement) {
        let world = try ProviderWorld()
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 234), actor: admin, asOf: day("2026-01-20"))
        _ = try world.submit([world.line("A1", on: "2026-04-06"), world.line("A2", on: "2026-04-07"),
                              world.line("A3", on: "2026-04-13"), world.line("A4", on: "2026-04-14")], asOf: "2026-04-16")
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        _ = try world.submit([world.line("J1", on: "2026-06-08"), world.line("J2", on: "2026-06-09")], asOf: "2026-06-10")
        let june = try #require(try world.settlement.settle(month: YearMonth("2026-06")!, actor: admin, asOf: day("2026-07-01")).statements.first)
        #expect(june.fund == Money(yuan: 117) && june.withheld == Money(text: "5.85")! && june.heldAboveBudget == Money(text: "58.50")!)
        #expect(june.payable == Money(text: "52.65")!)
        return (world, june)
    }

    func withdraw(_ world: ProviderWorld, _ lines: [String]) throws -> SubmissionReport {
        try world.intake.withdraw(Array((header + lines.joined(separator: "\n") + "\n").utf8), actor: admin, asOf: day("2026-07-05"))
    }

    @Test("Withdrawing both of June's logs recovers the 52.65 paid, not 117.00; the withheld and held parts are cancelled and never released")
    func bothWithdrawn() throws {
        let (world, _) = try june()
        let withdrawal = try withdraw(world, [world.line("J1", on: "2026-06-08"), world.line("J2", on: "2026-06-09")])
        #expect(withdrawal.withdrawn == 2)
        #expect(withdrawal.adjustments == Money(text: "-52.65")!)
        let july = try #require(try world.settlement.settle(month: YearMonth("2026-07")!, actor: admin, asOf: day("2026-08-03")).statements.first)
        #expect(july.adjustments == Money(text: "-52.65")!)
        // Nothing of June's withholding is left for an assessment to release.
        let assessed = try world.supervision.assessPerformance(institution: "I001", from: day("2026-06-01"), to: day("2026-06-30"),
                                                               inspector: ["inspection": 95], actor: admin, asOf: day("2026-08-04"))
        #expect(assessed.withheld == .zero)
        #expect(try world.reports.report(month: YearMonth("2026-06")!, actor: admin).owed == .zero)
    }

    @Test("Withdrawing one of June's two logs recovers what was paid for it: June as if settled on the one left (2.93 withheld, 29.25 held)")
    func oneWithdrawn() throws {
        let (world, _) = try june()
        let withdrawal = try withdraw(world, [world.line("J2", on: "2026-06-09")])
        // 58.50 less: 2.92 of the withholding and 29.25 of the hold cancelled, 26.33 recovered.
        #expect(withdrawal.adjustments == Money(text: "-26.33")!)
        #expect(try world.reports.report(month: YearMonth("2026-06")!, actor: admin).owed == Money(text: "32.18")!)
        let second = try withdraw(world, [world.line("J1", on: "2026-06-08")])
        #expect(second.adjustments == Money(text: "-26.32")!)
    }
}
