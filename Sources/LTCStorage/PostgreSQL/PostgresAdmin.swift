/// One-off statements on a PostgreSQL server, outside any store: creating a
/// schema or a database for tests and benchmarks.
///
/// ```swift
/// try PostgresAdmin.run(on: "postgresql://postgres@localhost:5432/postgres", "CREATE DATABASE ltc")
/// ```
public enum PostgresAdmin {
    /// Runs `sql` (one or more statements, no arguments) on a connection of its own.
    public static func run(on uri: String, _ sql: String) throws {
        try PostgresConnection(uri: uri).execute(sql)
    }

    /// The first column of each row `sql` returns, as text.
    public static func values(on uri: String, _ sql: String) throws -> [String?] {
        try PostgresConnection(uri: uri).query(sql) { $0.text(0) }
    }

    /// Runs `COPY … FROM STDIN` with `bytes` as its input; returns the seconds it took, sending included.
    public static func copy(on uri: String, _ sql: String, bytes: [UInt8]) throws -> Double {
        let connection = try PostgresConnection(uri: uri)
        return try connection.copy(sql, bytes: bytes)
    }
}
