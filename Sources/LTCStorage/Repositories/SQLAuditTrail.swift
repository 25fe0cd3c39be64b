import LTCCases
import LTCCore

/// The audit trail in the `events` table, which triggers keep append-only;
/// each event with the credential its request came with, if any.
struct SQLAuditTrail<Database: SQLConnection>: AuditTrail {
    let database: Database

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
        try database.run("""
            INSERT INTO events (recorded_at, as_of, actor, subject, action, outcome, reason, before, after, credential)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(event.recordedAt), .text(event.asOf.description), .text(event.actor), .text(event.subject),
                  .text(event.action), .text(event.outcome.rawValue), SQLValue(event.reason),
                  SQLValue(event.before.map { JSONWriter.string($0) }), SQLValue(event.after.map { JSONWriter.string($0) }),
                  SQLValue(event.credential)])
    }
}
