import LTCStorage
import LTCTestSupport
import Testing

/// Says, where everyone reads it, whether the PostgreSQL suites ran: without
/// a server they are skipped with this reason, never silently.
@Suite("PostgreSQL is tested when a server is given")
struct PostgresAvailabilityTests {
    @Test("the PostgreSQL store opens on the test server", .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
    func opens() throws {
        let scratch = try TestStore(.postgresql)
        #expect(scratch.store is PostgresStore)
    }

    @Test("a PostgreSQL location is told from an SQLite path by its scheme")
    func locations() {
        #expect(PostgresStore.names("postgresql://ltc@localhost:5432/ltc"))
        #expect(PostgresStore.names("postgres://ltc@db/ltc"))
        #expect(!PostgresStore.names("ltc.sqlite"))
        #expect(!PostgresStore.names("postgresql.sqlite"))
    }
}
