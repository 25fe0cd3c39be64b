import LTCCases
import LTCProviders

/// A store on a database, whichever engine holds it (``SQLiteStore``,
/// ``PostgresStore``): the repositories, and the little a process that opened
/// it may ask beyond them. Callers ask this, never which engine it is.
///
/// ```swift
/// let store = try StoreLocation(path).open()
/// if store.retries > 0 { print("note: \(store.retries) writes ran again") }
/// ```
public protocol DatabaseStore: CaseStore, ProviderStore {
    /// Write transactions run again after a conflict with another writer,
    /// since this store was opened (on SQLite, where writers take turns, none).
    var retries: Int { get }

    /// Gives this store's connection a page cache of `kibibytes` for bulk
    /// work. SQLite's cache is the process's; a PostgreSQL server sizes its
    /// own, so there it changes nothing.
    func setCacheSize(kibibytes: Int) throws
}
