import LTCCore
@testable import LTCStorage
import LTCTestSupport
import Testing

/// PostgreSQL plans each statement once per connection (a generic plan,
/// `plan_cache_mode = force_generic_plan`), on the statistics of that
/// moment: intake's reads by people must reach their rows by the key
/// whatever the plan was made on, never by reading a whole month.
@Suite("PostgreSQL intake reads a month's use by person", .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
struct IntakeReadPlansTests {
    @Test("use, allowed and fund by people never scan usage_months_by_month, even planned on an empty, analyzed table (a city's first bulk)")
    func byKey() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: uri)
        let database = try PostgresConnection(uri: uri)
        // Statistics of an empty table: the plan that read the whole month through the month's index was made on these.
        try database.execute("ANALYZE usage_months")
        let may = try #require(YearMonth("2026-05"))
        try database.execute("BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL enable_seqscan = off")
        defer { try? database.execute("ROLLBACK") }
        let ledger = SQLUsageLedger(database: database)
        #expect(try ledger.use(people: [1, 2, 3], month: may).isEmpty)
        #expect(try ledger.allowed(people: [1, 2, 3], month: may).isEmpty)
        #expect(try ledger.fund(people: [1, 2, 3], month: may).isEmpty)
        func scans(_ index: String) throws -> Int {
            try database.query("SELECT pg_stat_get_xact_numscans(CAST(? AS regclass))", [.text(index)]) { Int($0.text(0) ?? "") ?? -1 }.first ?? -1
        }
        #expect(try scans("usage_months_by_month") == 0)
        #expect(try scans("usage_months_pkey") > 0)
    }
}
