import LTCCore

/// Whether a database's schema is the one this ltc was built for: the
/// migrations it knows, all applied and no others.
///
/// ```swift
/// let pending = try StoreLocation(uri).pendingMigrations()       // [] when current
/// try StoreLocation(uri).open(migrate: false)                    // refused while pending is not empty
/// ```
///
/// The commands migrate a database when they open it (one user, one file).
/// A server does not: it runs as a role that may not change the schema, and
/// refuses to start against a schema that is behind; `ltc migrate --db …`
/// applies the migrations as the database's owner (docs/deploy.md).
///
/// A storage failure of kind `unavailable` (exit 69, HTTP 503): the database
/// cannot serve this ltc until its owner migrates it.
public struct SchemaBehind: StorageFailure {
    public let location: String
    public let missing: [String]
    public var kind: String { "storage" }
    public var storage: StorageFailureKind { .unavailable }
    public var message: String {
        "the database \(location) lacks \(missing.count) migration\(missing.count == 1 ? "" : "s") this ltc needs (\(missing.first ?? "")…): run ltc migrate --db … as its owner first"
    }
    public var details: JSONObject { ["missing": .array(missing.map { .string($0) })] }
    public var description: String { message }
}

extension StoreLocation {
    /// The migrations this ltc knows that the database has not had, in order
    /// (all of them for an empty database); throws if it has one this ltc does not know.
    public func pendingMigrations() throws -> [String] {
        switch self {
        case .sqlite(let path):
            let database = try SQLiteDatabase(path: path)
            let exists = try database.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") { _ in true }
            let applied = exists.isEmpty ? [] : Set(try database.query("SELECT name FROM schema_migrations") { $0.text(0) ?? "" })
            let known = SQLiteSchema.migrations.map(\.name)
            try Migration.refuseNewer(applied: applied, known: known)
            return known.filter { !applied.contains($0) }
        case .postgresql(let uri):
            let database = try PostgresConnection(uri: uri)
            let exists = try database.query("SELECT to_regclass('schema_migrations') IS NOT NULL") { $0.text(0) == "t" }.first ?? false
            let applied = exists ? Set(try database.query("SELECT name FROM schema_migrations") { $0.text(0) ?? "" }) : []
            let known = PostgresSchema.migrations.map(\.name)
            try Migration.refuseNewer(applied: applied, known: known)
            return known.filter { !applied.contains($0) }
        }
    }

    /// Applies the migrations the database lacks (and, on PostgreSQL, makes
    /// the months around today their partitions); returns those applied.
    public func migrate() throws -> [String] {
        let pending = try pendingMigrations()
        _ = try open()
        return pending
    }

    /// Throws ``SchemaBehind`` unless every migration this ltc knows is applied.
    public func requireCurrent() throws {
        let pending = try pendingMigrations()
        guard pending.isEmpty else { throw SchemaBehind(location: description, missing: pending) }
    }
}
