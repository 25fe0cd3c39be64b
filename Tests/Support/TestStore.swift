import Foundation
import LTCCases
import LTCProviders
import LTCStorage

/// A fresh, empty store for one test, on the engine the test run uses
/// (SQLite in a temporary file; `LTC_TEST_STORE` will name others), removed
/// when the test lets go of it. Domain tests take their store from here and
/// never name the engine.
///
/// ```swift
/// let scratch = try TestStore()
/// let cases = CaseService(store: scratch.store, forms: catalog, clock: FixedClock.testDay)
/// ```
public final class TestStore: Sendable {
    public let store: any CaseStore & ProviderStore
    private let sqlite: SQLiteStore
    private let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-test-\(UUID().uuidString).sqlite").path
        sqlite = try SQLiteStore(path: path)
        store = sqlite
    }

    /// Rows the store's queries have returned so far: what the requests read.
    public var rowsRead: Int { sqlite.rowsRead }

    deinit {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
