import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

@Suite("Actors are registered: staff, assessors and institutions must exist to act")
struct ActorRegistrationTests {
    @Test("On an empty staff registry the first administrator registers themselves, and nobody else may be first")
    func firstAdministrator() throws {
        let store = try TestStore()
        let registry = RegistryService(store: store.store, clock: SystemClock())
        let wang = try Actor("administrator:wang")
        let auditorFirst = #expect(throws: CaseError.self) {
            try registry.addStaff(id: "zhao", role: .auditor, name: nil, actor: wang, asOf: day("2026-01-02"))
        }
        #expect(auditorFirst?.reason == .forbidden)
        let someoneElse = #expect(throws: CaseError.self) {
            try registry.addStaff(id: "li", role: .administrator, name: nil, actor: wang, asOf: day("2026-01-02"))
        }
        #expect(someoneElse?.message.contains("the first member is an administrator registering themselves") == true)
        let first = try registry.addStaff(id: "wang", role: .administrator, name: "王科长", actor: wang, asOf: day("2026-01-02"))
        #expect(first.actor == wang && first.addedOn == day("2026-01-02"))
        // From then on only a registered administrator adds staff.
        let impostor = #expect(throws: CaseError.self) {
            try registry.addStaff(id: "li", role: .administrator, name: nil, actor: try Actor("administrator:li"), asOf: nil)
        }
        #expect(impostor?.message == "administrator:li is not registered staff; an administrator registers staff with `ltc staff add li --role administrator`")
        _ = try registry.addStaff(id: "zhao", role: .auditor, name: "赵审计", actor: wang, asOf: nil)
        #expect(throws: CaseError.self) { try registry.addStaff(id: "sun", role: .auditor, name: nil, actor: try Actor("auditor:zhao"), asOf: nil) }
        let twice = #expect(throws: CaseError.self) { try registry.addStaff(id: "zhao", role: .administrator, name: nil, actor: wang, asOf: nil) }
        #expect(twice?.reason == .duplicate)
        #expect(throws: CaseError.self) { try registry.addStaff(id: "a b", role: .auditor, name: nil, actor: wang, asOf: nil) }
        #expect(try registry.staff(actor: try Actor("auditor:zhao"), page: try PageRequest()).items.map(\.id) == ["wang", "zhao"])
        #expect(throws: CaseError.self) { try registry.staff(actor: try Actor("institution:I001"), page: try PageRequest()) }
    }

    @Test("An actor acts only when registered: staff with that role, an assessor, an institution")
    func registered() throws {
        let world = try ProviderWorld()
        _ = try world.registry.addStaff(id: "wang", role: .administrator, name: nil, actor: admin, asOf: nil)
        _ = try world.registry.addStaff(id: "zhao", role: .auditor, name: nil, actor: admin, asOf: nil)
        let registration = ActorRegistration(store: world.scratch.store, clock: SystemClock())
        for text in ["administrator:wang", "auditor:zhao", "institution:I001", "assessor:A1"] {
            #expect(throws: Never.self, "\(text)") { try registration.require(try Actor(text)) }
        }
        for (text, message) in [
            ("administrator:zhao", "zhao is registered as auditor, not administrator"),
            ("auditor:li", "auditor:li is not registered staff"),
            ("institution:I404", "institution:I404 is not a registered institution"),
            ("assessor:A404", "assessor:A404 is not in the assessor registry"),
        ] {
            let refused = #expect(throws: CaseError.self, "\(text)") { try registration.require(try Actor(text)) }
            #expect(refused?.reason == .forbidden && refused?.message.hasPrefix(message) == true, "\(refused?.message ?? "")")
        }
    }
}
