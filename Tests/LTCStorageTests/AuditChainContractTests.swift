import Foundation
import LTCCases
import LTCCore
@testable import LTCStorage
import LTCTestSupport
import Testing

/// The audit trail as a hash chain on every engine (issue 30, finding 10:
/// `alter table events disable trigger all; delete from events` erased
/// events): each event chained after the one before, and a verify that
/// names the first event deleted, inserted or edited outside ltc.
@Suite("The audit trail is a hash chain that names the first event changed outside ltc")
struct AuditChainContractTests {
    let auditor = try! Actor("auditor:li")

    /// A store with five events recorded as ltc records them: three writes of one event, one of two.
    func world(_ engine: TestStore.Engine) throws -> ContractWorld {
        let world = try ContractWorld(engine)
        for subject in ["case:1", "case:2", "case:3"] {
            try world.write { tx in try tx.audit.append(Contract.event(subject: subject, action: "case.check")) }
        }
        try world.write { tx in
            try tx.audit.append(Contract.event(subject: "person:1", action: "person.add"))
            try tx.audit.append(Contract.event(subject: "person:1", action: "person.get", outcome: .refused))
        }
        return world
    }

    func verify(_ world: ContractWorld, head: ChainHead? = nil) throws -> AuditVerification {
        try AuditService(store: world.store, clock: SystemClock()).verify(actor: auditor, head: head, asOf: day("2026-12-07"))
    }

    /// What a holder of the database does first: the triggers that keep the trail append-only, off.
    func disableTriggers(_ world: ContractWorld) throws {
        switch world.scratch.engine {
        case .sqlite:
            try world.scratch.rawAsOwner("""
                DROP TRIGGER events_are_append_only_update; DROP TRIGGER events_are_append_only_delete;
                DROP TRIGGER event_chain_is_append_only_update; DROP TRIGGER event_chain_is_append_only_delete
                """)
        case .postgresql:
            try world.scratch.rawAsOwner("ALTER TABLE events DISABLE TRIGGER ALL; ALTER TABLE event_chain DISABLE TRIGGER ALL")
        }
    }

    @Test("every event recorded is chained once, in order, and the chain holds", arguments: TestStore.Engine.available)
    func chained(engine: TestStore.Engine) throws {
        let world = try world(engine)
        let found = try verify(world)
        #expect(found.intact && found.checked == 5 && found.pending == 0)
        let links = try world.read { tx in try tx.audit.chain(after: 0, limit: 100) }
        #expect(links.map(\.position) == [1, 2, 3, 4, 5])
        #expect(links.first?.previous == AuditChain.genesis)
        #expect(zip(links, links.dropFirst()).allSatisfy { $0.hash == $1.previous })
        #expect(found.head == ChainHead(position: 5, hash: links[4].hash))
        // Paged, the walk is the same.
        #expect(try world.read { tx in try tx.audit.chain(after: 2, limit: 2) }.map(\.position) == [3, 4])
        // The head stays in the chain as it grows.
        try world.write { tx in try tx.audit.append(Contract.event(subject: "case:4", action: "case.check")) }
        #expect(try verify(world, head: found.head).intact)
    }

    @Test("the triggers refuse to change or remove an event or a link, even to the schema's owner", arguments: TestStore.Engine.available)
    func appendOnly(engine: TestStore.Engine) throws {
        let world = try world(engine)
        for sql in ["UPDATE events SET reason = 'nothing happened' WHERE seq = 2", "DELETE FROM events WHERE seq = 2",
                    "UPDATE event_chain SET hash = previous WHERE position = 2", "DELETE FROM event_chain WHERE position = 5"] {
            #expect(throws: (any Error).self, "\(sql)") { try world.scratch.rawAsOwner(sql) }
        }
        #expect(try verify(world).intact)
    }

    @Test("an event edited with the triggers off is named, and nothing after it is trusted", arguments: TestStore.Engine.available)
    func edited(engine: TestStore.Engine) throws {
        let world = try world(engine)
        try disableTriggers(world)
        try world.scratch.rawAsOwner("UPDATE events SET actor = 'administrator:nobody' WHERE seq = 3")
        let found = try verify(world)
        #expect(found.problem?.kind == .edited && found.problem?.sequence == 3 && found.problem?.position == 3)
        #expect(found.checked == 2 && found.head?.position == 2)
    }

    @Test("an event deleted with the triggers off is named, its link or not", arguments: TestStore.Engine.available)
    func deleted(engine: TestStore.Engine) throws {
        let world = try world(engine)
        try disableTriggers(world)
        try world.scratch.rawAsOwner("DELETE FROM events WHERE seq = 2")
        let found = try verify(world)
        #expect(found.problem?.kind == .deleted && found.problem?.sequence == 2)
        #expect(found.problem?.message == "event 2 (position 2) was deleted: its link remains")

        try world.scratch.rawAsOwner("DELETE FROM event_chain WHERE seq = 2")
        let gone = try verify(world)
        #expect(gone.problem?.kind == .deleted && gone.problem?.position == 2 && gone.problem?.sequence == 3)
        #expect(gone.problem?.message == "position 2 of the chain is gone after event 1: the events chained there were deleted with their links; the next is event 3")
    }

    @Test("an event inserted outside ltc is named: with no link, or slipped into the chain with one", arguments: TestStore.Engine.available)
    func inserted(engine: TestStore.Engine) throws {
        let world = try world(engine)
        // Any role that may add events (the runtime role may) can add one that ltc did not record.
        try world.scratch.raw("""
            INSERT INTO events (recorded_at, as_of, actor, subject, action, outcome) VALUES ('2026-03-02T09:00:00Z', '2026-03-02', 'administrator:wang', 'case:9', 'case.check', 'done')
            """)
        let unlinked = try verify(world)
        #expect(unlinked.problem?.kind == .inserted && unlinked.problem?.sequence == 6 && unlinked.checked == 5)

        // A forger who links it between events 2 and 3 must move every link after it, and event 3's still names event 2.
        let forged = try world.read { tx in try tx.audit.chain(after: 0, limit: 100) }
        let record = AuditRecord(sequence: 6, recordedAt: "2026-03-02T09:00:00Z", asOf: "2026-03-02", actor: "administrator:wang", subject: "case:9",
                                 action: "case.check", outcome: "done", reason: nil, before: nil, after: nil, credential: nil)
        try disableTriggers(world)
        try world.scratch.rawAsOwner("UPDATE event_chain SET position = position + 100 WHERE position >= 3")
        try world.scratch.rawAsOwner("UPDATE event_chain SET position = position - 99 WHERE position >= 100")
        try world.scratch.rawAsOwner("INSERT INTO event_chain (position, seq, previous, hash) VALUES (3, 6, '\(forged[1].hash)', '\(AuditChain.hash(of: record, previous: forged[1].hash))')")
        let slipped = try verify(world)
        #expect(slipped.problem?.kind == .inserted && slipped.problem?.sequence == 6 && slipped.problem?.position == 3)
    }

    @Test("events removed from the end, or a chain rewritten, show against a head kept from before", arguments: TestStore.Engine.available)
    func head(engine: TestStore.Engine) throws {
        let world = try world(engine)
        let kept = try #require(try verify(world).head)
        try disableTriggers(world)
        try world.scratch.rawAsOwner("DELETE FROM event_chain WHERE position = 5; DELETE FROM events WHERE seq = 5")
        // The chain that is left holds together: only the head tells.
        #expect(try verify(world).intact)
        let truncated = try verify(world, head: kept)
        #expect(truncated.problem?.kind == .headMissing && truncated.problem?.position == 5)

        // Another event chained in its place: a whole chain again, but not the one the head was taken from.
        try world.write { tx in try tx.audit.append(Contract.event(subject: "case:5", action: "case.check")) }
        #expect(try verify(world).intact)
        let rewritten = try verify(world, head: kept)
        #expect(rewritten.problem?.kind == .headMissing && rewritten.problem?.sequence == 6)
    }
}
