import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("A deducted subsidy recorded late is recovered like a late death")
struct LateSubsidyTests {
    /// Tianjin-style home care from April (the month after the grade): nine two-hour visits at 60, 1,080, the fund's 75 % is 810.
    func april(subsidyOn: String?) throws -> ProviderWorld {
        let world = try ProviderWorld(scheme: "tianjin-style-2026", prices: ["T02": Money(yuan: 60)], mode: "home-care")
        let days = ["06", "07", "08", "09", "10", "13", "14", "15", "16"]
        let sent = try world.submit(days.map { world.line("T\($0)", "C1", "T02", on: "2026-04-\($0)", "09:00", "11:00", mode: "home-care") },
                                    asOf: "2026-04-16")
        #expect(sent.fund == Money(yuan: 810), "\(sent.rejected.map(\.detail))")
        if subsidyOn == "2026-04-25" { try record(world, on: "2026-04-25") }
        return world
    }

    func record(_ world: ProviderWorld, on date: String) throws {
        _ = try world.cases.addSubsidy(caseID: world.caseID, subsidy: "elderly-disability", monthly: Money(yuan: 150), from: day("2026-01-01"),
                                       until: nil, choice: nil, actor: admin, asOf: day(date))
    }

    @Test("Recorded on 25 April, before April is settled: April pays 660")
    func recordedBeforeSettlement() throws {
        let world = try april(subsidyOn: "2026-04-25")
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        #expect(run.fundTotal == Money(yuan: 660))
    }

    @Test("Recorded on 10 May, after April was settled at 810: the 150 comes off May's statement, so April nets 660 either way")
    func recordedAfterSettlement() throws {
        let world = try april(subsidyOn: nil)
        #expect(try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04")).fundTotal == Money(yuan: 810))
        try record(world, on: "2026-05-10")
        let may = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-02"))
        #expect(may.fundTotal == Money(yuan: -150))
        let listed = try world.settlement.adjustments(month: YearMonth("2026-05")!, institution: "I001", actor: admin, page: try PageRequest())
        #expect(listed.items.map(\.serviceMonth) == [YearMonth("2026-04")!])
        #expect(listed.items.first?.amount == Money(yuan: -150))
        #expect(listed.items.first?.reason.contains("elderly-disability") == true)
        // Settled again in June, nothing more is taken: the recovery is once.
        #expect(try world.settlement.settle(month: YearMonth("2026-06")!, actor: admin, asOf: day("2026-07-02")).fundTotal == .zero)
    }
}
