import LTCCases

/// How an entry knows who is acting.
///
/// ```swift
/// Caller.trusting                                      // ltc rpc: each request names its actor
/// Caller.pinned(try Actor("institution:I001"), by: "ltc rpc --actor")
/// Caller.credential(actor)                             // a server, for the actor CredentialService.authenticate let in
/// ```
public enum Caller: Sendable, Equatable {
    /// Each request names its actor and is believed, as a library believes
    /// its caller: the embedding system has authenticated its users.
    case trusting
    /// Every request acts as this actor, known from outside the request (a
    /// process started for it, a credential): a request may name it, and
    /// naming another is refused.
    case pinned(Actor, by: String)

    /// Every request acts as the actor a credential let in
    /// (`CredentialService.authenticate`), pinned as a pinned process is:
    /// the actor carries the credential's id, so every audit event the
    /// request records names it.
    public static func credential(_ actor: Actor) -> Caller {
        .pinned(actor, by: actor.credential.map { "credential \($0)" } ?? "a credential")
    }

    /// The actor of a request that names `named`: the pinned one, or the named one.
    public func actor(naming named: Actor?) throws(CaseError) -> Actor {
        switch self {
        case .pinned(let pinned, let by):
            if let named, named != pinned {
                throw CaseError(.forbidden, "this process acts only as \(pinned) (\(by)); the request names \(named)",
                                details: ["actor": .string(named.description), "pinned": .string(pinned.description)])
            }
            return pinned
        case .trusting:
            guard let named else { throw CaseError(.invalidInput, "actor is required: ROLE:ID, e.g. administrator:wang") }
            return named
        }
    }
}
