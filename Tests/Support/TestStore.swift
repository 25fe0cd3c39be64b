import Foundation
import LTCCases
import LTCProviders
import LTCStorage

/// A fresh, empty store for one test, removed when the test lets go of it.
/// Domain tests take their store from here and never name the engine; the
/// store contract suite runs once per available ``Engine``.
///
/// ```swift
/// let scratch = try TestStore()
/// let cases = CaseService(store: scratch.store, forms: catalog, clock: FixedClock.testDay)
/// ```
///
/// PostgreSQL is available when `LTC_TEST_POSTGRES` holds the connection URI
/// of a database the tests may create schemas in (`.ci/run` starts a server
/// and sets it); each store is then a schema of its own, dropped afterwards.
/// `LTC_TEST_ENGINE=postgresql` makes it the engine of every domain test too.
public final class TestStore: Sendable {
    /// The storage engines a store can be made on.
    public enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
        /// SQLite in a temporary file.
        case sqlite
        /// A schema of its own in the database `LTC_TEST_POSTGRES` names.
        case postgresql

        public var description: String { rawValue }

        /// The engines this machine can test: SQLite always, PostgreSQL when a server is given.
        public static var available: [Engine] { postgresURI == nil ? [.sqlite] : [.sqlite, .postgresql] }

        /// The engine of domain tests: `LTC_TEST_ENGINE`, SQLite by default.
        public static var underTest: Engine {
            ProcessInfo.processInfo.environment["LTC_TEST_ENGINE"].flatMap(Engine.init(rawValue:)) ?? .sqlite
        }

        /// The server for PostgreSQL tests, if this machine has one.
        public static var postgresURI: String? {
            ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        }

        /// A login role the PostgreSQL tests run as instead of the owner,
        /// if given (`LTC_TEST_POSTGRES_RUNTIME`, a URI to the same database
        /// as that role): each schema is then migrated by the owner and the
        /// role granted what ltc's runtime role holds (``PostgresRuntimeRole``),
        /// as a deployment runs ltc (docs/security.md).
        public static var runtimeURI: String? {
            ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES_RUNTIME"].flatMap { $0.isEmpty ? nil : $0 }
        }

        /// Why the PostgreSQL tests do not run here, or `nil` if they do.
        public static let postgresSkipReason = "no PostgreSQL server for tests: set LTC_TEST_POSTGRES=postgresql://USER@HOST:PORT/DBNAME (bash .ci/run starts one)"
    }

    public let store: any CaseStore & ProviderStore
    public let engine: Engine
    /// Where the store is: an SQLite path, or a PostgreSQL URI that selects the test's schema.
    public let location: String
    /// The same place as its owner: on PostgreSQL, the role that made the
    /// schema (where the tests run as a runtime role, not ``location``'s).
    public let ownerLocation: String
    private let sqlite: SQLiteStore?
    private let schema: String?
    /// A folder for the test's visit evidence (made on first use), removed with the store.
    public let evidenceFolder = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-evidence-\(UUID().uuidString)").path

    /// A file holding `text`, beside the evidence folder (removed with it), to attach as evidence.
    public func evidenceFile(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: evidenceFolder + "-in", withIntermediateDirectories: true)
        let path = evidenceFolder + "-in/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    public init(_ engine: Engine = .underTest) throws {
        self.engine = engine
        switch engine {
        case .sqlite:
            location = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-test-\(UUID().uuidString).sqlite").path
            ownerLocation = location
            let store = try SQLiteStore(path: location)
            sqlite = store
            self.store = store
            schema = nil
        case .postgresql:
            let (owner, schema) = try Self.freshSchema()
            ownerLocation = owner
            location = try Self.runtime(owner, schema: schema)
            self.schema = schema
            sqlite = nil
            store = try PostgresStore(uri: location)
        }
    }

    /// Where ltc runs on a fresh schema: the owner's URI, or where a runtime
    /// role is given, that role's, once the owner has migrated the schema
    /// and granted the role the runtime's privileges on it.
    public static func runtime(_ owner: String, schema: String) throws -> String {
        guard let runtime = Engine.runtimeURI else { return owner }
        _ = try PostgresStore(uri: owner)
        guard let role = try PostgresAdmin.values(on: runtime, "SELECT current_user").first ?? nil else {
            throw TestStoreError(message: "LTC_TEST_POSTGRES_RUNTIME names no role")
        }
        try PostgresRuntimeRole.grant(role, on: owner)
        return runtime + (runtime.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
    }

    /// A new empty schema on the test server, and a URI whose connections use it.
    public static func freshSchema() throws -> (uri: String, schema: String) {
        guard let server = Engine.postgresURI else { throw TestStoreError(message: Engine.postgresSkipReason) }
        let schema = "ltc_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresAdmin.run(on: server, "CREATE SCHEMA \(schema)")
        let separator = server.contains("?") ? "&" : "?"
        return (server + separator + "options=-csearch_path%3D\(schema)", schema)
    }

    /// Drops a schema made by ``freshSchema()``.
    public static func drop(schema: String) {
        guard let server = Engine.postgresURI else { return }
        try? PostgresAdmin.run(on: server, "DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    /// Rows the store's queries have returned so far: what the requests read.
    public var rowsRead: Int { sqlite?.rowsRead ?? (store as? PostgresStore)?.rowsRead ?? 0 }

    /// The work the store's statements have done so far, in SQLite's
    /// virtual machine steps: what grows if a request scans (SQLite only).
    public var work: Int { sqlite?.steps ?? 0 }

    /// Runs `sql` outside ltc, on a connection of its own, as a holder of the
    /// database would (`update institution_months set fund = …`): what only
    /// the schema's triggers, the database's grants and ltc's own checks stop.
    public func raw(_ sql: String) throws {
        switch engine {
        case .sqlite: try SQLiteDatabase(path: location).execute(sql)
        case .postgresql: try PostgresAdmin.run(on: location, sql)
        }
    }

    /// Runs `sql` outside ltc as the schema's owner (`alter table events
    /// disable trigger all`): what only ltc's own checks stop.
    public func rawAsOwner(_ sql: String) throws {
        switch engine {
        case .sqlite: try SQLiteDatabase(path: location).execute(sql)
        case .postgresql: try PostgresAdmin.run(on: ownerLocation, sql)
        }
    }

    /// A second store on the same database, as another process would open it.
    public func reopened() throws -> any CaseStore & ProviderStore {
        switch engine {
        case .sqlite: try SQLiteStore(path: location)
        case .postgresql: try PostgresStore(uri: location)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: evidenceFolder)
        try? FileManager.default.removeItem(atPath: evidenceFolder + "-in")
        if let schema { Self.drop(schema: schema) }
        guard engine == .sqlite else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
    }
}

struct TestStoreError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
