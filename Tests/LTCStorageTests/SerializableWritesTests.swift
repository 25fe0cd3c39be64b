import LTCCore
import LTCProviders
@testable import LTCStorage
import LTCTestSupport
import Testing

/// What PostgreSQL's SERIALIZABLE writes guarantee ltc, step by step on two
/// connections: the interleavings that would pay wrongly are refused, and
/// the store runs the refused transaction again.
@Suite("PostgreSQL writes are serializable", .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
struct SerializableWritesTests {
    /// Two connections on a fresh, migrated schema.
    func connections() throws -> (PostgresConnection, PostgresConnection, String) {
        let (uri, schema) = try TestStore.freshSchema()
        _ = try PostgresStore(uri: uri)
        return (try PostgresConnection(uri: uri), try PostgresConnection(uri: uri), schema)
    }

    @Test("settling a month while a submission adds to it: the month is closed first, and the submission is refused")
    func settlementClosesTheMonthFirst() throws {
        let (intake, settlement, schema) = try connections()
        defer { TestStore.drop(schema: schema) }
        try intake.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        // The submission sees April open …
        #expect(try intake.query("SELECT month FROM settlements WHERE month = '2026-04'") { $0.text(0) }.isEmpty)
        try intake.run("INSERT INTO usage_months (person, month, grade, mode, logs, billed, allowed, fund) VALUES (1, '2026-04', 3, 'home-visit', 1, 6500, 6500, 5850)")
        // … while the settlement reads April's totals and closes it, and commits first.
        try settlement.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        _ = try settlement.query("SELECT COALESCE(SUM(fund), 0) FROM usage_months WHERE month = '2026-04'") { $0.integer(0) }
        try settlement.run("INSERT INTO settlements (month, settled_on, document) VALUES ('2026-04', '2026-05-04', '{}')")
        try settlement.execute("COMMIT")
        // The submission may not commit money into a month settled without it.
        let refused = #expect(throws: StorageError.self) {
            try intake.run("INSERT INTO usage_months (person, month, grade, mode, logs, billed, allowed, fund) VALUES (2, '2026-04', 3, 'home-visit', 1, 6500, 6500, 5850)")
            try intake.execute("COMMIT")
        }
        #expect(refused?.storage == .conflict, "\(String(describing: refused))")
        try? intake.execute("ROLLBACK")
        #expect(try settlement.query("SELECT COUNT(*) FROM usage_months") { $0.integer(0) } == [0])
    }

    @Test("two submissions for one person's week: the second to commit is refused, not both counted")
    func oneWeekTwoWriters() throws {
        let (first, second, schema) = try connections()
        defer { TestStore.drop(schema: schema) }
        for connection in [first, second] {
            try connection.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
            // Each reads the week (empty) and writes it whole with its own visit.
            #expect(try connection.query("SELECT minutes FROM person_weeks WHERE person = 1 AND week = 2930") { $0.integer(0) }.isEmpty)
        }
        try first.run("INSERT INTO person_weeks (person, week, minutes, visits, busy) VALUES (1, 2930, 60, 1, '\\x00')")
        try first.execute("COMMIT")
        // The second writes the week it read empty: 60 minutes, where the sequential result is 120.
        let refused = #expect(throws: StorageError.self) {
            try second.run("INSERT INTO person_weeks (person, week, minutes, visits, busy) VALUES (1, 2930, 60, 1, '\\x00') ON CONFLICT (person, week) DO UPDATE SET minutes = excluded.minutes")
            try second.execute("COMMIT")
        }
        #expect(refused?.storage == .conflict, "\(String(describing: refused))")
        try? second.execute("ROLLBACK")
    }

    @Test("a write the server refuses for a conflict is run again, and the retry is counted")
    func storeRetries() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let store = try PostgresStore(uri: uri), other = try PostgresConnection(uri: uri)
        var attempts = 0
        try store.write { (tx: any ProviderTransaction) in
            attempts += 1
            let months = try tx.settlements.settled([YearMonth("2026-04")!])
            if attempts == 1 {
                // Another process closes April between this transaction's read and its write.
                try other.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                _ = try other.query("SELECT COUNT(*) FROM usage_months WHERE month = '2026-04'") { $0.integer(0) }
                try other.run("INSERT INTO settlements (month, settled_on, document) VALUES ('2026-04', '2026-05-04', '{}')")
                try other.execute("COMMIT")
            }
            if months.isEmpty {
                // Money into April, as a submission's chunk would add it, unaware April was closed.
                try (tx as? SQLTransaction<PostgresConnection>)?.database.run(
                    "INSERT INTO usage_months (person, month, grade, mode, logs, billed, allowed, fund) VALUES (1, '2026-04', 3, 'home-visit', 1, 1, 1, 1)")
            }
        }
        #expect(attempts == 2)
        #expect(store.retries == 1)
        #expect(try other.query("SELECT COUNT(*) FROM usage_months") { $0.integer(0) } == [0])
    }
}
