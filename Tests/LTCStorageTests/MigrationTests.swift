import Foundation
import LTCCases
import LTCCore
import LTCProviders
@testable import LTCStorage
import LTCTestSupport
import Testing

/// A new SQLite file in the temporary folder with the released migrations
/// numbered before `version` applied: a database as an earlier release left
/// it. The test removes it with ``removeDatabase(_:)``.
func earlierDatabase(before version: String) throws -> (path: String, database: SQLiteDatabase) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-migration-\(UUID().uuidString).sqlite").path
    let database = try SQLiteDatabase(path: path)
    try database.migrate(SQLiteSchema.migrations.filter { $0.name < version })
    return (path, database)
}

/// Removes an SQLite file and its `-wal` and `-shm`.
func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

@Suite("Migrations carry stored data forward")
struct MigrationTests {
    @Test("0006 fills each day's allowed amount of the weeks already kept, from the accepted logs")
    func dayUsageBackfill() throws {
        let (path, database) = try earlierDatabase(before: "0006")
        defer { removeDatabase(path) }
        // Monday 2026-04-06 is day 20549; two services that day, one on Wednesday, one rejected.
        let monday = 20_549 * 1440
        try database.execute("INSERT INTO submissions (id, actor, as_of, summary) VALUES (1, 'administrator:wang', '2026-04-16', '{}')")
        for (id, start, status, allowed) in [("L1", monday + 540, "accepted", 6500), ("L2", monday + 600, "accepted", 3000),
                                             ("L3", monday + 2 * 1440 + 540, "accepted", 4500), ("L4", monday + 700, "rejected", 0)] {
            _ = try database.run("""
                INSERT INTO service_logs (institution, log_id, version, person, caregiver, item, mode, start, "end", status, billed, allowed, fund, grade, submission)
                VALUES ('I001', ?, 1, 7, 'C1', 'S01', 'home-visit', ?, ?, ?, ?, ?, ?, 3, 1)
                """, [.text(id), .integer(start), .integer(start + 60), .text(status), status == "accepted" ? .integer(allowed) : .null,
                      status == "accepted" ? .integer(allowed) : .null, status == "accepted" ? .integer(allowed) : .null])
        }
        try database.execute("INSERT INTO person_weeks (person, week, minutes, visits, busy) VALUES (7, \((20_549 + 3) / 7), 180, 0, x'0100')")

        try database.migrate(SQLiteSchema.migrations)

        let days = try database.query("SELECT allowed_1, allowed_2, allowed_3, allowed_4, allowed_5, allowed_6, allowed_7 FROM person_weeks WHERE person = 7") { row in
            (0..<7).map { row.integer(Int32($0)) ?? -1 }
        }
        #expect(days == [[9500, 0, 4500, 0, 0, 0, 0]])
    }
}

@Suite("Migration 0017 records what earlier releases decided")
struct HoldMigrationTests {
    @Test("Each statement's withholding is decided once, by the first stored assessment covering its month; earlier corrections changed the fund share by their amount")
    func backfill() throws {
        let (path, database) = try earlierDatabase(before: "0017")
        defer { removeDatabase(path) }
        try database.execute("""
            INSERT INTO institutions (id, document) VALUES ('I001', '{}'), ('I002', '{}');
            INSERT INTO settlements (month, settled_on, document) VALUES ('2026-04', '2026-05-04',
                '{"month":"2026-04","settledOn":"2026-05-04","statements":[{"institution":"I001","withheld":105.3},{"institution":"I002","withheld":117},{"institution":"I003","withheld":0}]}');
            INSERT INTO performance_assessments (institution, period_from, period_to, document) VALUES
                ('I001', '2026-04-01', '2026-04-30', '{"released":true}'), ('I001', '2026-04-01', '2026-04-29', '{"released":true}'),
                ('I001', '2026-05-01', '2026-05-31', '{"released":true}'), ('I002', '2026-04-02', '2026-04-30', '{"released":false}');
            INSERT INTO settlement_adjustments (institution, log_id, service_month, amount, reason, settled_month) VALUES
                ('I001', 'L1', '2026-04', -2925, 'correction', '2026-05'), ('I001', 'violation 1', '2026-05', -30000, 'refusal', NULL),
                ('I001', 'assessment 2026-04-01–2026-04-30', '2026-04', 10530, 'released', NULL);
            """)

        try database.migrate(SQLiteSchema.migrations)

        let decisions = try database.query("SELECT institution, month, kind, cause, decided_by, released, kept, closing FROM hold_decisions ORDER BY id") { row in
            (0..<8).map { row.text(Int32($0)) ?? "-" }.joined(separator: " ")
        }
        #expect(decisions == ["I001 2026-04 withheld assessment assessment 2026-04-01–2026-04-29 10530 0 1",
                              "I002 2026-04 withheld assessment assessment 2026-04-02–2026-04-30 0 11700 1"])
        let changes = try database.query("SELECT log_id, fund_change FROM settlement_adjustments ORDER BY id") { "\($0.text(0) ?? "") \($0.text(1) ?? "null")" }
        #expect(changes == ["L1 -2925", "violation 1 null", "assessment 2026-04-01–2026-04-30 null"])
        // A second closing decision on April's withholding at I001 is refused, as is changing one.
        #expect(throws: (any Error).self) {
            try database.execute("INSERT INTO hold_decisions (institution, month, kind, cause, decided_by, decided_on, released, kept, closing) VALUES ('I001', '2026-04', 'withheld', 'assessment', 'again', '2026-06-01', 10530, 0, 1)")
        }
        #expect(throws: (any Error).self) { try database.execute("UPDATE hold_decisions SET released = 0") }
    }
}

@Suite("Database guard rails")
struct GuardRailTests {
    @Test("An empty path or an in-memory database is no place to keep data", arguments: ["", "  ", ":memory:", "file::memory:?cache=shared"])
    func nowhere(path: String) {
        let error = #expect(throws: InputError.self) { _ = try StoreLocation(path).open() }
        #expect(error?.message.contains("is no place to keep data") == true)
    }

    @Test("A database a newer ltc has migrated is refused, naming both versions")
    func newerDatabase() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-newer-\(UUID().uuidString).sqlite").path
        defer { removeDatabase(path) }
        _ = try SQLiteStore(path: path)
        let database = try SQLiteDatabase(path: path)
        try database.execute("INSERT INTO schema_migrations (name) VALUES ('0099-from-the-future')")
        let error = #expect(throws: StorageError.self) { _ = try SQLiteStore(path: path) }
        #expect(error?.message.contains("it has migration 0099-from-the-future, and this ltc knows only up to \(SQLiteSchema.migrations.last!.name)") == true)
    }

    @Test("A store opened read-only reads what is stored, refuses changes, and must be fully migrated")
    func readOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-read-only-\(UUID().uuidString).sqlite").path
        defer { removeDatabase(path) }
        do {
            let store = try SQLiteStore(path: path)
            try store.write { (tx: any CaseTransaction) in try tx.staff.insert(StaffMember(id: "wang", role: .administrator, name: nil, addedOn: CalendarDate("2026-01-01")!)) }
        }
        let reader = try SQLiteStore(path: path, readOnly: true)
        #expect(try reader.read { (tx: any CaseTransaction) in try tx.staff.member(id: "wang")?.role } == .administrator)
        let refused = #expect(throws: StorageError.self) {
            try reader.write { (tx: any CaseTransaction) in try tx.staff.insert(StaffMember(id: "li", role: .auditor, name: nil, addedOn: CalendarDate("2026-01-01")!)) }
        }
        #expect(refused?.storage == .readOnly)

        let older = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-read-only-older-\(UUID().uuidString).sqlite").path
        defer { removeDatabase(older) }
        try SQLiteDatabase(path: older).migrate(SQLiteSchema.migrations.dropLast())
        let error = #expect(throws: StorageError.self) { _ = try SQLiteStore(path: older, readOnly: true) }
        #expect(error?.message.contains("is read-only and was made by an older ltc: it lacks migration \(SQLiteSchema.migrations.last!.name)") == true)
        #expect(error?.storage == .readOnly)
    }
}

@Suite("The audit chain's migration chains the events already stored")
struct AuditChainMigrationTests {
    static let events = [
        "('2026-03-02T08:00:00Z', '2026-03-02', 'administrator:wang', 'person:1', 'person.add', 'done', NULL, NULL, '{\"id\":1}')",
        "('2026-03-02T08:01:00Z', '2026-03-02', 'assessor:A1', 'case:1', 'case.check', 'refused', 'not allowed', NULL, NULL)",
        "('2026-03-03T08:00:00Z', '2026-03-03', 'administrator:wang', 'case:1', 'case.check', 'done', NULL, '{\"state\":\"applied\"}', '{\"state\":\"eligible\"}')",
    ]
    static let insert = "INSERT INTO events (recorded_at, as_of, actor, subject, action, outcome, reason, before, after) VALUES " + events.joined(separator: ", ")

    func verify(_ store: any CaseStore) throws -> AuditVerification {
        try AuditService(store: store, clock: SystemClock()).verify(actor: try Actor("auditor:li"), head: nil, asOf: CalendarDate("2026-12-07")!)
    }

    @Test("on SQLite: the events of an older database are chained, oldest first, and the chain holds")
    func sqlite() throws {
        let (path, database) = try earlierDatabase(before: "0019")
        defer { removeDatabase(path) }
        try database.execute(Self.insert)
        let store = try SQLiteStore(path: path)
        let found = try verify(store)
        #expect(found.intact && found.checked == 3 && found.pending == 0)
        #expect(try store.read { (tx: any CaseTransaction) in try tx.audit.chain(after: 0, limit: 10) }.map(\.sequence) == [1, 2, 3])
    }

    @Test("on PostgreSQL: the events of an older database are chained, oldest first, and the chain holds",
          .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
    func postgresql() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let database = try PostgresConnection(uri: uri)
        try PostgresStore.migrate(database, PostgresSchema.migrations.filter { $0.name < "0015" })
        try database.execute(Self.insert)
        let store = try PostgresStore(uri: uri)
        let found = try verify(store)
        #expect(found.intact && found.checked == 3 && found.pending == 0)
        #expect(try store.read { (tx: any CaseTransaction) in try tx.audit.chain(after: 0, limit: 10) }.map(\.sequence) == [1, 2, 3])
    }
}

@Suite("An SQLite database ltc creates is its owner's alone")
struct DatabaseFileModeTests {
    func mode(_ path: String) -> mode_t? {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o777 : nil
    }

    @Test("a new file and its -wal and -shm are rw------- under the usual umask 022; a file that exists keeps its mode")
    func ownerOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-mode-\(UUID().uuidString).sqlite").path
        defer { removeDatabase(path) }
        // The umask most systems give (022), which would leave a file every user may read: set here, so the test does not depend on the shell's.
        let before = umask(0o022)
        defer { umask(before) }
        let store = try SQLiteStore(path: path)
        try store.write { (tx: any CaseTransaction) in try tx.staff.insert(StaffMember(id: "wang", role: .administrator, name: nil, addedOn: CalendarDate("2026-01-01")!)) }
        #expect(mode(path) == 0o600)
        #expect(mode(path + "-wal") == 0o600 && mode(path + "-shm") == 0o600)

        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-mode-shared-\(UUID().uuidString).sqlite").path
        defer { removeDatabase(shared) }
        #expect(FileManager.default.createFile(atPath: shared, contents: nil, attributes: [.posixPermissions: 0o640]))
        _ = try SQLiteStore(path: shared)
        #expect(mode(shared) == 0o640)
    }
}

@Suite("Migration 0027 keys accepted logs' money by month")
struct AcceptedMoneyByMonthMigrationTests {
    @Test("A month's totals are its accepted logs' alone, the same before and after, for logs stored before it and after; they are read from the index by month")
    func sameTotals() throws {
        let (path, database) = try earlierDatabase(before: "0027")
        defer { removeDatabase(path) }
        try database.execute("""
            INSERT INTO institutions (id, document) VALUES ('I001', '{}'), ('I002', '{}');
            INSERT INTO submissions (id, actor, as_of, summary) VALUES (1, 'administrator:wang', '2026-05-16', '{}');
            """)
        let april = CalendarDate("2026-04-01")!.dayNumber * 1440, may = CalendarDate("2026-05-01")!.dayNumber * 1440
        var next = 0
        func log(_ institution: String, _ start: Int, _ status: String, _ billed: Int) throws {
            next += 1
            let money: [SQLValue] = status == "accepted" ? [.integer(billed), .integer(billed - 100), .integer(billed - 1000)] : [.null, .null, .null]
            try database.run("""
                INSERT INTO service_logs (institution, log_id, version, person, caregiver, item, mode, start, "end", status, billed, allowed, fund, grade, submission)
                VALUES (?, ?, 1, 7, 'C1', 'S01', 'home-visit', ?, ?, ?, ?, ?, ?, 3, 1)
                """, [.text(institution), .text("L\(next)"), .integer(start), .integer(start + 1), .text(status)] + money)
        }
        // March's last minute, April's first and last, May's first; another institution; a rejected log.
        for (institution, start, status, billed) in [("I001", april - 1, "accepted", 5000), ("I001", april, "accepted", 6000),
                                                     ("I001", may - 1, "accepted", 7000), ("I001", may, "accepted", 8000),
                                                     ("I002", april + 600, "accepted", 9000), ("I002", april + 700, "rejected", 0)] {
            try log(institution, start, status, billed)
        }
        let logs = SQLServiceLogs(database: database)
        let months = ["2026-03", "2026-04", "2026-05"].map { YearMonth($0)! }
        // Settlement's query before 0027, by institution and a range of start.
        let before = try months.map { month in
            try database.query("""
                SELECT i.id, COUNT(*), SUM(l.billed), SUM(l.allowed), SUM(l.fund) FROM institutions i CROSS JOIN service_logs l
                WHERE l.institution = i.id AND l.start >= ? AND l.start < ? AND l.status = 'accepted' GROUP BY i.id ORDER BY i.id
                """, [.integer(month.firstDay.dayNumber * 1440), .integer((month.lastDay.dayNumber + 1) * 1440)]) { row in
                LedgerTotals(institution: row.text(0) ?? "", logs: row.integer(1) ?? 0, billed: Money(fen: row.integer(2) ?? 0),
                             allowed: Money(fen: row.integer(3) ?? 0), fund: Money(fen: row.integer(4) ?? 0))
            }
        }

        try database.migrate(SQLiteSchema.migrations)

        #expect(try months.map { try logs.acceptedTotals(month: $0) } == before)
        #expect(before[1] == [LedgerTotals(institution: "I001", logs: 2, billed: Money(fen: 13000), allowed: Money(fen: 12800), fund: Money(fen: 11000)),
                              LedgerTotals(institution: "I002", logs: 1, billed: Money(fen: 9000), allowed: Money(fen: 8900), fund: Money(fen: 8000))])
        // Logs stored after the migration join their month.
        try log("I002", may - 1, "accepted", 10000)
        try log("I002", may, "accepted", 11000)
        #expect(try logs.acceptedTotals(month: months[1]).last == LedgerTotals(institution: "I002", logs: 2, billed: Money(fen: 19000),
                                                                               allowed: Money(fen: 18800), fund: Money(fen: 17000)))
        #expect(try logs.acceptedTotals(month: months[2]).map(\.logs) == [1, 1])
        let plan = try database.query("""
            EXPLAIN QUERY PLAN SELECT i.id, COUNT(*), SUM(l.billed), SUM(l.allowed), SUM(l.fund) FROM institutions i CROSS JOIN service_logs l
            WHERE l.institution = i.id AND l.start_month = 202604 AND l.status = 'accepted' GROUP BY i.id ORDER BY i.id
            """) { $0.text(3) ?? "" }
        #expect(plan.contains { $0.contains("USING INDEX service_logs_accepted_money_by_month (institution=? AND start_month=?)") })
    }
}
