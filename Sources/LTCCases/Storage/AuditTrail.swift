/// The append-only audit trail: every change and every refused attempt.
/// Nothing ever edits or removes an event (the store refuses to).
public protocol AuditTrail {
    /// Appends an event; the store numbers it.
    func append(_ event: AuditEvent) throws
    /// The events about one subject (`case:12`, `person:3`, …), oldest first.
    func events(subject: String) throws -> [AuditEvent]
}
