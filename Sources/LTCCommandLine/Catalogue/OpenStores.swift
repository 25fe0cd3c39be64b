import LTCOperations
import ArgumentParser
import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCProviders
import LTCReports
import LTCStorage
import Synchronization

/// The stores this process has opened, by location: a command opens its database once.
enum OpenStores {
    private static let open = Mutex<[String: any DatabaseStore]>([:])

    /// Set while a command that only reads runs: a database is opened, never created.
    @TaskLocal static var existingOnly = false

    static func store(path: String) throws -> any DatabaseStore {
        if let store = open.withLock({ $0[path] }) { return store }
        if existingOnly, case .sqlite(let file) = StoreLocation(path), !file.isEmpty, file != ":memory:", !FileManager.default.fileExists(atPath: file) {
            throw InputError(source: "--db", message: "there is no database at \(file) (a command that only reads does not create one)")
        }
        // A file this process may not write (an archived copy) is read; a change to it is refused, saying why.
        let store = try StoreLocation(path).openForUse()
        open.withLock { $0[path] = store }
        return store
    }

    /// Lets go of every store opened. The last connection to a database
    /// folds its write-ahead log back into the file and removes it; a log
    /// left behind would be read whole by the next process that opens the
    /// database (hundreds of megabytes after a month's bulk submission).
    /// Says on standard error how many writes a store ran again after
    /// conflicts with other writers, if any did (only PostgreSQL's do).
    static func closeAll() {
        let stores = open.withLock { stores in
            defer { stores.removeAll() }
            return stores
        }
        for (path, store) in stores where store.retries > 0 {
            FileHandle.standardError.write(Data("note: \(store.retries) write\(store.retries == 1 ? "" : "s") ran again after conflicting with other writers on \(StoreLocation(path))\n".utf8))
        }
    }
}

/// The database a command works on: `--db`, else `$LTC_DB`, else `./ltc.sqlite` (``EnvironmentDefaults``).
func databasePath(_ option: String?) -> String {
    EnvironmentDefaults.database(option)
}
