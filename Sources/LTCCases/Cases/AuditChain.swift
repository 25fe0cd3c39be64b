import LTCCore

/// An audit event as stored: its number and its columns as the store holds
/// them, `before` and `after` as the JSON text written (not parsed and
/// written again), so that its hash is over exactly what is kept.
public struct AuditRecord: Sendable, Equatable {
    public var sequence: Int
    public var recordedAt: String
    public var asOf: String
    public var actor: String
    public var subject: String
    public var action: String
    public var outcome: String
    public var reason: String?
    public var before: String?
    public var after: String?
    public var credential: String?

    public init(sequence: Int, recordedAt: String, asOf: String, actor: String, subject: String, action: String, outcome: String,
                reason: String?, before: String?, after: String?, credential: String?) {
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

    /// The columns an event is stored as, numbered `sequence`.
    public init(_ event: AuditEvent, sequence: Int) {
        self.init(sequence: sequence, recordedAt: event.recordedAt, asOf: event.asOf.description, actor: event.actor, subject: event.subject,
                  action: event.action, outcome: event.outcome.rawValue, reason: event.reason,
                  before: event.before.map { JSONWriter.string($0) }, after: event.after.map { JSONWriter.string($0) },
                  credential: event.credential)
    }
}

/// The audit trail as a hash chain: each event, once recorded, is linked
/// after the one chained before it, and its link keeps the SHA-256 of that
/// one (`previous`) and its own (`hash`), taken over ``encoding(of:previous:)``.
/// An event edited, deleted or slipped in between two others no longer fits
/// its neighbours' links, and ``AuditService/verify(actor:head:asOf:)`` names the
/// first place where the chain breaks (issue 30, finding 10: a holder of the
/// database erased events after disabling the triggers).
///
/// What a chain cannot tell by itself: events removed from its end, or a
/// chain rewritten from some event on by someone who recomputes every hash
/// after it. A head kept elsewhere (``ChainHead``, from an earlier verify)
/// tells both; the database's walls (docs/security.md) keep the runtime
/// role from changing the trail at all.
///
/// ```swift
/// let hash = AuditChain.hash(of: record, previous: AuditChain.genesis)   // 64 hex digits
/// ```
public enum AuditChain {
    /// The `previous` of the first event chained: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The bytes an event's hash is taken over, version 1: a line naming
    /// the encoding, the previous hash, then each column in a fixed order as
    /// `name=` followed by `-` for none, or the byte count of its UTF-8, a
    /// colon and the bytes; each ending in a line feed. Lengths come first,
    /// so no column's content can pass for another's.
    public static func encoding(of record: AuditRecord, previous: String) -> [UInt8] {
        var bytes = Array("ltc-audit-event-1\nprevious=\(previous)\n".utf8)
        func field(_ name: String, _ value: String?) {
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            if let value {
                bytes.append(contentsOf: "\(value.utf8.count):".utf8)
                bytes.append(contentsOf: value.utf8)
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        field("seq", String(record.sequence))
        field("recorded_at", record.recordedAt)
        field("as_of", record.asOf)
        field("actor", record.actor)
        field("subject", record.subject)
        field("action", record.action)
        field("outcome", record.outcome)
        field("reason", record.reason)
        field("before", record.before)
        field("after", record.after)
        field("credential", record.credential)
        return bytes
    }

    /// The hash an event is chained with, after `previous`: SHA-256, 64 lowercase hex digits.
    public static func hash(of record: AuditRecord, previous: String) -> String {
        SHA256.hex(encoding(of: record, previous: previous))
    }
}
