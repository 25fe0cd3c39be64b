import Foundation
import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("Resubmission, corrections and monthly settlement")
struct SettlementTests {
    /// The logs stored for I001 in April 2026.
    func stored(_ world: ProviderWorld) throws -> [StoredLog] {
        try world.intake.logs(institution: "I001", month: YearMonth("2026-04")!, actor: admin, page: try PageRequest()).items
    }

    @Test("Sending the same logs again never counts them twice; a rejected one is checked again")
    func idempotent() throws {
        let world = try ProviderWorld()
        let lines = [world.line("L1"), world.line("L2", on: "2026-04-07"), world.line("L3", "C9")]
        let first = try world.submit(lines)
        #expect((first.accepted, first.rejected.count, first.unchanged) == (2, 1, 0))
        let again = try world.submit(lines)
        #expect((again.accepted, again.rejected.count, again.unchanged, again.corrected, again.rechecked) == (0, 1, 2, 0, 1))
        #expect(again.billed == .zero)
        #expect(try stored(world).map(\.log.logID) == ["L1", "L2", "L3"])
        #expect(try stored(world).map(\.submission) == [first.submission, first.submission, again.submission])
        #expect(again.submission == first.submission + 1)
    }

    @Test("A log rejected for an unregistered caregiver, sent again unchanged once the caregiver is registered, is accepted")
    func rejectedIsCheckedAgain() throws {
        let world = try ProviderWorld()
        let line = world.line("L1", "C9")
        let first = try world.submit([line])
        #expect(first.rejected.map(\.rule) == [.unknownCaregiver])
        _ = try world.agreements.register(Caregiver(id: "C9", name: "护理员九", institution: "I001", qualifications: ["caregiver"],
                                                         employment: [DatePeriod(from: day("2026-01-01"), to: nil)]),
                                               actor: admin, asOf: day("2026-04-10"))
        let again = try world.submit([line])
        #expect((again.accepted, again.unchanged, again.rechecked) == (1, 0, 1))
        #expect(try stored(world).first?.status == .accepted && stored(world).first?.version == 2)
        // Sent a third time, it is accepted already: counted once.
        #expect(try world.submit([line]).unchanged == 1)
    }

    @Test("A changed log with the same id is a correction: checked afresh, the old version kept")
    func correction() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", "C9")])
        let fixed = try world.submit([world.line("L1", "C1")])
        #expect((fixed.accepted, fixed.corrected, fixed.rejected.count) == (1, 1, 0))
        #expect(try stored(world).first?.version == 2)
        let history = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.logs.history(institution: "I001", logID: "L1") }
        #expect(history.map(\.version) == [1])
        #expect(history.first?.log.caregiver == "C9")
        // A correction frees what the old version used: the same slot is free for it again.
        let moved = try world.submit([world.line("L1", "C1", on: "2026-04-06", "09:30", "10:30")])
        #expect((moved.accepted, moved.corrected) == (1, 1))
    }

    @Test("The settlement: services at agreed prices, the fund's 90 % and the person's 10 %, totals equal to the fen")
    func arithmetic() throws {
        let world = try ProviderWorld()
        // 1 h + 1 h + 20 min of S01 at 65 yuan: 65 + 65 + 21.67 (a third of an hour, half-up).
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-07"),
                              world.line("L3", on: "2026-04-08", "09:00", "09:20")])
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let statement = try #require(run.statements.first)
        #expect(statement.institution == "I001")
        #expect(statement.logs == 3)
        #expect(statement.billed == Money(fen: 15167))
        #expect(statement.allowed == Money(fen: 15167))
        #expect(statement.fund == Money(fen: 5850 + 5850 + 1950))
        #expect(statement.personal == statement.allowed - statement.fund)
        // 5 % of the fund's share is withheld until the performance assessment: 6.825, half-up 6.83.
        #expect(statement.withheld == Money(fen: 683))
        #expect(run.fundTotal == run.statements.reduce(Money.zero) { $0 + $1.payable })
        // The CSV has a line per institution and no total line: its payable column adds up to the fund's total once.
        #expect(run.csv == "institution,logs,billed,allowed,fund,personal,over_cap,adjustments,withheld,held_above_budget,subsidies_deducted,payable\n"
                + "I001,3,151.67,151.67,136.50,15.17,0.00,0.00,6.83,0.00,0.00,129.67\n")
    }

    @Test("A month is settled only after it ends, once: settling again returns the same run")
    func immutable() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1")])
        let early = #expect(throws: CaseError.self) { try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-04-30")) }
        #expect(early?.reason == .timing)
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        _ = try world.submit([world.line("L2", on: "2026-04-29")], asOf: "2026-05-02")
        let again = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-03"))
        #expect(again == run)
    }

    @Test("A correction of a settled log, in time, becomes an adjustment on the next month's statement")
    func settledCorrection() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-28")], asOf: "2026-04-29")
        let april = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        #expect(april.fundTotal == Money(fen: 5850 - 293))
        // Half an hour, not an hour, within the 10 days: the log is worth 29.25 less. Of April's 58.50, 2.93 was withheld: April is
        // now as if settled on 29.25, withholding 1.47, so 1.46 of the withholding is cancelled and 27.79 of what was paid comes back.
        let report = try world.submit([world.line("L1", on: "2026-04-28", "09:00", "09:30"), world.line("M1", on: "2026-05-04")], asOf: "2026-05-05")
        #expect(report.corrected == 1)
        #expect(report.adjustments == Money(fen: -2779))
        let may = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        let statement = try #require(may.statements.first)
        #expect(statement.fund == Money(fen: 5850))
        #expect(statement.adjustments == Money(fen: -2779))
        #expect(statement.payable == Money(fen: 5850 - 2779 - 293))
        #expect(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: admin) == april)
    }

    @Test("A late correction is refused (T02) and changes nothing, in an open month as in a settled one")
    func lateCorrection() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-07")])
        // On the 20th, more than 10 days after the 6th: moving L1 to another caregiver and time is refused; L1 stays as sent.
        let open = try world.submit([world.line("L1", "C2", on: "2026-04-06", "14:00", "15:00")], asOf: "2026-04-20")
        #expect(open.rejected.map(\.rule) == [.late] && open.corrected == 0)
        #expect(open.rejected.first?.detail.contains("the earlier version stays") == true)
        #expect(try stored(world).first.map { ($0.version, $0.status, $0.log.caregiver) } ?? (0, .rejected, "") == (1, .accepted, "C1"))
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let settled = try world.submit([world.line("L2", on: "2026-04-07", "09:00", "09:30")], asOf: "2026-05-05")
        #expect(settled.rejected.map(\.rule) == [.late] && settled.adjustments == .zero)
        #expect(try stored(world).last?.version == 1)
    }

    @Test("A log of a settled month cannot be moved to an open month (T04), so it is not paid twice; withdrawn, what it was paid comes back")
    func movedOutOfSettledMonth() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-06")])
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        // "Corrected" to a day of May: refused, the April version stays as it was.
        let moved = try world.submit([world.line("L1", on: "2026-05-04")], asOf: "2026-05-05")
        #expect(moved.rejected.map(\.rule) == [.movedFromSettledMonth] && moved.accepted == 0 && moved.corrected == 0)
        #expect(try stored(world).first?.version == 1)
        // Withdrawn: stored again as rejected (W01), and the 55.57 paid is recovered on May's statement (the 2.93 withheld is cancelled).
        let withdrawal = try world.intake.withdraw(Array(("log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
                                                          + world.line("L1", on: "2026-04-06") + "\n" + world.line("L9") + "\n").utf8),
                                                   actor: admin, asOf: day("2026-05-05"))
        #expect(withdrawal.withdrawn == 1 && withdrawal.adjustments == Money(fen: -5557))
        #expect(withdrawal.rejected.map(\.logID) == ["L9"])
        let withdrawn = try #require(try stored(world).first)
        #expect(withdrawn.status == .rejected && withdrawn.rule == .withdrawn && withdrawn.version == 2)
        // The service of May, sent under a new id, is paid once.
        _ = try world.submit([world.line("M1", on: "2026-05-04")], asOf: "2026-05-05")
        let may = try #require(try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01")).statements.first)
        #expect(may.logs == 1 && may.fund == Money(fen: 5850) && may.adjustments == Money(fen: -5557))
    }

    @Test("A withdrawal in an open month takes the log's use and money back from the month")
    func withdrawnInOpenMonth() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1"), world.line("L2", on: "2026-04-07")])
        let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        let withdrawal = try world.intake.withdraw(Array((header + world.line("L1") + "\n").utf8), actor: admin, asOf: day("2026-04-16"))
        #expect(withdrawal.withdrawn == 1 && withdrawal.adjustments == .zero)
        let allowed = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.usage.allowed(people: [world.person], month: YearMonth("2026-04")!) }
        #expect(allowed[world.person] == Money(yuan: 65))
        let april = try #require(try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01")).statements.first)
        #expect(april.logs == 1 && april.billed == Money(yuan: 65))
    }

    @Test("An institution may submit only its own logs")
    func ownLogsOnly() throws {
        let world = try ProviderWorld()
        let report = try world.submit([world.line("L1"), world.line("L2", institution: "I002")], actor: try Actor("institution:I001"))
        #expect(report.accepted == 1)
        #expect(report.rejected.first?.detail == "institution:I001 may submit only its own logs, not I002's")
    }
}
