import LTCCases
import LTCCore
import LTCTestSupport
import Testing

/// What every engine's deactivations must do.
@Suite("The deactivation repository keeps its contract")
struct DeactivationRepositoryContractTests {
    static let wang = try! Actor("administrator:wang")

    static func deactivation(_ actor: String, from: String = "2026-07-01") throws -> Deactivation {
        Deactivation(actor: try Actor(actor), from: day(from), reason: "left", by: wang, on: day("2026-06-20"))
    }

    @Test("a deactivation is found by its actor, alone or in a set, one per actor, and kept as recorded", arguments: TestStore.Engine.available)
    func deactivations(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            try tx.deactivations.insert(try Self.deactivation("assessor:A2"))
            try tx.deactivations.insert(try Self.deactivation("institution:I-B", from: "2026-08-01"))
        }
        try world.read { tx throws in
            #expect(try tx.deactivations.deactivation(of: try Actor("assessor:A2")) == (try Self.deactivation("assessor:A2")))
            #expect(try tx.deactivations.deactivation(of: try Actor("assessor:A1")) == nil)
            // The actor is its role and id: institution:A2 is another.
            #expect(try tx.deactivations.deactivation(of: try Actor("institution:A2")) == nil)
            let found = try tx.deactivations.deactivations(of: [try Actor("assessor:A2"), try Actor("institution:I-B"), try Actor("institution:I-A")])
            #expect(found.mapValues(\.from) == [try Actor("assessor:A2"): day("2026-07-01"), try Actor("institution:I-B"): day("2026-08-01")])
            #expect(try tx.deactivations.deactivations(of: []).isEmpty)
        }
        #expect(throws: (any Error).self) { try world.write { tx throws in try tx.deactivations.insert(try Self.deactivation("assessor:A2", from: "2026-09-01")) } }
        #expect(throws: (any Error).self) { try world.raw("UPDATE deactivations SET from_date = '2030-01-01'") }
        #expect(throws: (any Error).self) { try world.raw("DELETE FROM deactivations") }
        #expect(try world.read { tx throws in try tx.deactivations.deactivation(of: try Actor("assessor:A2"))?.from } == day("2026-07-01"))
    }

    @Test("another administrator is one registered with no deactivation at all", arguments: TestStore.Engine.available)
    func administrators(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            try tx.staff.insert(StaffMember(id: "wang", role: .administrator, name: nil, addedOn: day("2026-01-01")))
            try tx.staff.insert(StaffMember(id: "zhao", role: .auditor, name: nil, addedOn: day("2026-01-01")))
        }
        #expect(try world.read { tx throws in try tx.deactivations.hasAdministrator(besides: "wang") } == false)
        try world.write { tx throws in try tx.staff.insert(StaffMember(id: "li", role: .administrator, name: nil, addedOn: day("2026-01-01"))) }
        try world.read { tx throws in
            #expect(try tx.deactivations.hasAdministrator(besides: "wang"))
            #expect(try tx.deactivations.hasAdministrator(besides: "li"))
        }
        // Deactivated even from a day to come, li no longer counts.
        try world.write { tx throws in try tx.deactivations.insert(try Self.deactivation("administrator:li", from: "2099-01-01")) }
        #expect(try world.read { tx throws in try tx.deactivations.hasAdministrator(besides: "wang") } == false)
    }
}
