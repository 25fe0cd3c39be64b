import LTCCore

/// A failure of the database, with the SQL and the arguments that caused it.
/// Its ``storage`` kind is set by the connection that made it, from its
/// engine's codes; callers branch on the kind alone.
///
/// ```swift
/// throw StorageError(.constraint, message: "UNIQUE constraint failed: people.national_id", sql: sql)
/// ```
public struct StorageError: StorageFailure, Equatable {
    /// What went wrong, whichever engine it was.
    public var storage: StorageFailureKind
    /// The engine's message, on one line.
    public var message: String
    public var sql: String?
    public var arguments: [String]
    /// The engine's own code as a person reads it (`SQLite 2067`,
    /// `SQLSTATE 23505`), shown in ``description`` to diagnose a failure;
    /// nothing branches on it (only the connection that set it could).
    let engineCode: String?

    public init(_ storage: StorageFailureKind, message: String, sql: String? = nil, arguments: [String] = []) {
        self.init(storage, engineCode: nil, message: message, sql: sql, arguments: arguments)
    }

    /// A failure as a connection reports it, with its engine's code.
    init(_ storage: StorageFailureKind, engineCode: String?, message: String, sql: String? = nil, arguments: [String] = []) {
        self.storage = storage
        self.engineCode = engineCode
        self.message = Self.oneLine(message)
        self.sql = sql
        self.arguments = arguments
    }

    public var kind: String { "storage" }

    /// `storage` (the kind's name), `retryable`, `message`, and the `sql` and
    /// `arguments` where known (docs/protocol.md, code 1019).
    public var details: JSONObject {
        var details: JSONObject = ["storage": .string(storage.rawValue), "retryable": .bool(storage.retryable), "message": .string(message)]
        if let sql { details.set("sql", .string(sql)) }
        if !arguments.isEmpty { details.set("arguments", .array(arguments.map { .string($0) })) }
        return details
    }

    public var description: String {
        var text = "database error (\(storage)\(engineCode.map { ", \($0)" } ?? "")): \(message)"
        if let sql { text += " (in: \(Self.oneLine(sql)))" }
        return text
    }

    /// `text` on one line: its lines trimmed and joined by a space (libpq's
    /// messages go on with "\n\tIs the server running…"; SQL is written on many).
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else { return nil }
            return String(line[first...last])
        }.joined(separator: " ")
    }
}

extension StorageError {
    /// A stored row that does not read back as what it should be: which
    /// record, which column, and what it holds.
    public static func damaged(_ record: String, column: String, value: String?) -> StorageError {
        let shown = value.map { "'\($0.count > 80 ? String($0.prefix(80)) + "…" : $0)'" } ?? "NULL"
        return StorageError(.damaged, message: "stored \(record) is damaged: column \(column) holds \(shown)")
    }
}
