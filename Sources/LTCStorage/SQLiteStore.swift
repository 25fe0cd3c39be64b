import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import Foundation
import Synchronization

/// The scheme's store in one SQLite file: every repository of the case
/// lifecycle and of designated institutions, on the system `libsqlite3`.
///
/// ```swift
/// let store = try SQLiteStore(path: "ltc.sqlite")     // created and migrated on first use
/// let cases = CaseService(store: store, forms: catalog, clock: SystemClock())
/// let intake = IntakeService(store: store, clock: SystemClock())
/// ```
///
/// One store holds one connection; its transactions run one at a time (a
/// lock serialises them), so a store may be shared by threads, which then
/// wait for each other; give busy threads a store each. A transaction's body
/// must not begin another on the same store: the lock is not recursive, and
/// the process stops rather than wait for itself. Several processes
/// may share the file: a write takes the file's lock when it begins and
/// others wait for it (up to ``SQLiteDatabase/busyTimeoutMilliseconds``);
/// readers see the last committed state without waiting (WAL).
public final class SQLiteStore: DatabaseStore {
    private let connection: Serialized<SQLiteDatabase>
    /// Decoded schemes by id: a stored scheme never changes.
    let schemeCache = SchemeCache()
    public let path: String
    /// Whether the file is open for reading only: every write is refused, saying why.
    public let readOnly: Bool

    /// Opens the store at `path`, created and migrated on first use; or,
    /// with `readOnly`, an existing file for reading only, which must hold
    /// every migration this ltc knows (a read-only file cannot be migrated).
    public init(path: String, readOnly: Bool = false) throws {
        let database = try SQLiteDatabase(path: path, readOnly: readOnly)
        if readOnly {
            try database.requireMigrated(SQLiteSchema.migrations)
        } else {
            try database.migrate(SQLiteSchema.migrations)
        }
        self.path = path
        self.readOnly = readOnly
        connection = Serialized(database)
    }

    public func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        if readOnly { throw SQLiteDatabase.notWritable(path) }
        return try connection.withLock { database in
            do {
                return try database.transaction { try body(SQLTransaction(database: database, schemes: schemeCache)) }
            } catch {
                // A scheme read back inside a transaction that did not commit may not exist.
                schemeCache.clear()
                throw error
            }
        }
    }

    public func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try connection.withLock { database in
            try database.readTransaction { try body(SQLTransaction(database: database, schemes: schemeCache)) }
        }
    }

    public func write<T>(_ body: (any CaseTransaction) throws -> T) throws -> T {
        try write { (tx: any ProviderTransaction) in try body(tx) }
    }

    public func read<T>(_ body: (any CaseTransaction) throws -> T) throws -> T {
        try read { (tx: any ProviderTransaction) in try body(tx) }
    }

    /// Rows returned by queries on this store's connection so far: what requests read.
    public var rowsRead: Int {
        connection.withLock { $0.rowsRead }
    }

    /// Steps of SQLite's virtual machine on this store's connection so far: the work requests did.
    public var steps: Int {
        connection.withLock { $0.steps }
    }

    /// Always 0: writers take turns (a write waits for the file's lock when it begins), so none is refused for a conflict and run again.
    public var retries: Int { 0 }

    /// Gives the connection a page cache of `kibibytes` for bulk work (16 MiB by default).
    public func setCacheSize(kibibytes: Int) throws {
        try connection.withLock { try $0.setCacheSize(kibibytes: kibibytes) }
    }
}

/// A value that one thread at a time may use: every use holds its lock.
///
/// A `Mutex` holds the connection's turn, not the connection: `Mutex<Value>`
/// hands its value only to closures it can prove keep no reference, and a
/// transaction's body (the caller's closure, given repositories over the
/// connection) is not one it can see into. The lock is not recursive: a
/// transaction begun inside another on the same thread and store stops the
/// process instead of waiting for itself.
///
/// `@unchecked Sendable`: `value` (a connection, not `Sendable`) is reached
/// only inside ``withLock(_:)``, with `lock` held, and is never handed out
/// beyond the body's return.
final class Serialized<Value>: @unchecked Sendable {
    private let lock = Mutex(())
    private let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (Value) throws -> T) rethrows -> T {
        var result: T?
        try lock.withLock { _ in result = try body(value) }
        return result!
    }
}
