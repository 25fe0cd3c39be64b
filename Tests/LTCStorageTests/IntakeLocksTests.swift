import LTCCore
@testable import LTCProviders
@testable import LTCStorage
import LTCTestSupport
import Testing

/// The locks a PostgreSQL intake transaction takes before it reads
/// (``LedgerLock``), seen from a second connection: what they hold back
/// and what they let through.
@Suite("PostgreSQL intake locks what it reads", .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
struct IntakeLocksTests {
    /// Whether `other` could take the lock named `key` now, in the mode given (and gives it back at once).
    func free(_ key: String, shared: Bool, on other: PostgresConnection) throws -> Bool {
        try other.execute("BEGIN")
        defer { try? other.execute("ROLLBACK") }
        let function = shared ? "pg_try_advisory_xact_lock_shared" : "pg_try_advisory_xact_lock"
        return try other.query("SELECT \(function)(hashtextextended(?, 0))", [.text(key)]) { $0.text(0) == "t" }.first ?? false
    }

    @Test("a submission's locks hold back writers of its people, institution and a closing of its month, and no one else")
    func exactLocks() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: uri)
        let intake = try PostgresConnection(uri: uri), other = try PostgresConnection(uri: uri)
        let may = try #require(YearMonth("2026-05"))
        try intake.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        try SQLUsageLedger(database: intake).lock([.intake(exclusive: false), .institution("I001"), .month(may), .person(1)].sorted())

        // Another submission of person 1 or of I001 waits; one of person 2 and I002 goes ahead.
        #expect(try !free("person:1", shared: false, on: other))
        #expect(try !free("institution:I001", shared: false, on: other))
        #expect(try free("person:2", shared: false, on: other))
        #expect(try free("institution:I002", shared: false, on: other))
        // Other submissions share the intake lock and May; a bulk (intake exclusively) and May's settlement wait.
        #expect(try free("intake", shared: true, on: other))
        #expect(try free("month:2026-05", shared: true, on: other))
        #expect(try !free("intake", shared: false, on: other))
        #expect(try !free("month:2026-05", shared: false, on: other))
        #expect(try free("month:2026-06", shared: false, on: other))

        // The commit lets go of all of them.
        try intake.execute("COMMIT")
        #expect(try free("person:1", shared: false, on: other))
        #expect(try free("month:2026-05", shared: false, on: other))
    }

    @Test("a transaction past the bulk size takes the intake lock exclusively and then locks only its months")
    func bulkRunsAlone() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let store = try PostgresStore(uri: uri)
        let other = try PostgresConnection(uri: uri)
        let may = try #require(YearMonth("2026-05"))
        try store.writeIntake { tx in
            let locks = IntakeLocks()
            try locks.take(Set((1...IntakeLocks.bulkKeys + 1).map(LedgerLock.person)).union([.month(may)]), in: tx)
            #expect(locks.exclusive)
            #expect(try !free("intake", shared: true, on: other))
            #expect(try free("person:1", shared: false, on: other))
            #expect(try !free("month:2026-05", shared: false, on: other))
        }
        #expect(try free("intake", shared: false, on: other))
    }
}
