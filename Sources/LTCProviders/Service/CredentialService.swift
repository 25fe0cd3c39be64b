import LTCCases
import LTCCore

/// The credentials of a network front door (issue 28, item 3): issued,
/// listed and revoked by administrators; checked on every request by
/// ``authenticate(_:)``, which a server calls before it runs an operation as
/// the credential's actor (`Caller.credential` in LTCOperations).
///
/// ```swift
/// let credentials = CredentialService(store: store, clock: SystemClock())
/// let issued = try credentials.issue(for: try Actor("institution:I001"), expires: nil, note: "I001's care system", actor: admin, asOf: nil)
/// print(issued.token.text)                                   // shown once
/// try credentials.authenticate(issued.token.text)            // institution:I001, presenting C1
/// try credentials.authenticate("ltc_C1_00…")                  // nil
/// ```
public struct CredentialService: Sendable {
    /// How often the last use of one credential is written at most: once a
    /// minute, so that a busy caller costs a write a minute, not one per request.
    public static let lastUseInterval: Int64 = 60

    let store: any CaseStore & ProviderStore
    let work: UnitOfWork
    let registration: ActorRegistration

    public init(store: any CaseStore & ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
        registration = ActorRegistration(store: store, clock: clock)
    }

    /// Issues a credential for `holder`, a registered actor not deactivated,
    /// working through `expires` (its last day) or, without one, until it is
    /// revoked. The result holds the token: the only time it is seen.
    public func issue(for holder: Actor, expires: CalendarDate?, note: String?, actor: Actor, asOf: CalendarDate?) throws -> IssuedCredential {
        let date = try registration.registry.day(asOf)
        var random = SystemRandomNumberGenerator()
        let secret = CredentialToken.secret(using: &random)
        return try work.change(Operation("credential.issue", subject: "credential:new", actor: actor, asOf: date), on: store.transactions) { tx in
            try Access.require(actor, .manageAccess)
            if let note { try PlainText.require(note, "note", as: .note) }
            do {
                try registration.require(holder, in: tx)
            } catch let refusal as CaseError where refusal.reason == .forbidden {
                throw CaseError(.invalidInput, "no credential for \(holder): \(refusal.message)", details: ["for": .string(holder.description)])
            }
            if let expires, expires < date {
                throw CaseError(.invalidInput, "expires \(expires) is before \(date): a credential's last day is today or later")
            }
            var credential = Credential(id: CredentialID(number: 0), actor: Actor(role: holder.role, id: holder.id),
                                        secretHash: CredentialToken.hash(secret: secret), createdAt: work.clock.instant(),
                                        createdBy: Actor(role: actor.role, id: actor.id), expires: expires, note: note)
            credential.id = try tx.credentials.insert(credential)
            let issued = IssuedCredential(credential: credential, token: CredentialToken(credential: credential.id, secret: secret))
            return Outcome(issued, subject: "credential:\(credential.id)", after: credential.json)
        }
    }

    /// Credentials by id, a page at a time (never a token or a hash); `holder`'s alone where given.
    public func list(for holder: Actor?, actor: Actor, page: PageRequest<CredentialID>) throws -> Page<Credential, CredentialID> {
        let day = try registration.registry.day(nil)
        return try work.read(Operation("credential.list", subject: "credentials", actor: actor, asOf: day), on: store.transactions) { tx in
            try Access.require(actor, .manageAccess)
            return try tx.credentials.list(actor: holder, page: page)
        }
    }

    /// Revokes a credential: from this moment no request gets in with it. Final.
    public func revoke(_ id: CredentialID, reason: String?, actor: Actor, asOf: CalendarDate?) throws -> Credential {
        let date = try registration.registry.day(asOf)
        let operation = Operation("credential.revoke", subject: "credential:\(id)", actor: actor, asOf: date, reason: reason)
        defer { AccessChanges.record() }
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .manageAccess)
            guard var credential = try tx.credentials.credential(id: id) else { throw CaseError(.notFound, "no credential \(id)") }
            if let revoked = credential.revoked {
                throw CaseError(.duplicate, "credential \(id) was revoked at \(revoked.at) by \(revoked.by); a revocation is final")
            }
            let before = credential.json
            credential.revoked = Credential.Revocation(at: work.clock.instant(), by: Actor(role: actor.role, id: actor.id))
            try tx.credentials.revoke(id, credential.revoked!)
            return Outcome(credential, before: before, after: credential.json)
        }
    }

    /// The actor a presented token lets in, carrying the credential's id
    /// (``Actor/credential``), or `nil`: the same `nil` whether the token is
    /// malformed, names no credential, has the wrong secret, is revoked or
    /// past its last day, or its actor is no longer registered or is
    /// deactivated, so that a server answers every one alike (401) and a
    /// caller learns nothing of which it was. Records the use, at most once
    /// a minute per credential (``lastUseInterval``). Throws only when the
    /// database fails.
    ///
    /// ```swift
    /// guard let actor = try services.credentials.authenticate(bearer) else { return unauthorized }
    /// try entry.invoke(params, caller: .credential(actor), in: environment)
    /// ```
    public func authenticate(_ presented: String) throws -> Actor? {
        guard let token = CredentialToken(presented) else { return nil }
        return try admit(token.credential) { token.matches(secretHash: $0.secretHash) }
    }

    /// The actor credential `id` lets in when its holder proved who they are
    /// by other means than its token: a client certificate that a server
    /// verified against its own certificate authority and maps to this
    /// credential (docs/deploy.md). The same checks as a token's but the
    /// secret: `nil` when revoked, past its last day, or its actor is no
    /// longer registered or is deactivated.
    public func authenticate(certified id: CredentialID) throws -> Actor? {
        try admit(id) { _ in true }
    }

    private func admit(_ id: CredentialID, proved: (Credential) -> Bool) throws -> Actor? {
        let found: Credential? = try (store as any ProviderStore).read { tx in
            // Today (the schemes' time zone, a read) only for a credential with a last day to be past.
            guard let credential = try tx.credentials.credential(id: id), proved(credential), credential.revoked == nil,
                  try credential.expires == nil || credential.isValid(on: registration.registry.today(in: tx)) else { return nil }
            do {
                try registration.require(credential.actor, in: tx)
            } catch let refusal as CaseError where refusal.reason == .forbidden {
                return nil
            }
            return credential
        }
        guard let credential = found else { return nil }
        let since = work.clock.instant(secondsAgo: Self.lastUseInterval)
        if credential.lastUsedAt.map({ $0 <= since }) ?? true {
            try (store as any ProviderStore).write { tx in try tx.credentials.recordUse(credential.id, at: work.clock.instant(), unlessUsedAfter: since) }
        }
        return credential.actor.presenting(credential.id)
    }
}
