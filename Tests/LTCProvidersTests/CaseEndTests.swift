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
