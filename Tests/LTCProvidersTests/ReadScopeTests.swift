import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("Reads are scoped by role: an institution sees its own, an auditor everything, lists filtered, not refused")
struct ReadScopeTests {
    let own = try! Actor("institution:I001")
    let other = try! Actor("institution:I002")
    let auditor = try! Actor("auditor:fund")
    let assessor = try! Actor("assessor:A1")

    /// The provider world with a second institution, I002, under agreement, found in violation once; April settled.
    func world() throws -> ProviderWorld {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], with: world.agreements)
        _ = try world.supervision.recordViolation(institution: "I002", caregiver: nil, person: world.person, type: "V02", foundOn: day("2026-04-10"),
                                                  evidence: "visit logged while the client was away", amount: .zero, penalty: "warning",
                                                  actor: admin, asOf: day("2026-04-10"))
        _ = try world.submit([world.line("L1")])
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        return world
    }

    @Test("An institution lists its own agreements and violations; asking for another's lists nothing")
    func listsFiltered() throws {
        let world = try world()
        #expect(try world.agreements.agreements(actor: own, page: try PageRequest()).items.map(\.institution) == ["I001"])
        #expect(try world.agreements.agreements(institution: "I002", actor: own, page: try PageRequest()).items.isEmpty)
        #expect(try world.supervision.violations(actor: own, page: try PageRequest()).items.isEmpty)
        #expect(try world.supervision.violations(actor: other, page: try PageRequest()).items.count == 1)
        #expect(try world.agreements.caregivers(institution: "I001", actor: other, page: try PageRequest()).items.isEmpty)
        #expect(try world.agreements.enrolments(actor: assessor, page: try PageRequest()).items.isEmpty)
        #expect(try world.agreements.agreements(actor: auditor, page: try PageRequest()).items.count == 2)
    }

    @Test("A direct read of another's record says 'not found or not yours', the same words as for no record at all")
    func directReads() throws {
        let world = try world()
        let theirs = try #require(try world.agreements.agreements(institution: "I002", actor: admin, page: try PageRequest()).items.first)
        let refused = #expect(throws: CaseError.self) { try world.agreements.agreement(id: theirs.id, actor: own) }
        let missing = #expect(throws: CaseError.self) { try world.agreements.agreement(id: "AG-NONE-1", actor: own) }
        #expect(refused?.message == "agreement \(theirs.id): not found or not yours")
        #expect(missing?.message == "agreement AG-NONE-1: not found or not yours")
        #expect(throws: CaseError.self) { try world.supervision.credit(of: "institution:I002", actor: own, asOf: day("2026-04-20")) }
        #expect(throws: CaseError.self) { try world.supervision.credit(of: "person:\(world.person)", actor: own, asOf: day("2026-04-20")) }
        #expect(try world.supervision.credit(of: "institution:I001", actor: own, asOf: day("2026-04-20")).score == 100)
    }

    @Test("A settled month: an institution reads its own statement only; the fund report is for administrators and auditors")
    func statementsAndReport() throws {
        let world = try world()
        let mine = try #require(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: own))
        #expect(mine.statements.map(\.institution) == ["I001"])
        #expect(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: other)?.statements.isEmpty == true)
        #expect(try world.settlement.settlement(month: YearMonth("2026-04")!, actor: assessor) == nil)
        let report = #expect(throws: CaseError.self) { try world.reports.report(month: YearMonth("2026-04")!, actor: own) }
        #expect(report?.reason == .forbidden)
        #expect(try world.reports.report(month: YearMonth("2026-04")!, actor: auditor).settlement.statements.count == 1)
        // Settling is an administrator's: asked by anyone else, even for a settled month, it is refused.
        #expect(throws: CaseError.self) { try world.settlement.settle(month: YearMonth("2026-04")!, actor: own, asOf: day("2026-05-02")) }
        #expect(throws: CaseError.self) { try world.settlement.settle(month: YearMonth("2026-04")!, actor: auditor, asOf: day("2026-05-02")) }
    }
}
