/// One connection to a database, as the repositories use it: statements with
/// `?` placeholders (`?1`, `?2` to use one argument twice), rows read by
/// column number, and a prepared statement run once per row for bulk writes.
/// ``SQLiteDatabase`` and ``PostgresConnection`` implement it; the
/// repositories are written once, against this, in the SQL both engines
/// share, and the few places where the engines' SQL differs are the
/// fragments of ``SQLDialect``.
///
/// ```swift
/// func people<Database: SQLConnection>(_ database: Database, ids: Set<Int>) throws -> [String] {
///     try database.query("SELECT name FROM people WHERE id IN (\(Database.dialect.integers))", [.list(ids)]) { $0.text(0) ?? "" }
/// }
/// ```
protocol SQLConnection: AnyObject {
    associatedtype Row: SQLRow
    associatedtype Binder: SQLBinder

    /// The fragments of SQL that differ between engines.
    static var dialect: SQLDialect { get }

    /// Runs one statement with arguments; returns the rows changed.
    @discardableResult
    func run(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// The rows of a query, each read by `row`.
    @discardableResult
    func query<T>(_ sql: String, _ arguments: [SQLValue], row: (Row) throws -> T) throws -> [T]

    /// Runs one statement once per row, binding each row's values by position.
    func runRows(_ sql: String, count: Int, bind: (Int, inout Binder) -> Void) throws

    /// Inserts `count` rows into `table`: the engine's fastest way for many
    /// rows (PostgreSQL's COPY), ordinary statements for a few.
    func insertRows(into table: String, columns: [String], count: Int, bind: (Int, inout Binder) -> Void) throws

    /// Inserts `count` rows into `table` or, where a row with the same key
    /// is there, updates it: `conflict` is `(key columns) DO UPDATE SET …`,
    /// naming the stored row by the table's name and the new one `excluded`. SQLite runs a
    /// prepared statement per row; PostgreSQL one statement for all of them
    /// (issue 32: a statement per row was a quarter of a bulk's time there).
    func upsertRows(into table: String, columns: [String], conflict: String, count: Int, bind: (Int, inout Binder) -> Void) throws

    /// Deletes the rows of `table` whose `keys` columns equal each of the
    /// `count` bound rows: a statement per row on SQLite, one on PostgreSQL.
    func deleteRows(from table: String, keys: [String], count: Int, bind: (Int, inout Binder) -> Void) throws

    /// An audit event was recorded and queued in this transaction: chain it
    /// now where writers take turns (SQLite), or once the transaction
    /// commits (PostgreSQL, ``SQLAuditChain``).
    func auditEventAppended() throws
}

extension SQLConnection {
    @discardableResult
    func run(_ sql: String) throws -> Int { try run(sql, []) }

    @discardableResult
    func query<T>(_ sql: String, row: (Row) throws -> T) throws -> [T] { try query(sql, [], row: row) }

    /// Runs one statement once per element of `rows`.
    func runRows<Element>(_ sql: String, rows: [Element], bind: (Element, inout Binder) -> Void) throws {
        guard !rows.isEmpty else { return }
        try runRows(sql, count: rows.count) { index, binder in bind(rows[index], &binder) }
    }

    /// Runs an `INSERT … RETURNING id` and gives the id of the row inserted.
    func insertReturningID(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        guard let id = try query(sql + " RETURNING id", arguments, row: { $0.integer(0) }).first, let id else {
            throw StorageError(.other, message: "an insert returned no id", sql: sql)
        }
        return id
    }

    /// A place for one value in `INSERT INTO … VALUES (…)`: `count` question marks.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// The current row of a query, read by 0-based column number.
protocol SQLRow {
    func text(_ column: Int32) -> String?
    func integer(_ column: Int32) -> Int?
    /// A blob column's bytes, valid only while `body` runs.
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T?
}

/// Binds one row's values to a statement, by 1-based position.
protocol SQLBinder {
    mutating func bind(_ position: Int32, _ value: Int?)
    mutating func bind(_ position: Int32, _ value: String?)
    mutating func bind(_ position: Int32, _ bytes: [UInt8])
}

/// The fragments of SQL in which SQLite and PostgreSQL differ. Lists are
/// passed as one JSON array argument, so a statement is the same whatever
/// the list's length; each fragment is a condition that takes that argument
/// at `placeholder` (`?` by default, `?2` in a statement that numbers them)
/// and that the engine answers from an index on the column.
struct SQLDialect: Sendable {
    /// `column` is one of the integers in the JSON array argument.
    var integerIn: @Sendable (_ column: String, _ placeholder: String) -> String
    /// `column` is one of the texts in the JSON array argument.
    var textIn: @Sendable (_ column: String, _ placeholder: String) -> String
    /// `(first, second)` is one of the `[text, text]` pairs in the JSON array
    /// argument (PostgreSQL uses the argument three times: number it).
    var pairIn: @Sendable (_ first: String, _ second: String, _ placeholder: String) -> String
    /// The day number (days since 1970-01-01) of a `YYYY-MM-DD` text column or expression.
    var dayNumber: @Sendable (String) -> String
    /// The planner's settings for a statement that adds up a whole month of
    /// logs, and their values for it (PostgreSQL: `enable_seqscan` on, which
    /// a write transaction turns off so that it reads by key; `enable_sort`
    /// off, so that a month's rows are added up in a hash of institutions
    /// rather than sorted to disk first, before statistics exist: 0.34 s
    /// against 0.62–0.93 s on a million logs). None on SQLite.
    var monthScanSettings: [(name: String, value: String)] = []
    /// Whether a month's accepted logs are added up institution by
    /// institution, each a range of an index (SQLite, whose planner follows a
    /// `CROSS JOIN`'s order), rather than by one scan of the month
    /// (PostgreSQL's partition: its generic plan of the join is a nested
    /// loop over every pair, 36 s on a million logs).
    var addsUpByInstitution = false
    /// A text column compared as a value that no index of that column alone
    /// answers, so that rows are reached by the key the statement's other
    /// condition leads (PostgreSQL: `(column || '')`; the column on SQLite,
    /// whose planner picks the key). A people's month of `usage_months` is
    /// read by person: a generic plan made while the table was empty (a
    /// city's first bulk) read the whole month by `usage_months_by_month`
    /// and filtered it by person, once per chunk, 0.3 → 30 ms a chunk as
    /// the month filled (issue 32).
    var keyedText: @Sendable (_ column: String) -> String = { $0 }
    /// Whether intake locks what it reads (``LedgerLock``): writers that
    /// overlap (PostgreSQL's READ COMMITTED intake), not those that run one
    /// at a time (SQLite).
    var locksLedger = false

    func integerIn(_ column: String) -> String { integerIn(column, "?") }
    func textIn(_ column: String) -> String { textIn(column, "?") }
}

extension SQLDialect {
    /// Runs `body`, which reads a whole partition or range (a month's logs
    /// for settlement), with ``monthScanSettings``, and then puts the
    /// transaction's settings back as they were.
    func scanning<Database: SQLConnection, T>(_ database: Database, _ body: () throws -> T) throws -> T {
        guard !monthScanSettings.isEmpty else { return try body() }
        let names = monthScanSettings.map(\.name)
        // Read before set: the select list is computed left to right.
        let before = try database.query("SELECT " + (names.map { "current_setting('\($0)')" }
            + monthScanSettings.map { "set_config('\($0.name)', '\($0.value)', true)" }).joined(separator: ", ")) { row in
            names.indices.map { row.text(Int32($0)) ?? "on" }
        }.first ?? names.map { _ in "on" }
        let result = try body()
        try database.query("SELECT " + zip(names, before).map { "set_config('\($0)', '\($1)', true)" }.joined(separator: ", ")) { _ in () }
        return result
    }
}
