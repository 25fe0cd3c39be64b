/// A named change to the schema: SQL, and optionally work in Swift that SQL
/// cannot do (filling a new table from the rows already stored). Once
/// released, a migration is never edited: a later change is a new migration
/// with a new name.
public struct Migration: Sendable {
    public var name: String
    public var sql: String
    public var fill: (@Sendable (SQLiteDatabase) throws -> Void)?

    public init(_ name: String, _ sql: String, fill: (@Sendable (SQLiteDatabase) throws -> Void)? = nil) {
        self.name = name
        self.sql = sql
        self.fill = fill
    }
}

extension Migration {
    /// Refuses a database a newer ltc has migrated: this binary would not
    /// know what its tables now mean.
    static func refuseNewer(applied: Set<String>, known: [String]) throws(StorageError) {
        let unknown = applied.subtracting(known).sorted()
        guard let newest = unknown.last else { return }
        throw StorageError(.other, message: "the database was made by a newer ltc: it has migration \(newest), and this ltc knows only up to \(known.last ?? "none"); use that ltc, or a newer one")
    }
}

extension SQLiteDatabase {
    /// Applies, in order and each in its own transaction, the migrations this
    /// database has not had yet; records each by name.
    public func migrate(_ migrations: [Migration]) throws {
        try execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
        let applied = Set(try query("SELECT name FROM schema_migrations") { $0.text(0) ?? "" })
        try Migration.refuseNewer(applied: applied, known: migrations.map(\.name))
        for migration in migrations where !applied.contains(migration.name) {
            try transaction {
                // Another process may have applied it while we waited for the lock.
                let done = try query("SELECT 1 FROM schema_migrations WHERE name = ?", [.text(migration.name)]) { _ in true }
                guard done.isEmpty else { return }
                try execute(migration.sql)
                try migration.fill?(self)
                try run("INSERT INTO schema_migrations (name) VALUES (?)", [.text(migration.name)])
            }
        }
    }
}

extension SQLiteDatabase {
    /// Throws unless this database has had exactly `migrations`: one opened
    /// read-only is read as it is, so it must be neither older nor newer.
    public func requireMigrated(_ migrations: [Migration]) throws {
        let applied = Set(try query("SELECT name FROM schema_migrations") { $0.text(0) ?? "" })
        try Migration.refuseNewer(applied: applied, known: migrations.map(\.name))
        if let missing = migrations.first(where: { !applied.contains($0.name) }) {
            throw StorageError(.readOnly, message: "\(path) is read-only and was made by an older ltc: it lacks migration \(missing.name); open it once where it may be written, and this ltc will bring it up to date")
        }
    }
}
