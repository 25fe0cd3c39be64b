@testable import LTCStorage
import LTCTestSupport
import Testing

/// What `insertRows` sends as one JSON argument (fewer than 500 rows) or by
/// COPY (more) arrives as it was sent: texts with quotes, backslashes,
/// control characters and any Unicode, empty texts apart from NULL, blobs
/// of every byte, the extreme integers, a long text.
@Suite("PostgreSQL row sets arrive as sent", .enabled(if: TestStore.Engine.postgresURI != nil, "no PostgreSQL server for tests"))
struct PostgresRowSetTests {
    static let texts: [String?] = [
        "plain", "", nil, "quote \" and backslash \\ and \\\\x00", "tab\tnewline\nreturn\r\u{1}\u{1F}\u{7F}", "é 😀 \u{2028} 中文",
        "\\N", "{\"a\":1}", "null", String(repeating: "長", count: 100_000),
    ]
    static let blobs: [[UInt8]] = [[], Array(0...255), [0x5C, 0x78, 0x30]]

    @Test("by JSON and by COPY", arguments: [3, 600])
    func roundTrip(rows: Int) throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let database = try PostgresConnection(uri: uri)
        try database.execute("CREATE TABLE \"Odd Table\" (n BIGINT NOT NULL, t TEXT, b BYTEA, i BIGINT, d BIGINT NOT NULL DEFAULT 7)")
        func text(_ index: Int) -> String? { Self.texts[index % Self.texts.count] }
        func blob(_ index: Int) -> [UInt8] { Self.blobs[index % Self.blobs.count] }
        func integer(_ index: Int) -> Int? { [Int.min, Int.max, 0, -1, nil][index % 5] }
        try database.insertRows(into: "\"Odd Table\"", columns: ["n", "t", "b", "i"], count: rows) { index, row in
            row.bind(1, index); row.bind(2, text(index)); row.bind(3, blob(index)); row.bind(4, integer(index))
        }
        let read = try database.query("SELECT n, t, encode(b, 'hex'), i, d FROM \"Odd Table\" ORDER BY n") { row in
            (row.integer(0), row.text(1), row.text(2), row.integer(3), row.integer(4))
        }
        #expect(read.count == rows)
        for (index, row) in read.enumerated() {
            #expect(row.0 == index)
            #expect(row.1 == text(index), "row \(index)")
            #expect(row.2 == blob(index).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
            #expect(row.3 == integer(index))
            #expect(row.4 == 7, "a column not written takes its default")
        }
    }
}

@Suite("PostgreSQL bulk upserts outside a transaction", .enabled(if: TestStore.Engine.postgresURI != nil, "no PostgreSQL server for tests"))
struct PostgresUpsertAutocommitTests {
    @Test("500 rows and more upserted with no transaction open are all written")
    func autocommit() throws {
        let (uri, schema) = try TestStore.freshSchema()
        defer { TestStore.drop(schema: schema) }
        let database = try PostgresConnection(uri: uri)
        try database.execute("CREATE TABLE pairs (k BIGINT PRIMARY KEY, v BIGINT NOT NULL)")
        let count = PostgresConnection.copyThreshold + 10
        try database.upsertRows(into: "pairs", columns: ["k", "v"], conflict: "(k) DO UPDATE SET v = excluded.v", count: count) { index, row in
            row.bind(1, index); row.bind(2, index)
        }
        #expect(try database.query("SELECT COUNT(*) FROM pairs") { $0.integer(0) } == [count])
    }
}
