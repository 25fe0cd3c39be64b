import LTCBenefits
import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("A case's end: nothing is paid for the days after a death")
struct CaseEndTests {
    let header = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"

    func stored(_ world: ProviderWorld, _ month: String) throws -> [String: StoredLog] {
        let page = try world.intake.logs(institution: "I001", month: YearMonth(month)!, actor: admin, page: try PageRequest())
        return Dictionary(uniqueKeysWithValues: page.items.map { ($0.log.logID, $0) })
    }

    @Test("A death recorded late: services after it are withdrawn (B03), what a settled month paid comes back with its own reason")
    func deathRecordedLate() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-08"), world.line("L3", on: "2026-04-14")])
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        _ = try world.submit([world.line("M1", on: "2026-05-04"), world.line("M2", on: "2026-05-06")], asOf: "2026-05-07")

        let ended = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-04-07"), actor: admin, asOf: day("2026-05-10"))

        #expect(ended.record.state == .terminated && ended.record.endedOn == day("2026-04-07"))
        #expect(ended.afterEnd?["withdrawn"]?.intValue == 4)
        // What April paid for the 8th and the 14th: their 58.50 each less their part of April's withholding (8.78 of 175.50), cancelled.
        #expect(ended.afterEnd?["recovered"] == Money(fen: -5557 - 5558).json)
        let april = try stored(world, "2026-04"), may = try stored(world, "2026-05")
        #expect(april["L1"]?.status == .accepted)
        #expect(april["L2"]?.rule == .afterCaseEnded && april["L3"]?.rule == .afterCaseEnded)
        #expect(may["M1"]?.rule == .afterCaseEnded && may["M2"]?.rule == .afterCaseEnded)

        // May pays nothing for May, and takes back what April paid for the 8th and the 14th.
        let statement = try #require(try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01")).statements.first)
        #expect(statement.logs == 0 && statement.fund == .zero && statement.adjustments == Money(fen: -11115))
        let listed = try world.settlement.adjustments(month: YearMonth("2026-05")!, institution: "I001", actor: admin, page: try PageRequest())
        #expect(listed.items.map(\.logID) == ["L2", "L3"])
        #expect(listed.items.allSatisfy { $0.reason.contains("B03") && $0.reason.contains("ended on 2026-04-07 (death)") && $0.fundChange == Money(fen: -5850) })
        #expect(listed.items.map(\.amount) == [Money(fen: -5557), Money(fen: -5558)])

        // The institution reads its own without naming itself; another's, or an assessor's ask, is "not found or not yours".
        let own = try world.settlement.adjustments(month: YearMonth("2026-05")!, institution: nil, actor: try Actor("institution:I001"),
                                                   page: try PageRequest())
        #expect(own.items.map(\.logID) == ["L2", "L3"])
        #expect(throws: CaseError.self) {
            try world.settlement.adjustments(month: YearMonth("2026-05")!, institution: "I001", actor: try Actor("institution:I002"), page: try PageRequest())
        }
        #expect(throws: CaseError.self) {
            try world.settlement.adjustments(month: nil, institution: nil, actor: try Actor("assessor:A1"), page: try PageRequest())
        }
    }

    /// Six one-hour visits on 1–9 June (58.50 each to the fund, 351.00); a death on 10 June leaves 10 of June's 30 days:
    /// 3 hours a week × 10/7 = 4 h 17 min at 65 = 278.42 of ceiling, so the fund's share is four visits' 234.00 and 16.58 of the fifth.
    func june(_ world: ProviderWorld, asOf: String) throws -> SubmissionReport {
        try world.submit([world.line("J1", on: "2026-06-01"), world.line("J2", on: "2026-06-03"), world.line("J3", on: "2026-06-05"),
                          world.line("J4", on: "2026-06-08"), world.line("J5", on: "2026-06-09"),
                          world.line("J6", "C2", on: "2026-06-09", "14:00", "15:00")], asOf: asOf)
    }

    func juneFund(_ world: ProviderWorld) throws -> Money {
        try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.usage.fund(people: [world.person], month: YearMonth("2026-06")!) }[world.person] ?? .zero
    }

    @Test("A death recorded on the day: June's logs are capped by the prorated ceiling as they come, 250.58")
    func deathRecordedFirst() throws {
        let world = try ProviderWorld()
        _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day("2026-06-10"))
        let report = try june(world, asOf: "2026-06-10")
        #expect(report.fund == Money(text: "250.58")!)
        #expect(report.rejected.map(\.rule) == [.beyondMonthlyCap])
        #expect(try juneFund(world) == Money(text: "250.58")!)
    }

    @Test("A death recorded ten days late re-caps the open month: June pays 250.58, as if recorded on the day")
    func deathRecordedLateReCapsOpenMonth() throws {
        let world = try ProviderWorld()
        #expect(try june(world, asOf: "2026-06-10").fund == Money(yuan: 351))
        let ended = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day("2026-06-20"))
        #expect(ended.afterEnd?["recapped"]?.intValue == 2)
        #expect(try juneFund(world) == Money(text: "250.58")!)
        let logs = try stored(world, "2026-06")
        #expect(logs["J5"]?.money?.allowed == Money(text: "18.42")! && logs["J5"]?.money?.fund == Money(text: "16.58")!)
        #expect(logs["J6"]?.status == .rejected && logs["J6"]?.rule == .beyondMonthlyCap)
        #expect(logs["J6"]?.detail?.contains("ended on 2026-06-10") == true)
        let statement = try #require(try world.settlement.settle(month: YearMonth("2026-06")!, actor: admin, asOf: day("2026-07-01")).statements.first)
        #expect(statement.fund == Money(text: "250.58")! && statement.adjustments == .zero)
    }

    @Test("A death recorded after June was settled: of the excess, 100.42, what June paid is recovered on the next statement, its withheld part cancelled")
    func deathRecordedAfterSettlementRecovers() throws {
        let world = try ProviderWorld()
        _ = try june(world, asOf: "2026-06-10")
        let settled = try #require(try world.settlement.settle(month: YearMonth("2026-06")!, actor: admin, asOf: day("2026-07-01")).statements.first)
        #expect(settled.fund == Money(yuan: 351) && settled.withheld == Money(text: "17.55")!)
        _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day("2026-07-05"))
        let july = try #require(try world.settlement.settle(month: YearMonth("2026-07")!, actor: admin, asOf: day("2026-08-01")).statements.first)
        let listed = try world.settlement.adjustments(month: YearMonth("2026-07")!, institution: "I001", actor: admin, page: try PageRequest())
        #expect(listed.items.map(\.logID) == ["J5", "J6"])
        #expect(listed.items.map(\.fundChange) == [Money(text: "-41.92")!, Money(text: "-58.50")!])
        #expect(listed.items.allSatisfy { $0.reason.contains("ended on 2026-06-10") })
        // Each recovers what June paid of its fall, its part of June's 5 % withholding (2.10 and 2.92) being cancelled:
        // June pays 351 - 17.55 - 95.40 = 238.05 net, what it pays when the death is recorded on the day (250.58 less 12.53 withheld).
        #expect(listed.items.map(\.amount) == [Money(text: "-39.82")!, Money(text: "-55.58")!])
        #expect(july.adjustments == Money(text: "-95.40")!)
        let cancelled = try world.scratch.store.read { (tx: any ProviderTransaction) in
            try tx.holds.decisions(institution: "I001", months: YearMonth("2026-06")!...YearMonth("2026-06")!)
        }
        #expect(cancelled.map(\.kept) == [Money(text: "2.10")!, Money(text: "2.92")!] && cancelled.allSatisfy { $0.cause == .correction })
        #expect(settled.fund - settled.withheld + july.adjustments == Money(text: "250.58")! - Money(text: "12.53")!)
    }

    /// June above I001's budget (April's 234.00 used it all): whenever the death is recorded, June ends paying 112.76 of its
    /// 250.58, withholding 12.53 (5 %) and holding 125.29 (the half above the budget not paid now). Recorded after June was
    /// settled on 351.00 (17.55 withheld, 175.50 held, 157.95 paid), the re-cap recovers only the 45.19 paid of its fall
    /// and cancels the rest: 5.02 withheld and 50.21 held.
    @Test("A death recorded after June was settled above the budget: the re-cap recovers what was paid and cancels the withheld and held parts, as if known")
    func deathRecordedAfterSettlementAboveBudget() throws {
        func world(recordedOn: String) throws -> (ProviderWorld, Statement) {
            let world = try ProviderWorld()
            try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 234), actor: admin, asOf: day("2026-01-20"))
            _ = try world.submit([world.line("A1", on: "2026-04-06"), world.line("A2", on: "2026-04-07"),
                                  world.line("A3", on: "2026-04-13"), world.line("A4", on: "2026-04-14")], asOf: "2026-04-16")
            _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
            if recordedOn == "2026-06-10" {
                _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day(recordedOn))
            }
            _ = try june(world, asOf: "2026-06-10")
            let settled = try #require(try world.settlement.settle(month: YearMonth("2026-06")!, actor: admin, asOf: day("2026-07-01")).statements.first)
            if recordedOn != "2026-06-10" {
                _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-06-10"), actor: admin, asOf: day(recordedOn))
            }
            _ = try world.settlement.settle(month: YearMonth("2026-07")!, actor: admin, asOf: day("2026-08-01"))
            return (world, settled)
        }
        let (onTheDay, known) = try world(recordedOn: "2026-06-10")
        #expect(known.fund == Money(text: "250.58")! && known.withheld == Money(text: "12.53")! && known.heldAboveBudget == Money(text: "125.29")!)
        #expect(known.payable == Money(text: "112.76")!)

        let (late, settled) = try world(recordedOn: "2026-07-05")
        #expect(settled.fund == Money(yuan: 351) && settled.withheld == Money(text: "17.55")! && settled.heldAboveBudget == Money(text: "175.50")!)
        let july = try late.settlement.adjustments(month: YearMonth("2026-07")!, institution: "I001", actor: admin, page: try PageRequest()).items
        #expect(july.map(\.logID) == ["J5", "J6"] && july.map(\.fundChange) == [Money(text: "-41.92")!, Money(text: "-58.50")!])
        #expect(july.map(\.amount) == [Money(text: "-18.86")!, Money(text: "-26.33")!])
        #expect(settled.payable + july.reduce(Money.zero) { $0 + $1.amount } == known.payable)
        // What June still owes, withheld and held, is what it owes when the death was known: 12.53 + 125.29.
        for world in [onTheDay, late] {
            #expect(try world.reports.report(month: YearMonth("2026-06")!, actor: admin).owed == Money(text: "137.82")!)
        }
    }

    @Test("A service dated after the end is rejected on intake (B03), the day of death itself is not")
    func rejectedOnIntake() throws {
        let world = try ProviderWorld()
        _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-04-07"), actor: admin, asOf: day("2026-04-08"))
        let report = try world.submit([world.line("L1", on: "2026-04-07"), world.line("L2", on: "2026-04-08")], asOf: "2026-04-09")
        #expect(report.accepted == 1)
        #expect(report.rejected.map(\.rule) == [.afterCaseEnded])
        #expect(report.rejected.first?.detail.contains("after the case ended on 2026-04-07 (death)") == true)
    }

    @Test("The end ends every grade, and no benefits are owed after it")
    func noBenefitsAfter() throws {
        let world = try ProviderWorld()
        let termination = try world.cases.terminate(caseID: world.caseID, reason: .left, on: day("2026-04-10"), actor: admin, asOf: day("2026-04-20"))
        let ended = termination.record
        #expect(termination.afterEnd == nil)
        #expect(ended.determination?.validUntil == day("2026-04-10"))
        #expect(ended.determination(on: day("2026-04-11")) == nil)
        let schemes = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.schemes.scheme(id: "hours-home-care-2026").map { [$0] } ?? [] }
        let statuses = try Entitlement.dayStatuses(case: ended, schemes: schemes, month: YearMonth("2026-04")!)
        #expect(statuses[9] == .paid(mode: "home-visit", grade: 3, scheme: "hours-home-care-2026"))
        #expect(statuses[10] == .ended(on: day("2026-04-10"), reason: "left"))
    }

    @Test("A case cannot end after the day its end is recorded, nor before it was opened; refused, nothing changes")
    func endDateBounds() throws {
        let world = try ProviderWorld()
        let later = #expect(throws: CaseError.self) {
            try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-04-11"), actor: admin, asOf: day("2026-04-10"))
        }
        #expect(later?.reason == .invalidInput && later?.message.contains("after the termination is recorded") == true)
        let earlier = #expect(throws: CaseError.self) {
            try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-03-01"), actor: admin, asOf: day("2026-04-10"))
        }
        #expect(earlier?.message.contains("before it was opened on 2026-03-02") == true)
        let record = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.cases.caseRecord(id: world.caseID) }
        #expect(record?.state == .effective && record?.endedOn == nil)
    }

    @Test("Terminating without a date ends the case on the day it is recorded, as before")
    func endsOnTheDayRecorded() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("L1", on: "2026-04-06")])
        let ended = try world.cases.terminate(caseID: world.caseID, reason: .recovery, actor: admin, asOf: day("2026-04-16"))
        #expect(ended.record.endedOn == day("2026-04-16") && ended.afterEnd == nil)
        #expect(try stored(world, "2026-04")["L1"]?.status == .accepted)
    }
}
