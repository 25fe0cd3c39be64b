import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// Settlement pays from the usage ledger, and checks it first against the
/// logs it totals (issue 30, finding 10): a holder of the database who
/// changed `institution_months` made one log of 58.50 pay 58,500.00.
@Suite("Settlement checks the ledger against the logs it totals")
struct LedgerCheckTests {
    let april = YearMonth("2026-04")!

    @Test("A ledger changed outside ltc stops the settlement, naming the institution, the month and both figures; nothing is settled",
          arguments: TestStore.Engine.available)
    func tamperedFund(engine: TestStore.Engine) throws {
        let world = try ProviderWorld(engine: engine)
        _ = try world.submit([world.line("L1")])
        try world.scratch.raw("UPDATE institution_months SET fund = 5850000 WHERE month = '2026-04' AND institution = 'I001'")
        let refused = #expect(throws: LedgerMismatch.self) { try world.settlement.settle(month: april, actor: admin, asOf: day("2026-05-01")) }
        #expect(refused?.institution == "I001" && refused?.month == april)
        #expect(refused?.ledger == LedgerTotals(institution: "I001", logs: 1, billed: Money(fen: 6500), allowed: Money(fen: 6500), fund: Money(yuan: 58_500)))
        #expect(refused?.logs == LedgerTotals(institution: "I001", logs: 1, billed: Money(fen: 6500), allowed: Money(fen: 6500), fund: Money(fen: 5850)))
        #expect(refused?.storage == .damaged)
        #expect(refused?.description.contains("58500.00") == true && refused?.description.contains("58.50") == true)
        #expect(try world.settlement.settlement(month: april, actor: admin) == nil)
        // The refused settlement is in the audit trail, with what it found.
        let events = try world.scratch.store.read { (tx: any CaseTransaction) in try tx.audit.events(subject: "settlement:2026-04") }
        #expect(events.map(\.outcome) == [.refused])
        #expect(events.first?.reason?.contains("I001") == true)

        // Put back as the logs say, the month settles and pays the one log.
        try world.scratch.raw("UPDATE institution_months SET fund = 5850 WHERE month = '2026-04' AND institution = 'I001'")
        let run = try world.settlement.settle(month: april, actor: admin, asOf: day("2026-05-01"))
        #expect(run.statements.map(\.fund) == [Money(fen: 5850)])
    }

    @Test("A ledger row removed, or one for an institution without logs, is a difference too", arguments: TestStore.Engine.available)
    func missingAndInventedRows(engine: TestStore.Engine) throws {
        let world = try ProviderWorld(engine: engine)
        _ = try world.submit([world.line("L1"), world.line("L2", on: "2026-04-07")])
        try world.scratch.raw("DELETE FROM institution_months WHERE month = '2026-04'")
        let removed = #expect(throws: LedgerMismatch.self) { try world.settlement.settle(month: april, actor: admin, asOf: day("2026-05-01")) }
        #expect(removed?.ledger == LedgerTotals(institution: "I001"))
        #expect(removed?.logs.logs == 2)

        let other = try ProviderWorld(engine: engine)
        _ = try other.submit([other.line("L1")])
        try other.scratch.raw("""
            INSERT INTO institution_months (month, institution, received, rejected, logs, billed, allowed, fund)
            VALUES ('2026-04', 'I000', 1, 0, 1, 100000, 100000, 90000)
            """)
        let invented = #expect(throws: LedgerMismatch.self) { try other.settlement.settle(month: april, actor: admin, asOf: day("2026-05-01")) }
        #expect(invented?.institution == "I000" && invented?.logs == LedgerTotals(institution: "I000"))
    }

    @Test("Corrections, withdrawals and rejections keep the ledger equal to the logs: the month settles")
    func honestLedgerSettles() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1"), world.line("L2", on: "2026-04-07"), world.line("L3", "C9"), world.line("M1", on: "2026-05-04")])
        _ = try world.submit([world.line("L1", on: "2026-04-06", "10:00", "11:00")])
        let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        _ = try world.intake.withdraw(Array((header + world.line("L2", on: "2026-04-07") + "\n").utf8), actor: admin, asOf: day("2026-04-16"))
        let run = try world.settlement.settle(month: april, actor: admin, asOf: day("2026-05-01"))
        #expect(run.statements.map(\.logs) == [1])
    }

    @Test("The check compares every institution's count and amounts, and names the first by id")
    func comparison() throws {
        let one = LedgerTotals(institution: "I001", logs: 2, billed: Money(fen: 13000), allowed: Money(fen: 13000), fund: Money(fen: 11700))
        try LedgerCheck.require(ledger: [one], logs: [one], month: april)
        var billed = one
        billed.billed = Money(fen: 13001)
        let found = #expect(throws: LedgerMismatch.self) {
            try LedgerCheck.require(ledger: [one, LedgerTotals(institution: "I002", logs: 1)], logs: [billed], month: april)
        }
        #expect(found?.institution == "I001" && found?.others == 1)
        #expect(found?.details["ledger"]?["billed"] == Money(fen: 13000).json)
    }
}
