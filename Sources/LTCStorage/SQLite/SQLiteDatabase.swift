import CSQLite
import Foundation
import LTCCore

/// One connection to an SQLite database file, used by one thread at a time
/// (``SQLiteStore`` serialises access to it).
///
/// ```swift
/// let db = try SQLiteDatabase(path: "ltc.sqlite")
/// try db.transaction {
///     try db.run("INSERT INTO assessors (id, name) VALUES (?, ?)", ["A01", "王芳"])
/// }
/// ```
///
/// Opening turns on foreign keys, write-ahead logging (readers never block
/// the writer), `synchronous = FULL` (a commit is on disk before ltc reports
/// it stored: money is at stake, and one fsync is cheap next to a
/// submission) and a busy timeout, so that two processes writing the same
/// file wait for each other instead of failing at once. ``transaction(_:)``
/// starts with `BEGIN IMMEDIATE`, taking the write lock up front, and rolls
/// back on any error: a change is all there or not there at all.
public final class SQLiteDatabase {
    public let path: String
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    /// Rows returned by queries on this connection so far: what a request read.
    public private(set) var rowsRead = 0
    /// Steps of SQLite's virtual machine on this connection so far: the work
    /// its statements did, rows scanned included (an indexed lookup is a
    /// step whatever the table's size; a scan is a step per row at least).
    public private(set) var steps = 0

    /// How long a writer waits for another process's lock before giving up.
    public static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Opens (or creates) the database at `path` for reading and writing,
    /// in WAL mode with `synchronous = FULL`; or, with `readOnly`, opens an
    /// existing file for reading only, as it is: a file this process may not
    /// write (an archived copy, another user's database) can still be read.
    public init(path: String, readOnly: Bool = false) throws(StorageError) {
        self.path = path
        if !readOnly { Self.createOwnerOnly(path) }
        let connection = try Self.open(path, readOnly: readOnly)
        handle = readOnly ? try Self.readable(connection, path) : connection
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        // Failures carry the extended code (SQLITE_CONSTRAINT_UNIQUE, not just SQLITE_CONSTRAINT), for their description.
        sqlite3_extended_result_codes(handle, 1)
        if readOnly { return }
        try execute("PRAGMA foreign_keys = ON")
        do {
            try execute("PRAGMA journal_mode = WAL")
        } catch where error.storage == .readOnly {
            throw Self.notWritable(path, engineCode: error.engineCode)
        }
        try execute("PRAGMA synchronous = FULL")
        // Up to 16 MiB of page cache per connection: room for the log index of a large submission without growing unbounded.
        try execute("PRAGMA cache_size = -16384")
    }

    /// The permissions of a database file ltc creates: its owner's alone
    /// (`rw-------`), whatever the umask allows others, since it holds
    /// national ID numbers, assessments and accounts. A stricter umask
    /// narrows it further. SQLite gives its `-wal` and `-shm` files the
    /// database file's permissions. A file that exists keeps its own: whoever
    /// made it group-readable meant it.
    public static let createdMode: mode_t = 0o600

    /// Creates the file at `path`, empty (an empty file is an empty SQLite
    /// database), readable and writable by its owner only, unless it exists.
    /// Where it cannot be created (a missing folder, no permission), SQLite's
    /// own open then says why, in its words.
    private static func createOwnerOnly(_ path: String) {
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, createdMode)
        if descriptor >= 0 { close(descriptor) }
    }

    /// The refusal of a change to a file this process may not write.
    static func notWritable(_ path: String, engineCode: String? = "SQLite 8") -> StorageError {
        StorageError(.readOnly, engineCode: engineCode, message: "\(path) may not be written by this process (the file or its folder is read-only): a command that changes data needs a database it may write; one that only reads can read it")
    }

    private static func open(_ path: String, readOnly: Bool, immutable: Bool = false) throws(StorageError) -> OpaquePointer {
        var connection: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let name = immutable ? "file:" + path.map { "?#%".contains($0) ? "%\(String($0.asciiValue!, radix: 16, uppercase: true))" : String($0) }.joined() + "?immutable=1" : path
        let status = sqlite3_open_v2(name, &connection, flags, nil)
        guard status == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(connection)
            throw Self.failure(status, message: "\(path): \(message)")
        }
        return connection
    }

    /// Makes sure a read-only connection can read. A database in WAL mode
    /// needs its `-shm` index; where it does not exist and cannot be made
    /// (a folder this process may not write) and no `-wal` log holds changes
    /// not yet folded into the file, the file is read as immutable: as it is.
    private static func readable(_ handle: OpaquePointer, _ path: String) throws(StorageError) -> OpaquePointer {
        if sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nil, nil, nil) == SQLITE_OK { return handle }
        let (code, message) = (sqlite3_extended_errcode(handle), String(cString: sqlite3_errmsg(handle)))
        sqlite3_close(handle)
        guard !FileManager.default.fileExists(atPath: path + "-wal") else {
            throw Self.failure(code, message: "\(path): cannot be read (\(message)); its -wal file holds changes this process cannot fold in: open it once where it may be written")
        }
        let immutable = try open(path, readOnly: true, immutable: true)
        guard sqlite3_exec(immutable, "SELECT count(*) FROM sqlite_master", nil, nil, nil) == SQLITE_OK else {
            let failure = Self.failure(sqlite3_extended_errcode(immutable), message: "\(path): cannot be read (\(String(cString: sqlite3_errmsg(immutable))))")
            sqlite3_close(immutable)
            throw failure
        }
        return immutable
    }

    /// Sets the page cache of this connection, in KiB (bulk work may use more for a while).
    public func setCacheSize(kibibytes: Int) throws(StorageError) {
        try execute("PRAGMA cache_size = -\(kibibytes)")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs SQL that returns no rows and takes no arguments (may hold several statements).
    public func execute(_ sql: String) throws(StorageError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw Self.failure(status, message: message, sql: sql)
        }
    }

    /// Runs one statement with arguments; returns the rows changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws(StorageError) -> Int {
        try withStatement(sql, arguments) { statement throws(StorageError) in
            while try step(statement, sql, arguments) {}
        }
        return Int(sqlite3_changes(handle))
    }

    /// The rows of a query, each read by `row`.
    @discardableResult
    public func query<T>(_ sql: String, _ arguments: [SQLValue] = [], row: (SQLiteRow) throws -> T) throws -> [T] {
        var rows: [T] = []
        try withStatement(sql, arguments) { statement throws(StorageError) in
            while try step(statement, sql, arguments) {
                do {
                    rows.append(try row(SQLiteRow(statement: statement)))
                } catch let error as StorageError {
                    throw error
                } catch {
                    throw StorageError(.other, message: "cannot read a row: \(error)", sql: sql, arguments: arguments.map(\.description))
                }
            }
        }
        return rows
    }

    /// Runs one statement once per row, binding each row's values through a
    /// ``SQLiteBinder`` (no argument arrays): the bulk path for service logs.
    public func runRows(_ sql: String, count: Int, bind: (Int, inout SQLiteBinder) -> Void) throws(StorageError) {
        let statement = try prepared(sql)
        defer {
            steps += Int(sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_VM_STEP, 1))
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        var binder = SQLiteBinder(statement: statement, arena: TextArena())
        for row in 0..<count {
            binder.arena?.reset()
            bind(row, &binder)
            if let (position, status) = binder.failure {
                var error = failure(status, sql, [])
                error.message += " (binding parameter \(position) of row \(row + 1) of \(count))"
                throw error
            }
            let status = sqlite3_step(statement)
            guard status == SQLITE_DONE else {
                var error = failure(status, sql, [])
                error.message += " (row \(row + 1) of \(count))"
                throw error
            }
            sqlite3_reset(statement)
        }
    }


    /// Runs `body` in one write transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in one read transaction: every query sees the same snapshot.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED")
        defer { try? execute("COMMIT") }
        return try body()
    }

    // MARK: Statements

    private func withStatement(_ sql: String, _ arguments: [SQLValue], _ body: (OpaquePointer) throws(StorageError) -> Void) throws(StorageError) {
        let statement = try prepared(sql)
        defer {
            steps += Int(sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_VM_STEP, 1))
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == arguments.count else {
            throw StorageError(.other, message: "expected \(expected) arguments, given \(arguments.count)", sql: sql, arguments: arguments.map(\.description))
        }
        for (index, argument) in arguments.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch argument {
            case .null: status = sqlite3_bind_null(statement, position)
            case .integer(let number): status = sqlite3_bind_int64(statement, position, sqlite3_int64(number))
            case .text(let text): status = sqlite3_bind_text(statement, position, text, -1, Self.transient)
            case .blob(let bytes): status = bytes.withUnsafeBytes { sqlite3_bind_blob(statement, position, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), Self.transient) }
            }
            guard status == SQLITE_OK else { throw failure(status, sql, arguments) }
        }
        try body(statement)
    }

    /// `true` while there is a row to read.
    private func step(_ statement: OpaquePointer, _ sql: String, _ arguments: [SQLValue]) throws(StorageError) -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            rowsRead += 1
            return true
        case SQLITE_DONE: return false
        case let status: throw failure(status, sql, arguments)
        }
    }

    private func prepared(_ sql: String) throws(StorageError) -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, sql, []) }
        statements[sql] = statement
        return statement
    }

    private func failure(_ status: Int32, _ sql: String, _ arguments: [SQLValue]) -> StorageError {
        Self.failure(status, message: String(cString: sqlite3_errmsg(handle)), sql: sql, arguments: arguments.map(\.description))
    }

    /// The failure SQLite reported with result `code` (primary or extended), of its engine-neutral kind.
    static func failure(_ code: Int32, message: String, sql: String? = nil, arguments: [String] = []) -> StorageError {
        StorageError(kind(of: code), engineCode: "SQLite \(code)", message: message, sql: sql, arguments: arguments)
    }

    /// What a result code means whichever engine: the only place ltc reads SQLite's codes.
    /// An extended code (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_CONSTRAINT_UNIQUE`) is of its primary code's kind.
    static func kind(of code: Int32) -> StorageFailureKind {
        switch code & 0xff {
        // LOCKED: a table locked by another statement of this connection; PROTOCOL: a WAL lock race that ran out of tries.
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_PROTOCOL: .busy
        case SQLITE_FULL: .diskFull
        case SQLITE_READONLY: .readOnly
        case SQLITE_CORRUPT, SQLITE_NOTADB: .damaged
        case SQLITE_CONSTRAINT: .constraint
        default: .other
        }
    }

    /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// SQLITE_STATIC: the bound text stays where it is until the statement is stepped or reset.
    static let `static` = unsafeBitCast(0, to: sqlite3_destructor_type.self)
}

extension SQLiteDatabase: SQLConnection {
    static let dialect = SQLDialect(
        integerIn: { column, placeholder in "\(column) IN (SELECT value FROM json_each(\(placeholder)))" },
        textIn: { column, placeholder in "\(column) IN (SELECT value FROM json_each(\(placeholder)))" },
        pairIn: { first, second, placeholder in "(\(first), \(second)) IN (SELECT value ->> 0, value ->> 1 FROM json_each(\(placeholder)))" },
        dayNumber: { "CAST(julianday(\($0)) - 2440587.5 AS INTEGER)" },
        addsUpByInstitution: true)

    /// Chains the event at once: this transaction holds the file's write lock, so no one else chains meanwhile.
    func auditEventAppended() throws {
        try SQLAuditChain(database: self).seal()
    }

    /// Inserts with one prepared statement run per row: SQLite has no faster way.
    func insertRows(into table: String, columns: [String], count: Int, bind: (Int, inout SQLiteBinder) -> Void) throws {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try runRows("INSERT INTO \(table) (\(names)) VALUES (\(Self.placeholders(columns.count)))", count: count, bind: bind)
    }

    /// Upserts with one prepared statement run per row.
    func upsertRows(into table: String, columns: [String], conflict: String, count: Int, bind: (Int, inout SQLiteBinder) -> Void) throws {
        guard count > 0 else { return }   // nothing prepared: a migration's rebuild of an empty ledger runs before later columns exist
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try runRows("INSERT INTO \(table) (\(names)) VALUES (\(Self.placeholders(columns.count))) ON CONFLICT \(conflict)",
                    count: count, bind: bind)
    }

    /// Deletes with one prepared statement run per row.
    func deleteRows(from table: String, keys: [String], count: Int, bind: (Int, inout SQLiteBinder) -> Void) throws {
        guard count > 0 else { return }
        let matches = keys.enumerated().map { "\"\($0.element)\" = ?\($0.offset + 1)" }.joined(separator: " AND ")
        try runRows("DELETE FROM \(table) WHERE \(matches)", count: count, bind: bind)
    }
}

/// Binds one row's values to a prepared statement, by 1-based position.
/// The first bind that fails is kept in ``failure`` and reported by the
/// caller before the row is stepped. Texts are copied into an arena that
/// lives until the row is stepped, so that SQLite need not copy each one.
public struct SQLiteBinder: SQLBinder {
    let statement: OpaquePointer
    let arena: TextArena?
    /// The position and result code of the first bind that failed.
    private(set) var failure: (position: Int32, status: Int32)?

    init(statement: OpaquePointer, arena: TextArena? = nil) {
        self.statement = statement
        self.arena = arena
    }

    public mutating func bind(_ position: Int32, _ value: Int?) {
        let status = value.map { sqlite3_bind_int64(statement, position, sqlite3_int64($0)) } ?? sqlite3_bind_null(statement, position)
        check(status, position)
    }

    public mutating func bind(_ position: Int32, _ value: String?) {
        guard let value else {
            check(sqlite3_bind_null(statement, position), position)
            return
        }
        let status = value.utf8.withContiguousStorageIfAvailable { bytes in
            bindText(position, UnsafeRawBufferPointer(bytes))
        } ?? {
            var copy = value
            return copy.withUTF8 { bindText(position, UnsafeRawBufferPointer($0)) }
        }()
        check(status, position)
    }

    /// Binds UTF-8 bytes: a copy in the arena SQLite reads in place, or a copy SQLite makes.
    private func bindText(_ position: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        // An empty text has no base address; bind it as zero bytes of a valid pointer.
        guard let base = bytes.baseAddress else { return sqlite3_bind_text(statement, position, "", 0, SQLiteDatabase.transient) }
        if let copy = arena?.copy(bytes) {
            return sqlite3_bind_text(statement, position, copy.assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLiteDatabase.static)
        }
        return sqlite3_bind_text(statement, position, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLiteDatabase.transient)
    }

    public mutating func bind(_ position: Int32, _ bytes: [UInt8]) {
        let status = bytes.withUnsafeBytes {
            sqlite3_bind_blob(statement, position, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), SQLiteDatabase.transient)
        }
        check(status, position)
    }

    private mutating func check(_ status: Int32, _ position: Int32) {
        if status != SQLITE_OK && failure == nil { failure = (position, status) }
    }
}

/// The current row of a query.
public struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    public func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    public func integer(_ column: Int32) -> Int? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(statement, column))
    }

    /// A blob column's bytes, valid only while `body` runs.
    public func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        guard let base = sqlite3_column_blob(statement, column) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// Memory for the texts of one row being bound: blocks that stay put until
/// ``reset()``, so that SQLite may read the texts where they are.
final class TextArena {
    private static let blockSize = 1 << 16
    private var blocks: [UnsafeMutableRawPointer] = []
    private var used = blockSize

    /// A copy of `bytes` that stays valid until the next reset, or `nil` for a text too long for a block.
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        guard bytes.count <= Self.blockSize else { return nil }
        if used + bytes.count > Self.blockSize {
            blocks.append(UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize, alignment: 8))
            used = 0
        }
        let target = blocks[blocks.count - 1] + used
        if let base = bytes.baseAddress { target.copyMemory(from: base, byteCount: bytes.count) }
        used += bytes.count
        return UnsafeRawPointer(target)
    }

    /// Makes room for the next row, keeping one block.
    func reset() {
        while blocks.count > 1 { blocks.removeLast().deallocate() }
        used = blocks.isEmpty ? Self.blockSize : 0
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
