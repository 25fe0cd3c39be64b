import LTCCases
import LTCCore

/// A credential: what lets a caller of a network front door act as one
/// registered actor without naming it (issue 28, item 3). Issued by an
/// administrator as a token shown once (``CredentialToken``); ltc keeps only
/// the SHA-256 of the token's secret, never the token. It works until it is
/// revoked, after its last day (`expires`), or once its actor is deactivated
/// (``CredentialService/authenticate(_:)`` checks each).
///
/// ```swift
/// credential.json   // {"id": "C1", "actor": "institution:I001", …, "revoked": null}: never the hash
/// ```
public struct Credential: Sendable, Equatable {
    /// Who revoked a credential, and when: final.
    public struct Revocation: Sendable, Equatable {
        /// The instant (UTC, ISO 8601).
        public var at: String
        public var by: Actor

        public init(at: String, by: Actor) {
            self.at = at
            self.by = by
        }
    }

    public var id: CredentialID
    /// Who a request that presents it acts as.
    public var actor: Actor
    /// The SHA-256 of the token's secret, in hex: what a presented token is
    /// checked against. Never shown, in a list or anywhere else.
    public var secretHash: String
    /// When it was issued (UTC, ISO 8601), and by whom.
    public var createdAt: String
    public var createdBy: Actor
    /// The last day it works (in the time zone of the stored schemes); `nil`: until revoked.
    public var expires: CalendarDate?
    /// What it is for (the institution's system that holds it).
    public var note: String?
    /// When a request last presented it (UTC, ISO 8601), to the minute: `nil` if never.
    public var lastUsedAt: String?
    public var revoked: Revocation?

    public init(id: CredentialID, actor: Actor, secretHash: String, createdAt: String, createdBy: Actor, expires: CalendarDate?, note: String?,
                lastUsedAt: String? = nil, revoked: Revocation? = nil) {
        self.id = id
        self.actor = actor
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expires = expires
        self.note = note
        self.lastUsedAt = lastUsedAt
        self.revoked = revoked
    }

    /// Whether it still lets its actor in on `today`: not revoked, not past
    /// its last day. (Its actor must also still be registered and active.)
    public func isValid(on today: CalendarDate) -> Bool {
        revoked == nil && expires.map { today <= $0 } ?? true
    }

    /// The credential as lists show it: never its hash.
    public var json: JSONValue {
        [
            "id": .string(id.description), "actor": .string(actor.description), "createdAt": .string(createdAt),
            "createdBy": .string(createdBy.description), "expires": expires.map { .string($0.description) } ?? .null,
            "note": note.map { .string($0) } ?? .null, "lastUsedAt": lastUsedAt.map { .string($0) } ?? .null,
            "revoked": revoked.map { ["at": .string($0.at), "by": .string($0.by.description)] } ?? .null,
        ]
    }
}
