import LTCAssessment
import LTCCases
import LTCCore
import LTCProviders

/// What a ``StoreOperation`` runs with: the actor (registered, and the one
/// the caller may act as), the date an administrator set, and the services
/// over the store.
public struct StoreContext: Sendable {
    public let actor: Actor
    /// The date of the operation (`asOf`, `--as-of`): only an administrator sets it.
    public let asOf: CalendarDate?
    public let services: StoreServices
    public let environment: OperationEnvironment
    /// The catalogue did not check the actor's registration and credential:
    /// the operation does, in its own transaction
    /// (``StoreOperation/checksActorInItsTransaction``).
    public internal(set) var checksActor = false

    /// The check ``checksActor`` asks for, to run in the operation's transaction; `nil` when the catalogue checked already.
    public var actorCheck: ((any ProviderTransaction) throws -> Void)? {
        guard checksActor else { return nil }
        let registration = services.registration, actor = actor
        return { tx in try registration.requireWithCredential(actor, in: tx) }
    }

    /// `asOf`, else today in the zone of the stored schemes.
    public func day() throws -> CalendarDate {
        try services.registry.day(asOf)
    }
}

/// What a ``ComputeOperation`` runs with: the forms and built-in data loaded
/// at start, and how the entry knows who is acting, for a computation that
/// reads stored state for some requests only (a projection of the stored cases).
public struct ComputeContext: Sendable {
    public let environment: OperationEnvironment
    public let caller: Caller

    public var forms: FormCatalog { environment.forms }

    /// The actor a request names, as a ``StoreOperation``'s is found: the
    /// caller's pinned one, which the request may name but not change, and registered.
    public func registeredActor(naming named: Actor?) throws -> Actor {
        let actor = try caller.actor(naming: named)
        try environment.requireRegistered(actor)
        return actor
    }
}
