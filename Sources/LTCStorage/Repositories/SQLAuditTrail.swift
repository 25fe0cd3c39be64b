import LTCCases
import LTCCore

/// The audit trail in the `events` table, which triggers keep append-only;
/// each event with the credential its request came with, if any. Each
/// event is queued in `event_queue` as it is recorded and linked into the
/// hash chain in `event_chain` (``SQLAuditChain``): at once on SQLite,
/// after the transaction commits on PostgreSQL (``SQLConnection/auditEventAppended()``).
struct SQLAuditTrail<Database: SQLConnection>: AuditTrail {
    let database: Database

    /// The columns of an event as ``record(_:from:)`` reads them, of the table aliased `alias`.
    static func recordColumns(_ alias: String) -> String {
        ["seq", "recorded_at", "as_of", "actor", "subject", "action", "outcome", "reason", "before", "after", "credential"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The event as stored, from the columns of ``recordColumns(_:)`` starting at `first`; `nil` where they are null (no such event).
    static func record(_ row: Database.Row, from first: Int32) throws -> AuditRecord? {
        guard let sequence = row.integer(first) else { return nil }
        let reader = RowReader(row, record: "audit event \(sequence)")
        return AuditRecord(sequence: sequence, recordedAt: try reader.text(first + 1, "recorded_at"), asOf: try reader.text(first + 2, "as_of"),
                           actor: try reader.text(first + 3, "actor"), subject: try reader.text(first + 4, "subject"),
                           action: try reader.text(first + 5, "action"), outcome: try reader.text(first + 6, "outcome"),
                           reason: reader.optionalText(first + 7), before: reader.optionalText(first + 8), after: reader.optionalText(first + 9),
                           credential: reader.optionalText(first + 10))
    }

    func events(subject: String) throws -> [AuditEvent] {
        try database.query("""
            SELECT seq, recorded_at, as_of, actor, subject, action, outcome, reason, before, after, credential
            FROM events WHERE subject = ? ORDER BY seq
            """, [.text(subject)]) { row in
            let sequence = try RowReader(row, record: "audit event").integer(0, "seq")
            let reader = RowReader(row, record: "audit event \(sequence)")
            func json(_ column: Int32, _ name: String) throws -> JSONValue? {
                guard let text = reader.optionalText(column) else { return nil }
                guard let value = try? JSONParser.parse(text) else { throw StorageError.damaged("audit event \(sequence)", column: name, value: text) }
                return value
            }
            return AuditEvent(sequence: sequence, recordedAt: try reader.text(1, "recorded_at"), asOf: try reader.value(2, "as_of", CalendarDate.init),
                              actor: try reader.text(3, "actor"), subject: try reader.text(4, "subject"), action: try reader.text(5, "action"),
                              outcome: try reader.value(6, "outcome", AuditEvent.Outcome.init(rawValue:)), reason: reader.optionalText(7),
                              before: try json(8, "before"), after: try json(9, "after"), credential: reader.optionalText(10))
        }
    }

    func append(_ event: AuditEvent) throws {
        let record = AuditRecord(event, sequence: 0)
        guard let sequence = try database.query("""
            INSERT INTO events (recorded_at, as_of, actor, subject, action, outcome, reason, before, after, credential)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq
            """, [.text(record.recordedAt), .text(record.asOf), .text(record.actor), .text(record.subject), .text(record.action),
                  .text(record.outcome), SQLValue(record.reason), SQLValue(record.before), SQLValue(record.after), SQLValue(record.credential)],
            row: { $0.integer(0) }).first, let sequence else {
            throw StorageError(.other, message: "an audit event was stored without a number")
        }
        try database.run("INSERT INTO event_queue (seq) VALUES (?)", [.integer(sequence)])
        try database.auditEventAppended()
    }

    func chain(after position: Int, limit: Int) throws -> [ChainLink] {
        try database.query("""
            SELECT c.position, c.seq, c.previous, c.hash, \(Self.recordColumns("e"))
            FROM event_chain c LEFT JOIN events e ON e.seq = c.seq WHERE c.position > ? ORDER BY c.position LIMIT ?
            """, [.integer(position), .integer(limit)], row: Self.link)
    }

    func link(at position: Int) throws -> ChainLink? {
        try database.query("""
            SELECT c.position, c.seq, c.previous, c.hash, \(Self.recordColumns("e"))
            FROM event_chain c LEFT JOIN events e ON e.seq = c.seq WHERE c.position = ?
            """, [.integer(position)], row: Self.link).first
    }

    private static func link(_ row: Database.Row) throws -> ChainLink {
        let reader = RowReader(row, record: "audit chain link")
        return ChainLink(position: try reader.integer(0, "position"), sequence: try reader.integer(1, "seq"), previous: try reader.text(2, "previous"),
                         hash: try reader.text(3, "hash"), record: try record(row, from: 4))
    }

    func unchained(after sequence: Int, limit: Int) throws -> [UnchainedEvent] {
        try database.query("""
            SELECT e.seq, q.seq FROM events e LEFT JOIN event_queue q ON q.seq = e.seq
            WHERE e.seq > ? AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.seq = e.seq) ORDER BY e.seq LIMIT ?
            """, [.integer(sequence), .integer(limit)]) { row in
            UnchainedEvent(sequence: try RowReader(row, record: "audit event").integer(0, "seq"), queued: row.integer(1) != nil)
        }
    }
}
