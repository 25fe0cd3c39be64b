import LTCCases
import LTCCore

/// A failure of the database, with the SQL and the arguments that caused it.
public struct StorageError: LTCError, Equatable {
    /// The SQLite result code (e.g. 5 for SQLITE_BUSY, 19 for a constraint); 0 for PostgreSQL.
    public var code: Int32
    /// PostgreSQL's SQLSTATE (e.g. `40001` for a serialization failure, `23505` for a duplicate key).
    public var sqlState: String?
    public var message: String
    public var sql: String?
    public var arguments: [String]

    public init(code: Int32, sqlState: String? = nil, message: String, sql: String? = nil, arguments: [String] = []) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
        self.arguments = arguments
    }

    public var kind: String { "storage" }

    public var details: JSONObject {
        var details: JSONObject = ["code": .integer(Int(code)), "message": .string(message)]
        if let sqlState { details.set("sqlState", .string(sqlState)) }
        if let sql { details.set("sql", .string(sql)) }
        if !arguments.isEmpty { details.set("arguments", .array(arguments.map { .string($0) })) }
        return details
    }

    public var description: String {
        var text = "database error \(sqlState ?? String(code)): \(message)"
        if let sql { text += " (in: \(sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")))" }
        return text
    }
}


extension StorageError: StorageFailure {}

extension StorageError {
    /// What a failure that may pass if tried again is, in words: a busy or
    /// locked database, a full disk; `nil` for any other failure.
    public var temporary: String? {
        switch (code, sqlState) {
        case (5, _), (6, _): "the database is busy: another writer held it longer than ltc waits; try again"
        case (13, _), (_, "53100"): "the disk holding the database is full: nothing was stored; free space and try again"
        case (_, "53200"), (_, "53300"): "the database server is out of memory or connections; try again"
        default: nil
        }
    }
}

extension StorageError {
    /// A stored row that does not read back as what it should be: which
    /// record, which column, and what it holds.
    public static func damaged(_ record: String, column: String, value: String?) -> StorageError {
        let shown = value.map { "'\($0.count > 80 ? String($0.prefix(80)) + "…" : $0)'" } ?? "NULL"
        return StorageError(code: 11, message: "stored \(record) is damaged: column \(column) holds \(shown)")
    }
}
