import LTCCases
import LTCCore
@testable import LTCProviders
import Testing

@Suite("Inspections by random draw (双随机一公开)")
struct InspectionDrawTests {
    /// I001 with an agreement (ProviderWorld), I002 and I003 with theirs, I004 registered without one; three staff.
    func world() throws -> ProviderWorld {
        let world = try ProviderWorld()
        for id in ["I002", "I003"] { try ProviderWorld.designate(id, modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements) }
        _ = try world.agreements.register(ProviderWorld.institution("I004"), actor: admin, asOf: day("2026-01-05"))
        for (id, role) in [("wang", StaffMember.Role.administrator), ("li", .auditor), ("zhao", .auditor)] {
            _ = try world.registry.addStaff(id: id, role: role, name: nil, actor: admin, asOf: day("2026-01-02"))
        }
        return world
    }

    @Test("The pools are the institutions with an agreement in force and the staff; the same seed draws the same")
    func replayable() throws {
        let world = try world()
        let draw = try world.supervision.drawInspections(count: 2, seed: 42, actor: admin, asOf: day("2026-04-20"))
        #expect(draw.institutionPool == ["I001", "I002", "I003"])
        #expect(draw.inspectorPool == ["li", "wang", "zhao"])
        #expect(draw.picks.count == 2 && draw.picks.allSatisfy { $0.inspectors.count == 2 && Set($0.inspectors).count == 2 })
        #expect(draw.picks == InspectionDraw.choose(institutions: draw.institutionPool, inspectors: draw.inspectorPool, seed: 42, count: 2))
        let stored = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.supervision.draw(id: draw.id) }
        #expect(stored == draw)
        let other = try world.supervision.drawInspections(count: 3, seed: nil, actor: admin, asOf: day("2026-04-20"))
        #expect(Set(other.picks.map(\.institution)) == ["I001", "I002", "I003"])
        #expect(throws: CaseError.self) { try world.supervision.drawInspections(count: 4, seed: 1, actor: admin, asOf: day("2026-04-20")) }
        #expect(throws: CaseError.self) { try world.supervision.drawInspections(count: 1, seed: 1, actor: try Actor("institution:I001"), asOf: day("2026-04-20")) }
    }

    @Test("Results are recorded against the draw, only for institutions it picked, and published to everyone")
    func published() throws {
        let world = try world()
        let draw = try world.supervision.drawInspections(count: 1, seed: 7, actor: admin, asOf: day("2026-04-20"))
        let picked = try #require(draw.picks.first?.institution)
        let other = ["I001", "I002", "I003"].first { $0 != picked }!
        _ = try world.supervision.record(.inspection, institution: picked, date: day("2026-04-22"), score: 88, person: nil, note: "records complete",
                                         draw: draw.id, actor: admin, asOf: day("2026-04-22"))
        #expect(throws: CaseError.self) {
            try world.supervision.record(.inspection, institution: other, date: day("2026-04-22"), score: 90, person: nil, note: "x",
                                         draw: draw.id, actor: admin, asOf: day("2026-04-22"))
        }
        let (_, results) = try world.supervision.inspectionResults(draw: draw.id, actor: try Actor("institution:\(other)"))
        #expect(results.map(\.institution) == [picked])
        #expect(results.first?.score == 88)
    }
}
