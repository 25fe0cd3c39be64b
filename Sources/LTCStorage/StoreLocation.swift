import Foundation
import LTCCases
import LTCCore
import LTCProviders

/// Where a scheme's data is: a PostgreSQL database named by a libpq
/// connection URI (`postgresql://USER@HOST:PORT/DBNAME`, or `postgres://…`),
/// or else an SQLite file at a path.
///
/// ```swift
/// let store = try StoreLocation("postgresql://ltc@db.example/ltc").open()   // a PostgresStore
/// let local = try StoreLocation("ltc.sqlite").open()                       // an SQLiteStore
/// ```
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgresql(uri: String)

    public init(_ text: String) {
        self = PostgresStore.names(text) ? .postgresql(uri: text) : .sqlite(path: text)
    }

    /// The store there, created and migrated on first use. An empty path
    /// or an in-memory database is refused: what ltc reports as stored must
    /// outlive the process.
    ///
    /// - Parameters:
    ///   - readOnly: open an SQLite file for reading only (a command
    ///     that only reads, on a file this process may not write).
    ///   - migrate: `false` for a server's role, which may not change the
    ///     schema: the database must already be current (``SchemaBehind``).
    public func open(readOnly: Bool = false, migrate: Bool = true) throws -> any DatabaseStore {
        switch self {
        case .sqlite(let path):
            if path.allSatisfy(\.isWhitespace) || path == ":memory:" || path.hasPrefix("file::memory:") || path.contains("mode=memory") {
                throw InputError(source: "--db", message: "'\(path)' is no place to keep data: give a database file or a postgresql:// URI")
            }
            if !migrate { try requireCurrent() }
            return try SQLiteStore(path: path, readOnly: readOnly)
        case .postgresql(let uri): return try PostgresStore(uri: uri, migrate: migrate)
        }
    }

    /// The store for reading and writing; or, where this process may not
    /// write the SQLite file (an archived copy), for reading only: reads are
    /// answered and each change is refused, saying why.
    public func openForUse() throws -> any DatabaseStore {
        do {
            return try open()
        } catch let error as StorageError where error.storage == .readOnly {
            guard case .sqlite = self else { throw error }
            return try open(readOnly: true)
        }
    }

    /// Where this store's visit evidence is kept: beside an SQLite file
    /// (`PATH.evidence`); for PostgreSQL, the folder `LTC_EVIDENCE_DIR` names
    /// (the database server's disk is not ltc's), or none.
    public var evidenceVault: FolderVault? {
        switch self {
        case .sqlite(let path): FolderVault.beside(database: path)
        case .postgresql: ProcessInfo.processInfo.environment["LTC_EVIDENCE_DIR"].map(FolderVault.init(folder:))
        }
    }

    /// The location as the user wrote it, a password hidden.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgresql(let uri): PostgresConnection.redacted(uri)
        }
    }
}
