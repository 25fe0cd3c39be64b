import Foundation
import LTCCases
import LTCProviders
import LTCStorage

/// A fresh, empty store for one test, removed when the test lets go of it.
/// Domain tests take their store from here and never name the engine; the
/// store contract suite runs once per ``Engine``.
///
/// ```swift
/// let scratch = try TestStore()
/// let cases = CaseService(store: scratch.store, forms: catalog, clock: FixedClock.testDay)
/// ```
public final class TestStore: Sendable {
    /// The storage engines a store can be made on.
    public enum Engine: String, CaseIterable, Sendable, CustomStringConvertible {
        /// SQLite in a temporary file.
        case sqlite

        public var description: String { rawValue }
    }

    public let store: any CaseStore & ProviderStore
    public let engine: Engine
    private let sqlite: SQLiteStore
    private let path: String

    public init(_ engine: Engine = .sqlite) throws {
        self.engine = engine
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-test-\(UUID().uuidString).sqlite").path
        sqlite = try SQLiteStore(path: path)
        store = sqlite
    }

    /// Rows the store's queries have returned so far: what the requests read.
    public var rowsRead: Int { sqlite.rowsRead }

    /// The work the store's statements have done so far, in the engine's own
    /// unit (SQLite's virtual machine steps): what grows if a request scans.
    public var work: Int { sqlite.steps }

    /// A second store on the same database, as another process would open it.
    public func reopened() throws -> any CaseStore & ProviderStore {
        try SQLiteStore(path: path)
    }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
