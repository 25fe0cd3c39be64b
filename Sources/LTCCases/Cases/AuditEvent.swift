import LTCCore

/// One entry of the append-only audit trail: a change, or a refused attempt.
public struct AuditEvent: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case done, refused
    }

    public var sequence: Int
    /// When it was recorded (UTC, ISO 8601).
    public var recordedAt: String
    /// The business date of the operation (`--as-of`).
    public var asOf: CalendarDate
    public var actor: String
    /// What it is about: `case:12`, `person:3`, `assessor:A01`, `scheme:…`.
    public var subject: String
    public var action: String
    public var outcome: Outcome
    public var reason: String?
    public var before: JSONValue?
    public var after: JSONValue?
    /// The credential the actor presented (`C12`), where the request came with
    /// one (a network front door's); `nil` for the command line, `ltc rpc`
    /// and every event recorded before credentials existed.
    public var credential: String?

    public init(sequence: Int, recordedAt: String, asOf: CalendarDate, actor: String, subject: String, action: String,
                outcome: Outcome, reason: String?, before: JSONValue?, after: JSONValue?, credential: String? = nil) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.asOf = asOf
        self.actor = actor
        self.subject = subject
        self.action = action
        self.outcome = outcome
        self.reason = reason
        self.before = before
        self.after = after
        self.credential = credential
    }

    /// The event; `credential` only where there was one, so that events
    /// without one read as they always have.
    public var json: JSONValue {
        var object: JSONObject = [
            "seq": .integer(sequence), "recordedAt": .string(recordedAt), "asOf": .string(asOf.description),
            "actor": .string(actor), "subject": .string(subject), "action": .string(action),
            "outcome": .string(outcome.rawValue), "reason": reason.map { .string($0) } ?? .null,
            "before": before ?? .null, "after": after ?? .null,
        ]
        if let credential { object.set("credential", .string(credential)) }
        return .object(object)
    }
}
