import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's transactions must do: a write is all or nothing and
/// durable when it returns; a read sees what was committed.
@Suite("Transactions keep their contract")
struct TransactionContractTests {
    struct Refusal: Error {}

    @Test("an error thrown inside a write leaves nothing of it behind", arguments: TestStore.Engine.available)
    func rollback(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        #expect(throws: Refusal.self) {
            try world.write { tx throws in
                _ = try tx.people.insert(try Contract.person(7, name: "半途"))
                try tx.institutions.insert(Contract.institution("I-C"))
                try tx.usage.add(Contract.usage(person: world.people[0], institution: "I-A", month: month("2026-04")))
                try tx.audit.append(Contract.event(subject: "person:7", action: "register"))
                throw Refusal()
            }
        }
        try world.read { tx throws in
            #expect(try tx.people.person(nationalID: try nationalID(7)) == nil)
            #expect(try tx.institutions.institution(id: "I-C") == nil)
            #expect(try tx.usage.allowed(people: [world.people[0]], month: month("2026-04")).isEmpty)
            #expect(try tx.audit.events(subject: "person:7").isEmpty)
        }
    }

    @Test("a store's failure inside a write undoes the write's earlier changes", arguments: TestStore.Engine.available)
    func failureRollsBack(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        #expect(throws: (any Error).self) {
            try world.write { tx throws in
                try tx.institutions.insert(Contract.institution("I-C"))
                try tx.institutions.insert(Contract.institution("I-A"))
            }
        }
        #expect(try world.read { tx throws in try tx.institutions.institution(id: "I-C") } == nil)
    }

    @Test("what a write committed is there for the next connection", arguments: TestStore.Engine.available)
    func durable(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            try tx.usage.add(Contract.usage(person: world.people[0], institution: "I-A", month: month("2026-04")))
            try tx.audit.append(Contract.event(subject: "case:1", action: "open"))
        }
        let again = try world.scratch.reopened()
        try (again as any ProviderStore).read { tx throws in
            #expect(try tx.people.list(scope: .all, page: try page(limit: 10)).items.map(\.id) == world.people)
            #expect(try tx.usage.allowed(people: [world.people[0]], month: month("2026-04")) == [world.people[0]: Money(yuan: 60)])
            #expect(try tx.audit.events(subject: "case:1").map(\.action) == ["open"])
        }
    }

    @Test("a write's value is returned and a read sees its own queries agree", arguments: TestStore.Engine.available)
    func values(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let id = try world.write { tx throws in try tx.people.insert(try Contract.person(8)) }
        let (byID, byNumber) = try world.read { tx throws in (try tx.people.person(id: id), try tx.people.person(nationalID: try nationalID(8))) }
        #expect(byID != nil && byID == byNumber)
    }
}
