import LTCCases
import LTCCore
@testable import LTCProviders
import Testing

@Suite("A provider's exit: notice, coded grounds, the published list, and clients moved without a gap")
struct ExitTests {
    @Test("A provider's own termination needs three months' notice; the agency's on a ground of the rules does not")
    func notice() throws {
        let world = try ProviderWorld()
        let early = #expect(throws: CaseError.self) {
            try world.agreements.terminate(agreement: "AG-I001-1", on: day("2026-07-31"), reason: "closing the branch", ground: .voluntary,
                                           actor: admin, asOf: day("2026-05-04"))
        }
        #expect(early?.message.contains("needs 3 months' notice: from 2026-08-04 at the earliest") == true)
        let ended = try world.agreements.terminate(agreement: "AG-I001-1", on: day("2026-08-03"), reason: "closing the branch", ground: .voluntary,
                                                   actor: admin, asOf: day("2026-05-04"))
        #expect(ended.exitGround == .voluntary && ended.terminatedOn == day("2026-08-03"))
        let other = try ProviderWorld()
        #expect(try other.agreements.terminate(agreement: "AG-I001-1", on: day("2026-05-04"), reason: "settled for I999", ground: .lendingQualification,
                                               actor: admin, asOf: day("2026-05-04")).status == .terminated)
        #expect(throws: CaseError.self) {
            try other.agreements.suspend(agreement: "AG-I001-1", from: day("2026-05-10"), reason: "x", ground: .voluntary, actor: admin, asOf: day("2026-05-04"))
        }
    }

    @Test("Suspended and terminated providers are published; active ones are not")
    func published() throws {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements)
        _ = try world.agreements.suspend(agreement: "AG-I002-1", from: day("2026-05-04"), reason: "records missing", ground: .other,
                                         actor: admin, asOf: day("2026-05-04"))
        let exits = try world.agreements.exits(page: try PageRequest())
        #expect(exits.items.map(\.id) == ["AG-I002-1"])
        #expect(exits.items.first?.exitGround == .other)
    }

    @Test("Clients move to another institution from the day, in the same mode, and care continues without a gap")
    func transfer() throws {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements)
        _ = try world.agreements.register(Caregiver(id: "D1", name: "护理员D1", institution: "I002", qualifications: ["caregiver"],
                                                    employment: [DatePeriod(from: day("2026-01-01"), to: nil)]), actor: admin, asOf: day("2026-01-15"))
        let moved = try world.agreements.transferClients(from: "I001", to: "I002", on: day("2026-05-01"), actor: admin, asOf: day("2026-04-20"))
        #expect(moved.map(\.caseID) == [world.caseID] && moved.first?.period.from == day("2026-05-01") && moved.first?.mode == "home-visit")
        // 30 April with I001, 1 May with I002: both accepted; I001 on 1 May is not.
        let report = try world.submit([world.line("T1", "C1", on: "2026-04-30"),
                                       world.line("T2", "D1", on: "2026-05-01", institution: "I002"),
                                       world.line("T3", "C1", on: "2026-05-02")], asOf: "2026-05-03")
        #expect(report.accepted == 2, "\(report.rejected.map(\.detail))")
        #expect(report.rejected.map(\.logID) == ["T3"])
        #expect(throws: CaseError.self) {
            try world.agreements.transferClients(from: "I002", to: "I003", on: day("2026-06-01"), actor: admin, asOf: day("2026-05-20"))
        }
    }
}
