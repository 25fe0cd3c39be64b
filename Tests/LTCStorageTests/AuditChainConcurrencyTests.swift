import LTCCases
import LTCCore
@testable import LTCStorage
import LTCTestSupport
import Testing

/// Chaining the audit trail under concurrent writers on PostgreSQL. A
/// SERIALIZABLE write sees the chain as of its start: had it linked its
/// event after the last link it saw, two writers would link after the same
/// event (a fork), or, with the server's conflict detection, every two
/// writers would conflict and one would run again. So a write only records
/// and queues its event, and once it commits, a short READ COMMITTED
/// transaction holding the chain's advisory lock links what is queued after
/// the chain's real end.
@Suite("PostgreSQL chains the audit trail one writer at a time, without making writers conflict",
       .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
struct AuditChainConcurrencyTests {
    let auditor = try! Actor("auditor:li")

    func verify(_ store: any CaseStore) throws -> AuditVerification {
        try AuditService(store: store, clock: SystemClock()).verify(actor: auditor, head: nil, asOf: CalendarDate("2026-12-07")!)
    }

    @Test("a writer that started first and commits last is chained after the one that committed first, and neither runs again")
    func interleaved() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let first = try PostgresStore(uri: uri), second = try PostgresStore(uri: uri)
        try first.write { (tx: any CaseTransaction) in
            try tx.audit.append(Contract.event(subject: "case:1", action: "case.check"))
            // The second writer records, commits and chains its event while the first is still open.
            try second.write { (other: any CaseTransaction) in try other.audit.append(Contract.event(subject: "case:2", action: "case.check")) }
        }
        #expect(first.retries == 0 && second.retries == 0)
        let links = try first.read { (tx: any CaseTransaction) in try tx.audit.chain(after: 0, limit: 10) }
        // Chained in the order they committed: event 2, then event 1 after it.
        #expect(links.map(\.sequence) == [2, 1])
        #expect(links[1].previous == links[0].hash)
        let found = try verify(first)
        #expect(found.intact && found.checked == 2 && found.pending == 0)
    }

    @Test("writers at once: every event chained once, in one unbroken chain, and no write refused for a conflict")
    func manyWriters() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: uri)
        let (lanes, writes) = (4, 25)
        let outcomes = Threads.parallel(lanes: lanes) { lane -> Result<Int, StorageError> in
            do {
                let store = try PostgresStore(uri: uri)
                for write in 0..<writes {
                    try store.write { (tx: any CaseTransaction) in
                        try tx.audit.append(Contract.event(subject: "case:\(lane * 100 + write)", action: "case.check"))
                    }
                }
                return .success(store.retries)
            } catch {
                return .failure(error as? StorageError ?? StorageError(.other, message: "\(error)"))
            }
        }
        #expect(try outcomes.map { try $0.get() } == Array(repeating: 0, count: lanes))
        let store = try PostgresStore(uri: uri)
        let found = try verify(store)
        #expect(found.intact && found.checked == lanes * writes && found.pending == 0)
        let counts = try PostgresConnection(uri: uri).query("SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(DISTINCT seq) FROM event_chain), (SELECT COUNT(*) FROM event_queue)") {
            [$0.integer(0), $0.integer(1), $0.integer(2)]
        }
        #expect(counts == [[lanes * writes, lanes * writes, 0]])
    }

    @Test("an event whose chaining did not happen (the process died after its commit) is pending, and the next write chains it")
    func pendingUntilNextWrite() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let store = try PostgresStore(uri: uri)
        // Recorded and queued as a write does, committed, never chained.
        let connection = try PostgresConnection(uri: uri)
        try connection.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        try SQLAuditTrail(database: connection).append(Contract.event(subject: "case:1", action: "case.check"))
        try connection.execute("COMMIT")
        let waiting = try verify(store)
        #expect(waiting.intact && waiting.checked == 0 && waiting.pending == 1)
        try store.write { (tx: any CaseTransaction) in try tx.audit.append(Contract.event(subject: "case:2", action: "case.check")) }
        let chained = try verify(store)
        #expect(chained.intact && chained.checked == 2 && chained.pending == 0)
    }
}
