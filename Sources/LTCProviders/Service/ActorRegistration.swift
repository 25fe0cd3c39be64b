import LTCCases
import LTCCore

/// Whether an actor may act at all: an administrator or auditor must be
/// registered staff (``StaffMember``), an assessor in the assessor registry,
/// an institution a registered institution; and none deactivated today
/// (``Deactivation``). The CLI asks for every command and the catalogue for
/// every request (never from a cache: a deactivation takes effect on the
/// next request, whichever process recorded it); a library caller that has
/// established who acts may skip it, as a library trusts its caller.
///
/// ```swift
/// let registration = ActorRegistration(store: store, clock: SystemClock())
/// try registration.require(try Actor("institution:I009"))   // throws unless I009 is registered and not deactivated
/// ```
public struct ActorRegistration: Sendable {
    let store: any CaseStore & ProviderStore
    let registry: RegistryService
    let work: UnitOfWork

    public init(store: any CaseStore & ProviderStore, clock: any WallClock) {
        self.store = store
        registry = RegistryService(store: store, clock: clock)
        work = UnitOfWork(clock: clock)
    }

    /// Throws ``CaseError/Kind/forbidden`` naming how to register `actor`,
    /// unless it is registered; or saying since when it is deactivated.
    /// An actor presenting a credential (`Actor.credential`: a request of a
    /// network front door) also needs that credential to still let it in:
    /// revoked or past its last day, it is refused here, on each operation,
    /// so that the rest of a JSON-RPC batch stops where a revocation took effect.
    public func require(_ actor: Actor) throws {
        try (store as any ProviderStore).read { tx in try requireWithCredential(actor, in: tx) }
    }

    /// ``require(_:)`` inside a transaction the caller opened, the credential
    /// too: the check then holds for what that very transaction stores (a
    /// submission whose credential was checked when its upload began, and
    /// may be revoked while the body arrives).
    public func requireWithCredential(_ actor: Actor, in tx: any ProviderTransaction) throws {
        try require(actor, in: tx)
        if let id = actor.credential { try requireCredential(id, of: actor, in: tx) }
    }

    private func requireCredential(_ id: CredentialID, of actor: Actor, in tx: any ProviderTransaction) throws {
        guard let credential = try tx.credentials.credential(id: id), credential.actor == actor, credential.revoked == nil,
              try credential.expires == nil || credential.isValid(on: registry.today(in: tx)) else {
            throw CaseError(.forbidden, "credential \(id) no longer lets \(actor) in (revoked or past its last day)",
                            details: ["credential": .string(id.description)])
        }
    }

    /// ``require(_:)`` in a transaction already open.
    func require(_ actor: Actor, in tx: any ProviderTransaction) throws {
        if actor.role == .institution, try tx.institutions.institution(id: actor.id) == nil {
            throw CaseError(.forbidden, "\(actor) is not a registered institution (an administrator registers institutions with `ltc institution add`)",
                            details: ["actor": .string(actor.description)])
        }
        try registry.requireRegistered(actor, in: tx)
    }
}
