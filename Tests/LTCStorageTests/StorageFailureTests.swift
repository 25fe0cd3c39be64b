import Foundation
import LTCCore
import LTCProviders
@testable import LTCStorage
import LTCTestSupport
import Testing

/// Every storage failure says what it is in one engine-neutral kind, set by
/// the connection that had it; nothing else reads SQLite's result codes or
/// PostgreSQL's SQLSTATEs. Each failure is made happen for real, without
/// waiting on a clock: a busy database is one whose lock another connection
/// holds, tried with no busy timeout.
@Suite("Storage failures are told by kind, whichever the engine")
struct StorageFailureTests {
    /// The SQLite files of one test, removed when it ends (Swift Testing makes a suite instance per test).
    final class Files {
        private(set) var paths: [String] = []

        func path(_ name: String) -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-failure-\(name)-\(UUID().uuidString).sqlite").path
            paths.append(path)
            return path
        }

        deinit {
            for path in paths {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
    }

    let files = Files()

    @Test("the details name the kind and whether to try again, with the message on one line; never an engine's code")
    func details() {
        let error = StorageError(.unavailable, engineCode: "SQLSTATE 57P01", message: "terminating connection\n\tIs the server running?\n",
                                 sql: "SELECT 1\n  FROM people", arguments: ["7"])
        #expect(error.details == ["storage": "unavailable", "retryable": true, "message": "terminating connection Is the server running?",
                                  "sql": "SELECT 1\n  FROM people", "arguments": ["7"]])
        #expect(error.description == "database error (unavailable, SQLSTATE 57P01): terminating connection Is the server running? (in: SELECT 1 FROM people)")
        #expect(StorageError(.constraint, message: "UNIQUE constraint failed").details == ["storage": "constraint", "retryable": false,
                                                                                         "message": "UNIQUE constraint failed"])
    }

    // MARK: SQLite

    @Test("a write on SQLite to a database opened read-only is readOnly, not worth trying again")
    func readOnly() throws {
        let path = files.path("read-only")
        _ = try SQLiteStore(path: path)
        let reader = try SQLiteStore(path: path, readOnly: true)
        let error = #expect(throws: StorageError.self) {
            try (reader as any ProviderStore).write { tx in try tx.institutions.insert(Contract.institution("I-R")) }
        }
        #expect(error?.storage == .readOnly)
        #expect(error?.details["retryable"] == .bool(false))
    }

    @Test("an SQLite writer that finds another holding the database is busy")
    func busy() throws {
        let path = files.path("busy")
        let holder = try SQLiteDatabase(path: path), other = try SQLiteDatabase(path: path)
        // No waiting for the lock: refused at once, whatever the machine's speed.
        try other.execute("PRAGMA busy_timeout = 0")
        try holder.execute("BEGIN IMMEDIATE")
        let error = #expect(throws: StorageError.self) { try other.execute("BEGIN IMMEDIATE") }
        #expect(error?.storage == .busy)
        #expect(error?.details["retryable"] == .bool(true))
        try holder.execute("COMMIT")
        try other.execute("BEGIN IMMEDIATE; COMMIT")
    }

    @Test("a file that is not an SQLite database is damaged")
    func damaged() throws {
        let path = files.path("damaged")
        try Data(String(repeating: "not a database, only words. ", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StorageError.self) { _ = try SQLiteStore(path: path) }
        #expect(error?.storage == .damaged, "\(String(describing: error))")
    }

    @Test("a stored row that does not read back is damaged")
    func damagedRow() {
        #expect(StorageError.damaged("person 7", column: "national_id", value: "x").storage == .damaged)
    }

    @Test("SQLite's result codes, extended ones too, are of their kind", arguments: [
        (Int32(5), StorageFailureKind.busy), (517, .busy), (6, .busy), (262, .busy), (15, .busy), (13, .diskFull), (8, .readOnly), (1032, .readOnly),
        (11, .damaged), (26, .damaged), (19, .constraint), (2067, .constraint), (787, .constraint), (1, .other), (10, .other), (14, .other),
    ])
    func sqliteCodes(code: Int32, kind: StorageFailureKind) {
        #expect(SQLiteDatabase.kind(of: code) == kind)
    }

    // MARK: Both engines

    @Test("a key stored twice is a constraint", arguments: TestStore.Engine.available)
    func constraint(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let error = #expect(throws: StorageError.self) {
            try world.write { tx in try tx.institutions.insert(Contract.institution("I-A")) }
        }
        #expect(error?.storage == .constraint, "\(String(describing: error))")
        #expect(error?.details["retryable"] == .bool(false))
    }

    // MARK: PostgreSQL

    @Test("a PostgreSQL server that cannot be reached is unavailable, said on one line")
    func unreachable() throws {
        // A socket folder that does not exist: refused at once, no server or network needed.
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-no-server-\(UUID().uuidString)").path
        let error = #expect(throws: StorageError.self) { _ = try StoreLocation("postgresql://ltc@/ltc?host=\(nowhere)").open() }
        #expect(error?.storage == .unavailable)
        #expect(error?.details["retryable"] == .bool(true))
        #expect(error.map { !$0.message.contains(where: \.isNewline) && !$0.description.contains(where: \.isNewline) } == true,
                "\(String(describing: error?.message))")
        #expect(error?.message.contains("Is the server running") == true, "\(String(describing: error?.message))")
    }

    @Test("PostgreSQL's SQLSTATEs are of their kind", arguments: [
        ("40001", StorageFailureKind.conflict), ("40P01", .conflict), ("08001", .unavailable), ("08006", .unavailable), ("08P01", .unavailable),
        ("57P01", .unavailable), ("57P02", .unavailable), ("57P03", .unavailable), ("53100", .diskFull), ("53200", .busy), ("53300", .busy),
        ("55P03", .busy), ("25006", .readOnly), ("23505", .constraint), ("23503", .constraint), ("23514", .constraint), ("XX001", .damaged),
        ("XX002", .damaged), ("42P01", .other), ("22P02", .other), ("XX000", .other),
    ])
    func sqlStates(state: String, kind: StorageFailureKind) {
        #expect(PostgresConnection.kind(of: state) == kind)
    }

    @Test("PostgreSQL writers refused for a conflict are told a conflict",
          .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
    func conflict() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        _ = try PostgresStore(uri: uri)
        let first = try PostgresConnection(uri: uri), second = try PostgresConnection(uri: uri)
        // Each reads the other's row (none) and writes its own: one of the two orders must be refused.
        for connection in [first, second] {
            try connection.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
            _ = try connection.query("SELECT COUNT(*) FROM institutions") { $0.integer(0) }
        }
        try first.run("INSERT INTO institutions (id, document) VALUES ('I-1', '{}')")
        try first.execute("COMMIT")
        let error = #expect(throws: StorageError.self) {
            try second.run("INSERT INTO institutions (id, document) VALUES ('I-2', '{}')")
            try second.execute("COMMIT")
        }
        try? second.execute("ROLLBACK")
        #expect(error?.storage == .conflict, "\(String(describing: error))")
        #expect(error?.details["retryable"] == .bool(true))
    }

    @Test("a PostgreSQL connection lost inside a write is unavailable, and the store connects again for the next",
          .enabled(if: TestStore.Engine.postgresURI != nil, Comment(rawValue: TestStore.Engine.postgresSkipReason)))
    func lostConnection() throws {
        let scratch = try TestStore(.postgresql)
        let store = try #require(scratch.store as? PostgresStore)
        let error = #expect(throws: StorageError.self) {
            try store.write { (tx: any ProviderTransaction) in
                let database = try #require((tx as? SQLTransaction<PostgresConnection>)?.database)
                // The server ends this session, as an administrator or a restart would.
                _ = try database.query("SELECT pg_terminate_backend(pg_backend_pid())") { $0.text(0) }
                _ = try database.query("SELECT 1") { $0.integer(0) }
            }
        }
        #expect(error?.storage == .unavailable, "\(String(describing: error))")
        #expect(error.map { !$0.description.contains(where: \.isNewline) } == true)
        #expect(try (store as any ProviderStore).read { tx in try tx.institutions.institution(id: "I-A") } == nil)
    }
}
