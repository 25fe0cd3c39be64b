import LTCCases
import LTCCore
@testable import LTCStorage
import LTCTestSupport
import Testing

/// The role ltc runs as on PostgreSQL (issue 30, finding 10: whoever held
/// the URI could do anything): it owns nothing, so the schema, the triggers
/// and the grants are the owner's; on the audit trail it may only read and
/// add. Runs as the role `LTC_TEST_POSTGRES_RUNTIME` names (`.ci/run`
/// creates one), granted by ``PostgresRuntimeRole`` on a schema the owner made.
@Suite("The runtime role owns nothing, and only adds to the audit trail",
       .enabled(if: TestStore.Engine.postgresURI != nil && TestStore.Engine.runtimeURI != nil,
                "no runtime role for tests: set LTC_TEST_POSTGRES_RUNTIME=postgresql://ROLE@HOST:PORT/DBNAME (a login role that owns nothing; bash .ci/run makes one)"))
struct RuntimeRoleTests {
    /// A schema migrated by its owner, and the runtime role's URI into it.
    func schema() throws -> (owner: String, runtime: String, schema: String) {
        let (owner, schema) = try TestStore.freshSchema()
        return (owner, try TestStore.runtime(owner, schema: schema), schema)
    }

    func refusal(_ sql: String, on uri: String) -> String? {
        do {
            try PostgresAdmin.run(on: uri, sql)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("ltc runs as it: it opens the store, records staff, chains the audit trail and verifies it")
    func ltcRuns() throws {
        let (_, runtime, schema) = try schema()
        defer { TestStore.drop(schema: schema) }
        let store = try PostgresStore(uri: runtime)
        let registry = RegistryService(store: store, clock: SystemClock(), ties: nil)
        _ = try registry.addStaff(id: "wang", role: .administrator, name: nil, actor: try Actor("administrator:wang"), asOf: nil)
        let found = try AuditService(store: store, clock: SystemClock()).verify(actor: try Actor("administrator:wang"), head: nil, asOf: CalendarDate("2026-12-07")!)
        #expect(found.intact && found.checked == 1 && found.pending == 0)
    }

    @Test("it may not change or remove an event or a link, empty the trail, disable a trigger, or change the schema or the grants",
          arguments: [
              "UPDATE events SET reason = 'nothing happened'", "DELETE FROM events", "TRUNCATE events",
              "ALTER TABLE events DISABLE TRIGGER ALL", "ALTER TABLE events DISABLE TRIGGER events_are_append_only",
              "UPDATE event_chain SET hash = previous", "DELETE FROM event_chain", "TRUNCATE event_chain",
              "DELETE FROM settlements", "UPDATE submissions SET summary = '{}'", "DELETE FROM deactivations", "DELETE FROM credentials",
              "INSERT INTO schema_migrations (name) VALUES ('0099-mine')", "DELETE FROM schema_migrations",
              "CREATE TABLE mine (id INTEGER)", "DROP TABLE staff", "ALTER TABLE staff ADD COLUMN mine INTEGER",
              "CREATE TRIGGER mine BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION ltc_refuse('x')",
              "GRANT DELETE ON events TO PUBLIC; DELETE FROM events", "TRUNCATE institution_months",
          ])
    func refused(sql: String) throws {
        let (_, runtime, schema) = try schema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: runtime).write { (tx: any CaseTransaction) in
            try tx.audit.append(AuditEvent(sequence: 0, recordedAt: "2026-12-07T08:00:00Z", asOf: CalendarDate("2026-12-07")!,
                                           actor: "administrator:wang", subject: "case:1", action: "case.check", outcome: .done,
                                           reason: nil, before: nil, after: nil))
        }
        let refused = try #require(refusal(sql, on: runtime), "\(sql) was allowed")
        #expect(refused.contains("permission denied") || refused.contains("must be owner"), "\(refused)")
    }

    @Test("what it may do outside ltc, it may: add staff or change the ledger; the audit trail and settlement's check are the walls there")
    func allowed() throws {
        let (_, runtime, schema) = try schema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: runtime)
        #expect(refusal("INSERT INTO staff (id, role, name, added_on) VALUES ('mallory', 'administrator', NULL, '2026-12-07')", on: runtime) == nil)
        #expect(refusal("INSERT INTO institution_months (month, institution, received, rejected, logs, billed, allowed, fund) VALUES ('2026-04', 'I001', 1, 0, 1, 6500, 6500, 5850000)", on: runtime) == nil)
    }

    @Test("it writes a bulk ledger (500 rows and more) with or without the database's TEMPORARY privilege, which REVOKE ALL ON DATABASE … FROM PUBLIC (docs/security.md) takes away")
    func bulkLedgerWithoutTemporary() throws {
        let (_, runtime, schema) = try schema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: runtime)
        let database = try PostgresConnection(uri: runtime)
        let count = PostgresConnection.copyThreshold + 100
        try database.execute("BEGIN")
        try database.upsertRows(into: "institution_months", columns: ["month", "institution", "received", "rejected", "logs", "billed", "allowed", "fund"],
                                conflict: "(month, institution) DO UPDATE SET received = institution_months.received + excluded.received", count: count) { index, row in
            row.bind(1, "2026-04"); row.bind(2, "I\(index)"); row.bind(3, 1); row.bind(4, 0)
            row.bind(5, 1); row.bind(6, 6500); row.bind(7, 6500); row.bind(8, 5850)
        }
        try database.execute("COMMIT")
        let written = try database.query("SELECT COUNT(*) FROM institution_months") { $0.integer(0) }
        #expect(written == [count])
    }

    @Test("the grants are refused to a role that owns the schema, or to a superuser")
    func ownersAreNotRuntimeRoles() throws {
        let (owner, _, schema) = try schema()
        defer { TestStore.drop(schema: schema) }
        let role = try #require(try PostgresAdmin.values(on: owner, "SELECT current_user").first ?? nil)
        let refused = #expect(throws: InputError.self) { try PostgresRuntimeRole.grant(role, on: owner) }
        #expect(refused?.message.contains("a runtime role must own nothing") == true)
        let superuser = try PostgresAdmin.values(on: owner, "SELECT rolname FROM pg_roles WHERE rolsuper ORDER BY rolname LIMIT 1").first ?? nil
        if let superuser {
            let error = #expect(throws: InputError.self) { try PostgresRuntimeRole.grant(superuser, on: owner) }
            #expect(error?.message.contains("is a superuser") == true)
        }
        #expect(throws: InputError.self) { try PostgresRuntimeRole.grant("no_such_role_\(schema)", on: owner) }
    }

    @Test("it opens a database whose coming months have no partition yet: those months go to the default partition until the owner opens it")
    func partitionsAreTheOwners() throws {
        let (_, runtime, schema) = try schema()
        defer { TestStore.drop(schema: schema) }
        // Two years on, none of the months around "today" has a partition, and the runtime role may not make one.
        let store = try PostgresStore(uri: runtime, today: CalendarDate("2028-12-07")!)
        #expect(try PostgresAdmin.values(on: runtime, "SELECT to_regclass('service_logs_2028_12') IS NULL") == ["t"])
        _ = try store.read { (tx: any CaseTransaction) in try tx.staff.member(id: "wang") }
    }
}
