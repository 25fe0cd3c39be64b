import CLibPQ
import Dispatch
import LTCCore

/// One connection to a PostgreSQL server through the system's libpq
/// (`libpq-dev`), used by one thread at a time (``PostgresStore`` serialises
/// access to it).
///
/// ```swift
/// let connection = try PostgresConnection(uri: "postgresql://ltc@localhost:5432/ltc")
/// try connection.run("INSERT INTO assessors (id, name, qualification) VALUES (?, ?, ?)", ["A01", "王芳", "care"])
/// ```
///
/// Statements are written with `?` placeholders, as for SQLite, and
/// translated once to PostgreSQL's `$1`, `$2`; each is prepared on the
/// server the first time and reused. Arguments travel as text (PostgreSQL
/// infers their types from where they stand), blobs as binary `bytea`.
/// Many rows are inserted with `COPY … FROM STDIN`, a few with statements.
public final class PostgresConnection {
    private let handle: OpaquePointer
    /// Statements seen on this connection, by their SQL as written.
    private var statements: [String: Statement] = [:]
    private var preparedCount = 0

    /// A statement translated to PostgreSQL's placeholders; prepared on the
    /// server (`name`) from its second use, run unnamed before that (one round
    /// trip instead of two for a statement a process runs once).
    private struct Statement {
        var translated: String
        var parameters: Int
        var name: String?
        var uses = 0
    }
    /// Rows returned by queries on this connection so far: what a request read.
    public private(set) var rowsRead = 0
    /// Whether the transaction under way recorded an audit event, which
    /// ``PostgresStore`` chains once it commits.
    var auditEventsToChain = false

    /// From this many rows on, ``insertRows(into:columns:count:bind:)`` uses COPY.
    static let copyThreshold = 500
    /// Whether this session may create a temporary table (the database's
    /// `TEMPORARY` privilege), read at the first bulk upsert: the runtime
    /// role of docs/security.md has only `CONNECT` (`REVOKE ALL ON DATABASE
    /// … FROM PUBLIC` takes `TEMPORARY` from every role), and without it
    /// ``upsertRows(into:columns:conflict:count:bind:)`` sends its rows as
    /// JSON rather than through a staging table.
    private var mayCreateTemporaryTables: Bool?

    /// Connects to the server a libpq connection URI names
    /// (`postgresql://USER@HOST:PORT/DBNAME`, or `postgres://…`).
    public init(uri: String) throws(StorageError) {
        guard let connection = PQconnectdb(uri) else { throw StorageError(.other, message: "\(Self.redacted(uri)): cannot allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            // No server answered (or it refused this user or database): the server is unavailable to ltc.
            throw StorageError(.unavailable, engineCode: nil, message: "cannot connect to \(Self.redacted(uri)): \(message)")
        }
        handle = connection
        try execute(Self.sessionSettings)
    }

    deinit {
        PQfinish(handle)
    }

    /// `uri` without its password, for messages.
    static func redacted(_ uri: String) -> String {
        var text = uri
        // A password in the query (`?password=…`, `&sslpassword=…`), to the next `&` or the end.
        for key in ["password=", "sslpassword="] {
            var searchFrom = text.startIndex
            while let found = text.range(of: key, range: searchFrom..<text.endIndex) {
                let isParameter = found.lowerBound > text.startIndex && "?&".contains(text[text.index(before: found.lowerBound)])
                let end = text[found.upperBound...].firstIndex(of: "&") ?? text.endIndex
                if isParameter { text.replaceSubrange(found.upperBound..<end, with: "***") }
                searchFrom = text.index(found.upperBound, offsetBy: isParameter ? 3 : 0, limitedBy: text.endIndex) ?? text.endIndex
            }
        }
        // A password before the host (`user:password@`).
        let query = text.firstIndex(of: "?") ?? text.endIndex
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound..<query].lastIndex(of: "@"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// Runs SQL without arguments (may hold several statements).
    public func execute(_ sql: String) throws(StorageError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql, [])
    }

    // MARK: Statements

    /// Runs one statement with arguments; returns the rows changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws(StorageError) -> Int {
        let result = try execute(sql, arguments)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The rows of a query, each read by `row`.
    @discardableResult
    public func query<T>(_ sql: String, _ arguments: [SQLValue] = [], row: (PostgresRow) throws -> T) throws -> [T] {
        let result = try execute(sql, arguments)
        defer { PQclear(result) }
        let count = PQntuples(result)
        rowsRead += Int(count)
        var rows: [T] = []
        rows.reserveCapacity(Int(count))
        for index in 0..<count {
            do {
                rows.append(try row(PostgresRow(result: result, row: index)))
            } catch let error as StorageError {
                throw error
            } catch {
                throw StorageError(.other, message: "cannot read a row: \(error)", sql: sql, arguments: arguments.map(\.description))
            }
        }
        return rows
    }

    /// Rows sent in one pipeline before their results are read: few enough
    /// that the results never fill the socket's buffers while both sides write.
    static let pipelineDepth = 512

    /// Runs one prepared statement once per row. The rows go in libpq's
    /// pipeline mode, up to ``pipelineDepth`` at a time, so that a round trip
    /// to the server is paid per group of rows, not per row.
    public func runRows(_ sql: String, count: Int, bind: (Int, inout PostgresBinder) -> Void) throws(StorageError) {
        guard count > 0 else { return }
        let statement = try prepared(sql)
        var binder = PostgresBinder(count: statement.parameters)
        guard PQenterPipelineMode(handle) == 1 else { throw failure("cannot enter pipeline mode: " + String(cString: PQerrorMessage(handle)), sql) }
        defer { PQexitPipelineMode(handle) }
        var first = 0
        while first < count {
            let end = min(count, first + Self.pipelineDepth)
            for index in first..<end {
                binder.reset()
                bind(index, &binder)
                let sent = binder.withParameters { values, lengths, formats in
                    PQsendQueryPrepared(handle, statement.name, Int32(statement.parameters), values, lengths, formats, 0)
                }
                guard sent == 1 else { break }
            }
            guard PQpipelineSync(handle) == 1 else {
                throw failure(String(cString: PQerrorMessage(handle)), sql)
            }
            if let failure = drainPipeline(sql, rows: first..<end, of: count) { throw failure }
            first = end
        }
    }

    /// Reads the results of a pipeline up to its sync point; the first failure, if any, with the row it was for.
    private func drainPipeline(_ sql: String, rows: Range<Int>, of count: Int) -> StorageError? {
        var failure: StorageError?
        var row = rows.lowerBound
        while true {
            guard let result = PQgetResult(handle) else {
                // The end of one statement's results; more ends than statements means the connection is gone.
                row += 1
                if row > rows.upperBound + 1 {
                    return failure ?? StorageError(.unavailable, engineCode: nil, message: String(cString: PQerrorMessage(handle)), sql: sql)
                }
                continue
            }
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC { return failure }
            if status == PGRES_PIPELINE_ABORTED { continue }
            if failure == nil {
                do {
                    try check(result, sql, [])
                } catch {
                    var error = error
                    error.message += " (row \(row + 1) of \(count))"
                    failure = error
                }
            }
        }
    }

    /// Inserts rows with `COPY … FROM STDIN` (text format) when there are
    /// many, with one `INSERT … SELECT` of all of them when there are few
    /// (``withRowSet(columns:count:bind:_:)``): one statement, not one per
    /// row, so that the table's statement triggers run once (`service_logs`
    /// adds its log ids to `service_log_ids` per statement: a 100-log batch
    /// ran that trigger 100 times) and the rows cost one round trip.
    public func insertRows(into table: String, columns: [String], count: Int, bind: (Int, inout PostgresBinder) -> Void) throws(StorageError) {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        guard count >= Self.copyThreshold else {
            try withRowSet(columns: columns, count: count, bind: bind) { rows throws(StorageError) in
                try run("INSERT INTO \(table) (\(names)) SELECT \(names) FROM jsonb_populate_recordset(NULL::\(table), CAST(? AS jsonb))", [.text(rows)])
            }
            return
        }
        try copyRows(into: table, names: names, columns: columns.count, count: count, bind: bind)
    }

    /// Inserts rows into `table` or, where one with the same key is there
    /// (`conflict`: `(key columns) DO UPDATE SET …`, naming the new row
    /// `excluded`), updates it: in one `INSERT … SELECT … ON CONFLICT`
    /// whatever the number of rows. Many rows go first by COPY into a
    /// temporary table of the same columns (`pg_temp.ltc_stage_TABLE`,
    /// emptied by the statement that moves them): parsing ten thousand rows
    /// of COPY costs the server a tenth of parsing them as JSON. A few go
    /// as one JSON argument (one round trip, and no temporary table for a
    /// short-lived process to create).
    public func upsertRows(into table: String, columns: [String], conflict: String, count: Int,
                           bind: (Int, inout PostgresBinder) -> Void) throws(StorageError) {
        guard count > 0 else { return }
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        guard count >= Self.copyThreshold, try mayStage() else {
            try withRowSet(columns: columns, count: count, bind: bind) { rows throws(StorageError) in
                try run("""
                    INSERT INTO \(table) (\(names)) SELECT \(names) FROM jsonb_populate_recordset(NULL::\(table), CAST(? AS jsonb))
                    ON CONFLICT \(conflict)
                    """, [.text(rows)])
            }
            return
        }
        // A session's temporary table, made at its first bulk; ON COMMIT DELETE ROWS empties it should a statement fail halfway.
        let stage = "pg_temp.ltc_stage_\(table)"
        // Outside a transaction each statement commits, and the COPY's commit would empty the stage before the INSERT read it.
        let own = PQtransactionStatus(handle) == PQTRANS_IDLE
        if own { try execute("BEGIN") }
        do {
            try execute("CREATE TEMP TABLE IF NOT EXISTS ltc_stage_\(table) (LIKE \(table)) ON COMMIT DELETE ROWS")
            try copyRows(into: stage, names: names, columns: columns.count, count: count, bind: bind)
            try run("""
                WITH staged AS (DELETE FROM \(stage) RETURNING \(names))
                INSERT INTO \(table) (\(names)) SELECT \(names) FROM staged ON CONFLICT \(conflict)
                """, [])
        } catch {
            if own { try? execute("ROLLBACK") }
            throw error
        }
        if own { try execute("COMMIT") }
    }

    /// Deletes the rows of `table` whose `keys` columns equal each bound
    /// row's, in one `DELETE … USING` over the rows sent as one JSON argument.
    public func deleteRows(from table: String, keys: [String], count: Int, bind: (Int, inout PostgresBinder) -> Void) throws(StorageError) {
        try withRowSet(columns: keys, count: count, bind: bind) { rows throws(StorageError) in
            let matches = keys.map { "t.\"\($0)\" = gone.\"\($0)\"" }.joined(separator: " AND ")
            try run("DELETE FROM \(table) t USING jsonb_populate_recordset(NULL::\(table), CAST(? AS jsonb)) gone WHERE \(matches)", [.text(rows)])
        }
    }

    /// Whether ``upsertRows(into:columns:conflict:count:bind:)`` may stage rows in a temporary table (read once per session).
    private func mayStage() throws(StorageError) -> Bool {
        if let known = mayCreateTemporaryTables { return known }
        let allowed: Bool
        do {
            allowed = try query("SELECT has_database_privilege(current_database(), 'TEMPORARY')") { $0.text(0) == "t" }.first ?? false
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.other, message: "\(error)")
        }
        mayCreateTemporaryTables = allowed
        return allowed
    }

    /// Runs `body` with the rows as one JSON text: an array of objects, each
    /// value under its column's name, for `jsonb_populate_recordset(NULL::TABLE, …)`
    /// to convert by the table's column types.
    func withRowSet(columns: [String], count: Int, bind: (Int, inout PostgresBinder) -> Void,
                    _ body: (String) throws(StorageError) -> Void) throws(StorageError) {
        guard count > 0 else { return }
        var binder = PostgresBinder(count: columns.count)
        let keys = columns.map { name in
            var key: [UInt8] = []
            JSONWriter.write(.string(name), into: &key)
            return key
        }
        var json: [UInt8] = [UInt8(ascii: "[")]
        for index in 0..<count {
            binder.reset()
            bind(index, &binder)
            if index > 0 { json.append(UInt8(ascii: ",")) }
            binder.appendJSONObject(keys: keys, to: &json)
        }
        json.append(UInt8(ascii: "]"))
        try body(String(decoding: json, as: UTF8.self))
    }

    /// Sends `count` rows by `COPY table (names) FROM STDIN`, in blocks of 64 KiB.
    private func copyRows(into table: String, names: String, columns: Int, count: Int,
                          bind: (Int, inout PostgresBinder) -> Void) throws(StorageError) {
        var binder = PostgresBinder(count: columns)
        var index = 0
        try copyIn("COPY \(table) (\(names)) FROM STDIN") { block in
            while index < count, block.count < 1 << 16 {
                binder.reset()
                bind(index, &binder)
                binder.appendCopyLine(to: &block)
                index += 1
            }
            return index < count
        }
    }

    /// Runs `sql` (a `COPY … FROM STDIN`) with `bytes` as its input; returns the seconds it took.
    func copy(_ sql: String, bytes: [UInt8]) throws(StorageError) -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        var offset = 0
        try copyIn(sql) { block in
            block += bytes[offset..<min(offset + (1 << 16), bytes.count)]
            offset += block.count
            return offset < bytes.count
        }
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// Runs a `COPY … FROM STDIN`, sending each block `fill` appends to
    /// (it returns whether more will follow); a failure ends the COPY, and
    /// the server's refusal, if any, is thrown.
    private func copyIn(_ sql: String, _ fill: (inout [UInt8]) -> Bool) throws(StorageError) {
        let start = PQexec(handle, sql)
        defer { PQclear(start) }
        guard PQresultStatus(start) == PGRES_COPY_IN else { try check(start, sql, []); return }
        var failure: StorageError?
        var block: [UInt8] = []
        block.reserveCapacity(1 << 17)
        var more = true
        while more, failure == nil {
            more = fill(&block)
            if !block.isEmpty { failure = send(&block, sql) }
        }
        if let failure {
            _ = PQputCopyEnd(handle, "ltc: \(failure.message)")
        } else {
            _ = PQputCopyEnd(handle, nil)
        }
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if failure == nil {
                do { try check(result, sql, []) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    private func send(_ buffer: inout [UInt8], _ sql: String) -> StorageError? {
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        buffer.removeAll(keepingCapacity: true)
        return sent == 1 ? nil : failure(String(cString: PQerrorMessage(handle)), sql)
    }

    private func execute(_ sql: String, _ arguments: [SQLValue]) throws(StorageError) -> OpaquePointer? {
        var statement = statements[sql] ?? Self.statement(sql)
        guard statement.parameters == arguments.count else {
            throw StorageError(.other, message: "expected \(statement.parameters) arguments, given \(arguments.count)", sql: sql,
                               arguments: arguments.map(\.description))
        }
        statement.uses += 1
        if statement.name == nil, statement.uses > 1 { statement = try prepare(sql, statement) }
        statements[sql] = statement
        var binder = PostgresBinder(count: arguments.count)
        for (index, argument) in arguments.enumerated() {
            let position = Int32(index + 1)
            switch argument {
            case .null: binder.bind(position, nil as String?)
            case .integer(let number): binder.bind(position, number)
            case .text(let text): binder.bind(position, text)
            case .blob(let bytes): binder.bind(position, bytes)
            }
        }
        let result = binder.withParameters { values, lengths, formats in
            if let name = statement.name {
                PQexecPrepared(handle, name, Int32(statement.parameters), values, lengths, formats, 0)
            } else {
                PQexecParams(handle, statement.translated, Int32(statement.parameters), nil, values, lengths, formats, 0)
            }
        }
        do {
            try check(result, sql, arguments)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    /// The server-side prepared statement for `sql`, prepared now if it is not yet.
    private func prepared(_ sql: String) throws(StorageError) -> (name: String, parameters: Int) {
        var statement = statements[sql] ?? Self.statement(sql)
        if statement.name == nil { statement = try prepare(sql, statement) }
        statements[sql] = statement
        return (statement.name!, statement.parameters)
    }

    private func prepare(_ sql: String, _ statement: Statement) throws(StorageError) -> Statement {
        let name = "ltc\(preparedCount + 1)"
        let result = PQprepare(handle, name, statement.translated, 0, nil)
        defer { PQclear(result) }
        try check(result, statement.translated, [])
        preparedCount += 1
        var named = statement
        named.name = name
        return named
    }

    private static func statement(_ sql: String) -> Statement {
        let (translated, parameters) = translate(sql)
        return Statement(translated: translated, parameters: parameters)
    }

    /// `sql` with `?` and `?N` placeholders as `$N`, and how many parameters
    /// it takes; quoted texts and names are left alone.
    static func translate(_ sql: String) -> (String, Int) {
        var output: [UInt8] = []
        output.reserveCapacity(sql.utf8.count + 16)
        let bytes = Array(sql.utf8)
        var index = 0, next = 0, highest = 0
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                output.append(byte)
                if byte == open { quote = nil }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                output.append(byte)
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "?") else {
                output.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            let number: Int
            if end > index + 1 {
                number = Int(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) ?? 0
            } else {
                next += 1
                number = next
            }
            highest = max(highest, number)
            output.append(contentsOf: "$\(number)".utf8)
            index = end
        }
        return (String(decoding: output, as: UTF8.self), highest)
    }

    /// Throws unless `result` is a success, with the kind its SQLSTATE
    /// says; a failure without one (libpq's own: the connection was lost) is
    /// of the kind the connection's state says.
    private func check(_ result: OpaquePointer?, _ sql: String, _ arguments: [SQLValue]) throws(StorageError) {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return
        default:
            let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) }
            let primary = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
            let message = primary ?? String(cString: PQerrorMessage(handle))
            guard let state else { throw failure(message, sql, arguments) }
            throw StorageError(Self.kind(of: state), engineCode: "SQLSTATE \(state)", message: message, sql: sql,
                               arguments: arguments.map(\.description))
        }
    }

    /// A failure libpq reports without an SQLSTATE: `unavailable` if the
    /// connection is gone (the server closed it, the network dropped), else `other`.
    private func failure(_ message: String, _ sql: String, _ arguments: [SQLValue] = []) -> StorageError {
        StorageError(PQstatus(handle) == CONNECTION_OK ? .other : .unavailable, engineCode: nil, message: message, sql: sql,
                     arguments: arguments.map(\.description))
    }

    /// What an SQLSTATE means whichever engine: the only place ltc reads PostgreSQL's codes.
    ///
    /// Out of memory (`53200`) and too many connections (`53300`) are `busy`,
    /// not `unavailable`: the server is there and answered, and only has no
    /// room for this work at the moment, as a busy SQLite file has none; it
    /// passes once others are done (exit 75, try again), where `unavailable`
    /// (exit 69) says the server itself cannot be reached. A lock not had in
    /// time (`55P03`, `lock_timeout`) is `busy` too.
    static func kind(of state: String) -> StorageFailureKind {
        switch state {
        case "40001", "40P01": .conflict                        // serialization_failure, deadlock_detected
        case "53100": .diskFull                                 // disk_full
        case "53200", "53300", "55P03": .busy                   // out_of_memory, too_many_connections, lock_not_available
        case "25006": .readOnly                                 // read_only_sql_transaction (a replica, a read-only session)
        case "XX001", "XX002": .damaged                         // data_corrupted, index_corrupted
        case "57P01", "57P02", "57P03": .unavailable            // admin_shutdown, crash_shutdown, cannot_connect_now
        case _ where state.hasPrefix("08"): .unavailable         // connection_exception and its subclasses
        case _ where state.hasPrefix("23"): .constraint          // integrity_constraint_violation: unique, foreign key, check, not null
        default: .other
        }
    }

    /// Connects again if the connection was lost (the server restarted, or
    /// ended this session), so that a long-lived process such as `ltc rpc`
    /// recovers at its next transaction; the statements prepared on the old
    /// session are forgotten.
    func reconnectIfLost() throws(StorageError) {
        guard PQstatus(handle) != CONNECTION_OK else { return }
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw StorageError(.unavailable, engineCode: nil, message: "the connection to the server was lost and could not be made again: "
                               + String(cString: PQerrorMessage(handle)))
        }
        statements.removeAll()
        try execute(Self.sessionSettings)
    }

    /// What every session sets: notices and warnings ("relation already exists, skipping", "no transaction in progress" after a failed
    /// commit) are not for the user; times are UTC; plans are generic, so that a statement on the partitioned logs is planned once per
    /// connection, not at every run. No JIT compilation: a write transaction turns sequential scans off (``PostgresStore``), which
    /// makes every plan that still scans a table (a temporary one, a small table without a useful index) cost over `jit_above_cost`,
    /// and the server then compiled such a statement at each run: 30–100 ms for a statement of 1 ms (issue 32: the set-based
    /// ledger upsert through its staging table, and `SELECT DISTINCT time_zone FROM schemes` at the start of each submission).
    static let sessionSettings = "SET client_min_messages = error; SET TIME ZONE 'UTC'; SET plan_cache_mode = force_generic_plan; SET jit = off"
}

extension PostgresConnection: SQLConnection {
    /// Lists as `= ANY(ARRAY(…))`: the array is computed once, and the
    /// planner looks each element up in the column's index whatever it
    /// guesses of the list's length (an `IN (SELECT …)` over a JSON function
    /// may be planned as a scan of the whole table). A pair is matched on
    /// each column's list, which the key answers, and then as a pair.
    static let dialect = SQLDialect(
        integerIn: { column, placeholder in "\(column) = ANY(ARRAY(SELECT json_array_elements_text(CAST(\(placeholder) AS json))::bigint))" },
        textIn: { column, placeholder in "\(column) = ANY(ARRAY(SELECT json_array_elements_text(CAST(\(placeholder) AS json))))" },
        pairIn: { first, second, placeholder in
            """
            \(first) = ANY(ARRAY(SELECT e ->> 0 FROM json_array_elements(CAST(\(placeholder) AS json)) e)) \
            AND \(second) = ANY(ARRAY(SELECT e ->> 1 FROM json_array_elements(CAST(\(placeholder) AS json)) e)) \
            AND (\(first), \(second)) IN (SELECT e ->> 0, e ->> 1 FROM json_array_elements(CAST(\(placeholder) AS json)) e)
            """
        },
        dayNumber: { "(\($0)::date - DATE '1970-01-01')" },
        monthScanSettings: [("enable_seqscan", "on"), ("enable_sort", "off")], keyedText: { "(\($0) || '')" }, locksLedger: true)

    /// Notes the event, for ``PostgresStore`` to chain after the commit.
    func auditEventAppended() throws {
        auditEventsToChain = true
    }
}

/// The current row of a PostgreSQL result (text format).
public struct PostgresRow: SQLRow {
    let result: OpaquePointer?
    let row: Int32

    public func text(_ column: Int32) -> String? {
        guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
        return String(cString: value)
    }

    public func integer(_ column: Int32) -> Int? {
        guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
        let length = Int(PQgetlength(result, row, column))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            Self.integer(UnsafeBufferPointer(start: bytes, count: length))
        }
    }

    /// A decimal integer, as PostgreSQL writes bigint, and numeric sums of them.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0, negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; index = 1 }
        guard index < bytes.count else { return nil }
        var value = 0
        while index < bytes.count {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(negative ? -digit : digit)
            guard !overflow, !overflow2 else { return nil }
            value = added
            index += 1
        }
        return value
    }

    /// A `bytea` column (hex text, `\x0a0b…`) decoded, valid only while `body` runs.
    public func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
        let length = Int(PQgetlength(result, row, column))
        var bytes: [UInt8] = []
        value.withMemoryRebound(to: UInt8.self, capacity: length) { text in
            guard length >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x") else { return }
            bytes.reserveCapacity((length - 2) / 2)
            var index = 2
            while index + 1 < length {
                bytes.append(Self.nibble(text[index]) << 4 | Self.nibble(text[index + 1]))
                index += 2
            }
        }
        return try bytes.withUnsafeBytes { try body($0) }
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit &- UInt8(ascii: "A") &+ 10
        }
    }
}

/// One row's values for a PostgreSQL statement or a COPY line, by 1-based position.
public struct PostgresBinder: SQLBinder {
    enum Value {
        case null
        case text([UInt8])
        case bytes([UInt8])
    }

    private var values: [Value]

    init(count: Int) {
        values = Array(repeating: .null, count: count)
    }

    mutating func reset() {
        for index in values.indices { values[index] = .null }
    }

    public mutating func bind(_ position: Int32, _ value: Int?) {
        values[Int(position) - 1] = value.map { .text(Array(String($0).utf8)) } ?? .null
    }

    public mutating func bind(_ position: Int32, _ value: String?) {
        values[Int(position) - 1] = value.map { .text(Array($0.utf8)) } ?? .null
    }

    public mutating func bind(_ position: Int32, _ bytes: [UInt8]) {
        values[Int(position) - 1] = .bytes(bytes)
    }

    /// The values as libpq's parallel arrays: pointers (NUL-terminated texts), lengths, and formats (1 for binary).
    /// Every value is copied into one buffer, so that one pointer to it keeps them all valid while `body` runs.
    func withParameters<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T) -> T {
        var buffer: [CChar] = []
        var offsets: [Int?] = [], lengths: [Int32] = [], formats: [Int32] = []
        for value in values {
            switch value {
            case .null:
                offsets.append(nil); lengths.append(0); formats.append(0)
            case .text(let bytes), .bytes(let bytes):
                offsets.append(buffer.count)
                buffer += bytes.lazy.map { CChar(bitPattern: $0) }
                // A terminating NUL for text; and a byte at all, so that empty binary is not NULL.
                buffer.append(0)
                lengths.append(Int32(bytes.count))
                if case .bytes = value { formats.append(1) } else { formats.append(0) }
            }
        }
        return buffer.withUnsafeBufferPointer { base in
            let pointers = offsets.map { $0.map { UnsafePointer(base.baseAddress! + $0) } }
            return pointers.withUnsafeBufferPointer { pointers in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in body(pointers.baseAddress, lengths.baseAddress, formats.baseAddress) }
                }
            }
        }
    }

    /// Appends the row as one JSON object, each value under its column's
    /// key (`keys`, JSON texts): texts as strings, blobs as `bytea`'s hex
    /// text (`\\x0a0b…`), NULL as null.
    func appendJSONObject(keys: [[UInt8]], to buffer: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        buffer.append(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer += keys[index]
            buffer.append(UInt8(ascii: ":"))
            switch value {
            case .null:
                buffer += Array("null".utf8)
            case .text(let bytes):
                buffer.append(UInt8(ascii: "\""))
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(byte)
                    case 0..<0x20:
                        buffer += Array("\\u00".utf8); buffer.append(digits[Int(byte >> 4)]); buffer.append(digits[Int(byte & 15)])
                    default: buffer.append(byte)
                    }
                }
                buffer.append(UInt8(ascii: "\""))
            case .bytes(let bytes):
                buffer += Array("\"\\\\x".utf8)
                for byte in bytes {
                    buffer.append(digits[Int(byte >> 4)]); buffer.append(digits[Int(byte & 15)])
                }
                buffer.append(UInt8(ascii: "\""))
            }
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Appends the row as one line of COPY's text format: tab-separated,
    /// `\N` for NULL, backslash escapes for tab, newline, return and backslash.
    func appendCopyLine(to buffer: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            switch value {
            case .null:
                buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "N"))
            case .text(let bytes):
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
                    case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
                    case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
                    default: buffer.append(byte)
                    }
                }
            case .bytes(let bytes):
                buffer.append(contentsOf: Array("\\\\x".utf8))
                let digits = Array("0123456789abcdef".utf8)
                for byte in bytes {
                    buffer.append(digits[Int(byte >> 4)]); buffer.append(digits[Int(byte & 15)])
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}
