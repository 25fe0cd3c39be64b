import LTCCases
import LTCCore

/// Whether an actor may act at all: an administrator or auditor must be
/// registered staff (``StaffMember``), an assessor in the assessor registry,
/// an institution a registered institution. The CLI asks for every command
/// and `ltc rpc` for every actor a process meets; a library caller that has
/// established who acts may skip it, as a library trusts its caller.
///
/// ```swift
/// let registration = ActorRegistration(store: store)
/// try registration.require(try Actor("institution:I009"))   // throws unless I009 is registered
/// ```
public struct ActorRegistration: Sendable {
    let store: any CaseStore & ProviderStore
    let registry: RegistryService

    public init(store: any CaseStore & ProviderStore, clock: any WallClock) {
        self.store = store
        registry = RegistryService(store: store, clock: clock)
    }

    /// Throws ``CaseError/Kind/forbidden`` naming how to register `actor`, unless it is registered.
    public func require(_ actor: Actor) throws {
        try (store as any ProviderStore).read { tx in
            switch actor.role {
            case .institution:
                guard try tx.institutions.institution(id: actor.id) != nil else {
                    throw CaseError(.forbidden, "\(actor) is not a registered institution (an administrator registers institutions with `ltc institution add`)",
                                    details: ["actor": .string(actor.description)])
                }
            case .administrator, .auditor, .assessor:
                try registry.requireRegistered(actor, in: tx)
            }
        }
    }
}
