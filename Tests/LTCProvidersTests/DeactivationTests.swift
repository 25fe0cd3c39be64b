import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// A clock at `instant` (UTC): 01:00Z is 09:00 in Shanghai, the scheme's zone.
func clock(_ instant: String) -> FixedClock { FixedClock(instant: instant)! }

@Suite("Staff, assessors and institutions deactivated from a day: refused from it, audited, final, and never the last administrator")
struct DeactivationTests {
    /// The provider world with administrators wang and li, and auditor zhao.
    static func world() throws -> ProviderWorld {
        let world = try ProviderWorld()
        _ = try world.registry.addStaff(id: "wang", role: .administrator, name: nil, actor: admin, asOf: day("2026-01-01"))
        _ = try world.registry.addStaff(id: "li", role: .administrator, name: nil, actor: admin, asOf: day("2026-01-01"))
        _ = try world.registry.addStaff(id: "zhao", role: .auditor, name: nil, actor: admin, asOf: day("2026-01-01"))
        return world
    }

    @Test("An actor deactivated from a day acts until the day before and is refused from it, whatever date its request names")
    func fromTheDay() throws {
        let world = try Self.world()
        let registration = ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
        for (register, id) in [(ActorRegistration.Register.staff, "zhao"), (.assessor, "A2"), (.institution, "I001")] {
            let deactivation = try registration.deactivate(register, id: id, from: day("2026-12-08"), reason: "left", actor: admin, asOf: nil)
            #expect(deactivation.on == day("2026-12-07") && deactivation.by == admin)
            try registration.require(deactivation.actor)
            let tomorrow = ActorRegistration(store: world.scratch.store, clock: clock("2026-12-08T01:00:00Z"))
            let refused = #expect(throws: CaseError.self) { try tomorrow.require(deactivation.actor) }
            #expect(refused?.reason == .forbidden && refused?.message == "\(deactivation.actor) was deactivated from 2026-12-08 and may no longer act")
        }
        // Just before midnight in Shanghai it is still the 7th.
        try ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T15:59:59Z")).require(try Actor("assessor:A2"))
    }

    @Test("A deactivation is in the audit trail with its reason; it is final, and needs a reason and someone to deactivate")
    func auditedAndFinal() throws {
        let world = try Self.world()
        let registration = ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
        _ = try registration.deactivate(.assessor, id: "A2", from: day("2026-12-07"), reason: "left the agency", actor: admin, asOf: nil)
        let event = try world.scratch.store.read { try $0.audit.events(subject: "assessor:A2") }.last
        #expect(event?.action == "assessor.deactivate" && event?.outcome == .done && event?.reason == "left the agency")
        #expect(event?.after?["from"] == "2026-12-07" && event?.actor == "administrator:wang")
        let again = #expect(throws: CaseError.self) {
            try registration.deactivate(.assessor, id: "A2", from: day("2026-12-01"), reason: "earlier", actor: admin, asOf: nil)
        }
        #expect(again?.reason == .duplicate && again?.message == "assessor:A2 is already deactivated from 2026-12-07; a deactivation is final")
        let nobody = #expect(throws: CaseError.self) {
            try registration.deactivate(.institution, id: "I404", from: day("2026-12-07"), reason: "closed", actor: admin, asOf: nil)
        }
        #expect(nobody?.reason == .notFound)
        let blank = #expect(throws: CaseError.self) {
            try registration.deactivate(.assessor, id: "A1", from: day("2026-12-07"), reason: " ", actor: admin, asOf: nil)
        }
        #expect(blank?.reason == .invalidInput)
    }

    @Test("Only an administrator deactivates, and a refusal is audited")
    func administratorsOnly() throws {
        let world = try Self.world()
        let registration = ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
        for actor in ["auditor:zhao", "assessor:A1", "institution:I001"] {
            let refused = #expect(throws: CaseError.self, "\(actor)") {
                try registration.deactivate(.assessor, id: "A2", from: day("2026-12-07"), reason: "left", actor: try Actor(actor), asOf: nil)
            }
            #expect(refused?.reason == .forbidden)
        }
        let events = try world.scratch.store.read { try $0.audit.events(subject: "assessor:A2") }.filter { $0.action == "assessor.deactivate" }
        #expect(events.map(\.outcome) == [.refused, .refused, .refused])
        try registration.require(try Actor("assessor:A2"))
    }

    @Test("The last administrator who may act is never deactivated; another may be while one remains")
    func lastAdministrator() throws {
        let world = try Self.world()
        let registration = ActorRegistration(store: world.scratch.store, clock: clock("2026-12-07T01:00:00Z"))
        _ = try registration.deactivate(.staff, id: "li", from: day("2027-01-01"), reason: "retires", actor: admin, asOf: nil)
        let last = #expect(throws: CaseError.self) {
            try registration.deactivate(.staff, id: "wang", from: day("2027-06-01"), reason: "leaves", actor: admin, asOf: nil)
        }
        #expect(last?.reason == .invalidInput && last?.message.hasPrefix("administrator:wang is the last administrator who may act") == true)
        _ = try world.registry.addStaff(id: "sun", role: .administrator, name: nil, actor: admin, asOf: nil)
        let wang = try registration.deactivate(.staff, id: "wang", from: day("2027-06-01"), reason: "leaves", actor: admin, asOf: nil)
        #expect(wang.actor == admin)
        // An auditor is never the last administrator.
        _ = try registration.deactivate(.staff, id: "zhao", from: day("2026-12-07"), reason: "leaves", actor: try Actor("administrator:sun"), asOf: nil)
    }

    @Test("A deactivated administrator may not register staff either, the one operation open to the unregistered")
    func noStaffFromTheDeactivated() throws {
        let world = try Self.world()
        _ = try ActorRegistration(store: world.scratch.store, clock: SystemClock())
            .deactivate(.staff, id: "li", from: day("2026-01-01"), reason: "left", actor: admin, asOf: nil)
        let refused = #expect(throws: CaseError.self) {
            try world.registry.addStaff(id: "qian", role: .administrator, name: nil, actor: try Actor("administrator:li"), asOf: nil)
        }
        #expect(refused?.reason == .forbidden && refused?.message.contains("was deactivated from 2026-01-01") == true)
    }

    @Test("A staff member deactivated on the day of an inspection draw is not drawn as an inspector")
    func inspectors() throws {
        let world = try Self.world()
        _ = try world.registry.addStaff(id: "sun", role: .auditor, name: nil, actor: admin, asOf: nil)
        _ = try ActorRegistration(store: world.scratch.store, clock: SystemClock())
            .deactivate(.staff, id: "zhao", from: day("2026-04-01"), reason: "left", actor: admin, asOf: day("2026-03-20"))
        let draw = try world.supervision.drawInspections(count: 1, seed: 1, actor: admin, asOf: day("2026-04-01"))
        #expect(draw.inspectorPool == ["li", "sun", "wang"])
    }
}
