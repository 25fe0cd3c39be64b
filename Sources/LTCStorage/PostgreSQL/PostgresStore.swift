import Foundation
import LTCCases
import LTCCore
import LTCProviders
import Synchronization

/// The scheme's store on a PostgreSQL server: the same repositories as
/// ``SQLiteStore``, for schemes whose users outgrow one machine.
///
/// ```swift
/// let store = try PostgresStore(uri: "postgresql://ltc@db.example:5432/ltc")   // migrated on first use
/// let intake = IntakeService(store: store, clock: SystemClock())
/// ```
///
/// Many processes may work on one database at once. Every write
/// transaction is SERIALIZABLE: the server lets it commit only if the
/// outcome is one that the transactions run one after another could have
/// had, so usage totals, weekly plans, monthly ceilings, submission numbers
/// and a settlement closing its month stay right whatever arrives at the
/// same time. A transaction the server refuses for a conflict (a
/// ``StorageError`` of kind `conflict`: a serialization failure or a
/// deadlock) is run again from the start, up to ``maximumAttempts`` times,
/// after a short random pause that grows with each attempt; ``retries``
/// counts them. Intake runs READ COMMITTED instead, locking what it reads
/// (``writeIntake(_:)``): many submissions at once under SERIALIZABLE
/// refused one another for sharing pages of the ledger's indexes, often
/// enough that batches gave up; a settlement takes its month's lock
/// before it begins (``writeClosing(months:_:)``). Reads run
/// REPEATABLE READ and READ ONLY: one snapshot per read, never waiting for
/// writers.
///
/// One store holds one connection and runs its transactions one at a time
/// (a lock serialises them); give busy threads a store each.
public final class PostgresStore: DatabaseStore {
    private let connection: Serialized<PostgresConnection>
    let schemeCache = SchemeCache()
    private let retryCount = Mutex(0)
    /// The connection URI, its password hidden.
    public let uri: String

    /// How many times a write refused for a conflict is tried in all.
    public static let maximumAttempts = 12

    /// Connects, applies the migrations the database lacks, and makes sure
    /// the months around today have partitions for their service logs.
    ///
    /// - Parameter migrate: `false` for a role that may not change the schema
    ///   (the server's): the schema must be current (``SchemaBehind``), and
    ///   partitions are left to `ltc migrate`.
    public init(uri: String, today: CalendarDate = CalendarDate(dayNumber: Int(time(nil) / 86_400)), migrate: Bool = true) throws {
        let database = try PostgresConnection(uri: uri)
        if migrate {
            try Self.migrate(database)
            let month = YearMonth(containing: today)
            try Self.ensurePartitions(database, from: month.adding(months: -12), through: month.adding(months: 3))
        } else {
            try StoreLocation.postgresql(uri: uri).requireCurrent()
        }
        self.uri = PostgresConnection.redacted(uri)
        connection = Serialized(database)
    }

    /// Whether `location` names a PostgreSQL database (a libpq URI) rather than an SQLite file.
    public static func names(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Write transactions run again after a conflict with another writer, since this store was opened.
    public var retries: Int { retryCount.withLock { $0 } }

    /// Rows returned by queries on this store's connection so far.
    public var rowsRead: Int { connection.withLock { $0.rowsRead } }

    /// Nothing: the server sizes its own caches (`shared_buffers`), not a client.
    public func setCacheSize(kibibytes: Int) {}

    public func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            try database.reconnectIfLost()
            return try transaction(on: database, body)
        }
    }

    /// An intake write: READ COMMITTED, each read seeing what was committed
    /// when it ran, and safe because the transaction locks what it reads
    /// before reading it (``LedgerLock``: the intake lock shared, then its
    /// institutions, people and months; a bulk submission the intake lock
    /// exclusively), so that two submissions touching the same person wait
    /// for each other and others run at once. SERIALIZABLE here refused
    /// submissions of unrelated institutions for sharing index pages.
    /// A deadlock (locks taken chunk after chunk, or a caregiver's other
    /// registration's institution) runs the transaction again, as a conflict.
    ///
    /// `LTC_POSTGRES_INTAKE=turns` in the environment makes submissions take
    /// turns instead, as before 2026-12-07 (one at a time, SERIALIZABLE):
    /// kept to measure against and as a way back.
    public func writeIntake<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            try database.reconnectIfLost()
            if Self.intakeInTurns {
                try database.run("SELECT pg_advisory_lock(\(Self.turnLock))")
                defer { try? database.run("SELECT pg_advisory_unlock(\(Self.turnLock))") }
                return try transaction(on: database, isolation: "SERIALIZABLE", body)
            }
            return try transaction(on: database, isolation: "READ COMMITTED", body)
        }
    }

    /// Whether intake takes turns (`LTC_POSTGRES_INTAKE=turns`) instead of locking what it reads.
    static let intakeInTurns = ProcessInfo.processInfo.environment["LTC_POSTGRES_INTAKE"] == "turns"

    /// The advisory lock of intake taking turns (``intakeInTurns``).
    static let turnLock = 7413

    /// A write that closes months: the session takes each month's lock
    /// (``LedgerLock/month(_:)``) exclusively, in order, before `BEGIN`, so
    /// that the SERIALIZABLE snapshot is taken once intake in those months
    /// has ended (a snapshot is the first statement's: one taken while
    /// waiting would miss what they committed), and releases them after
    /// the commit. Intake in other months goes on.
    public func writeClosing<T>(months: Set<YearMonth>, _ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            try database.reconnectIfLost()
            let keys = months.map { LedgerLock.month($0).key }.sorted()
            var held: [String] = []
            defer {
                for key in held.reversed() {
                    try? database.run("SELECT pg_advisory_unlock(hashtextextended(?, 0))", [.text(key)])
                }
            }
            if Self.intakeInTurns {
                try database.run("SELECT pg_advisory_lock(\(Self.turnLock))")
                defer { try? database.run("SELECT pg_advisory_unlock(\(Self.turnLock))") }
                return try transaction(on: database, isolation: "SERIALIZABLE", body)
            }
            for key in keys {
                try database.run("SELECT pg_advisory_lock(hashtextextended(?, 0))", [.text(key)])
                held.append(key)
            }
            return try transaction(on: database, isolation: "SERIALIZABLE", body)
        }
    }

    /// Runs `body` in a transaction on `database` (SERIALIZABLE unless said), again after a conflict, up to ``maximumAttempts`` times.
    private func transaction<T>(on database: PostgresConnection, isolation: String = "SERIALIZABLE",
                                _ body: (any ProviderTransaction) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                // A write reads by key: a scan of a small or empty table (a new month's
                // partition) would lock the whole table against every other writer.
                database.auditEventsToChain = false
                try database.execute("BEGIN ISOLATION LEVEL \(isolation); SET LOCAL enable_seqscan = off")
                let result = try body(SQLTransaction(database: database, schemes: schemeCache))
                try database.execute("COMMIT")
                if database.auditEventsToChain {
                    // Committed: what is left is chaining, which any later write (or this one's next) finishes if it fails here.
                    try? Self.chainAuditEvents(database)
                }
                return result
            } catch {
                try? database.execute("ROLLBACK")
                // A scheme read back inside a transaction that did not commit may not exist.
                schemeCache.clear()
                guard Self.isConflict(error) else { throw error }
                guard attempt < Self.maximumAttempts else {
                    throw StorageError(.conflict,
                                       message: "gave up after \(attempt) attempts, each refused for a conflict with other writers; try again")
                }
                retryCount.withLock { $0 += 1 }
                Self.pause(before: attempt + 1)
                attempt += 1
            }
        }
    }

    public func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            try database.reconnectIfLost()
            try database.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? database.execute("COMMIT") }
            return try body(SQLTransaction(database: database, schemes: schemeCache))
        }
    }

    public func write<T>(_ body: (any CaseTransaction) throws -> T) throws -> T {
        try write { (tx: any ProviderTransaction) in try body(tx) }
    }

    public func read<T>(_ body: (any CaseTransaction) throws -> T) throws -> T {
        try read { (tx: any ProviderTransaction) in try body(tx) }
    }

    /// Whether `error` is the server refusing a transaction for a conflict, so that running it again may succeed.
    static func isConflict(_ error: any Error) -> Bool {
        (error as? StorageError)?.storage == .conflict
    }

    /// Waits a random 1 ms to 2^attempt ms (at most 0.5 s), so that writers who collided do not collide again.
    private static func pause(before attempt: Int) {
        let ceiling = min(1 << min(attempt, 9), 500)
        usleep(useconds_t(Int.random(in: 1...ceiling) * 1_000))
    }

    /// Links the audit events queued by committed writes into the chain,
    /// in a transaction of its own: READ COMMITTED, so that it reads the
    /// chain's end as it is now (a SERIALIZABLE write reads it as of its
    /// start, and two writers chaining would conflict, every one with every
    /// other), holding the chain's advisory lock, so that one process at a
    /// time extends the chain and no two events follow the same link.
    static func chainAuditEvents(_ database: PostgresConnection) throws {
        try database.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        do {
            try database.run("SELECT pg_advisory_xact_lock(\(chainLock))")
            try SQLAuditChain(database: database).seal()
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// The advisory lock one chaining of the audit trail holds at a time.
    static let chainLock = 7412

    // MARK: Schema

    /// Applies, in order, the migrations the database has not had; one
    /// process at a time (an advisory lock), each in its own transaction.
    static func migrate(_ database: PostgresConnection, _ migrations: [PostgresSchema.Migration] = PostgresSchema.migrations) throws {
        // The usual case, in one round trip: every migration applied already.
        let exists = try database.query("SELECT to_regclass('schema_migrations') IS NOT NULL") { $0.text(0) == "t" }.first ?? false
        if exists {
            let applied = Set(try database.query("SELECT name FROM schema_migrations") { $0.text(0) ?? "" })
            try Migration.refuseNewer(applied: applied, known: PostgresSchema.migrations.map(\.name))
            if migrations.allSatisfy({ applied.contains($0.name) }) { return }
        }
        for migration in migrations {
            try database.execute("BEGIN")
            do {
                try database.run("SELECT pg_advisory_xact_lock(7410)")
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        name TEXT PRIMARY KEY,
                        applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))
                    """)
                let applied = try database.query("SELECT 1 FROM schema_migrations WHERE name = ?", [.text(migration.name)]) { _ in true }
                if applied.isEmpty {
                    try database.execute(migration.sql)
                    try migration.fill?(database)
                    try database.run("INSERT INTO schema_migrations (name) VALUES (?)", [.text(migration.name)])
                }
                try database.execute("COMMIT")
            } catch {
                try? database.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The partition of `service_logs` for each month from `first` through
    /// `last` that does not exist yet, with any logs of that month moved to
    /// it from the default partition. Creating a partition locks the table
    /// for a moment; if other work holds it for more than two seconds, the
    /// month is left to the default partition and tried at the next open.
    static func ensurePartitions(_ database: PostgresConnection, from first: YearMonth, through last: YearMonth) throws {
        func name(_ month: YearMonth) -> String { "service_logs_\(month.description.replacingOccurrences(of: "-", with: "_"))" }
        var months: [YearMonth] = []
        var month = first
        while month <= last {
            months.append(month)
            month = month.adding(months: 1)
        }
        // A read replica (or a read-only session) reads what the primary made; a role that
        // does not own the logs (the runtime role, docs/security.md) what the owner made:
        // until the owner opens the database, a month without its partition goes to the default one.
        let readOnly = try database.query("""
            SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'
                OR NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = 'service_logs'::regclass), 'USAGE')
            """) { $0.text(0) == "t" }
        if readOnly.first == true { return }
        // Which exist, in one round trip (the usual case: all of them).
        let existing = Set(try database.query("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'service_logs'::regclass
            """) { $0.text(0) ?? "" })
        for month in months where !existing.contains(name(month)) {
            let name = name(month)
            let from = month.firstDay.dayNumber * 1440, to = (month.lastDay.dayNumber + 1) * 1440
            try database.execute("BEGIN")
            do {
                try database.execute("SET LOCAL lock_timeout = '2s'")
                try database.run("SELECT pg_advisory_xact_lock(7411)")
                let created = try database.query("SELECT to_regclass(?) IS NOT NULL", [.text(name)]) { $0.text(0) == "t" }.first ?? false
                if !created {
                    try database.execute("""
                        CREATE TEMPORARY TABLE moved_logs ON COMMIT DROP AS
                            SELECT * FROM service_logs_default WHERE start >= \(from) AND start < \(to);
                        ALTER TABLE service_logs DISABLE TRIGGER service_log_ids_removed;
                        DELETE FROM service_logs_default WHERE start >= \(from) AND start < \(to);
                        CREATE TABLE \(name) PARTITION OF service_logs FOR VALUES FROM (\(from)) TO (\(to));
                        INSERT INTO service_logs SELECT * FROM moved_logs;
                        ALTER TABLE service_logs ENABLE TRIGGER service_log_ids_removed;
                        """)
                }
                try database.execute("COMMIT")
            } catch let error as StorageError where error.storage == .busy {
                try? database.execute("ROLLBACK")
            } catch {
                try? database.execute("ROLLBACK")
                throw error
            }
        }
    }
}
