import LTCCases
import LTCOperations

/// Turns what a request presents into the credential it acts as, or `nil`:
/// a bearer token unknown, expired, revoked, or whose actor is deactivated;
/// a credential a verified client certificate maps to, with the same checks
/// but the secret. The server never says which (401 for all alike).
///
/// Called on a worker thread, with that worker's ``OperationEnvironment``
/// (its own database connection), once per request: a credential revoked
/// a moment ago is refused on its next request. ``StoredCredentials`` is
/// the one a server uses; tests may count or fail calls through another.
public protocol Authenticator: Sendable {
    func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential?
    func authenticate(certified credential: CredentialID, in environment: OperationEnvironment) throws -> Credential?
}

/// Who a request acts as: the actor a stored credential let in, carrying
/// that credential's id (`Actor.credential`), so that the access log, the
/// rate limit and every audit event the request records name it. Never the token.
public struct Credential: Sendable, Equatable {
    public let actor: Actor

    /// - Parameter actor: the actor as `CredentialService.authenticate` gives
    ///   it, presenting its credential.
    public init(_ actor: Actor) {
        self.actor = actor
    }

    /// The credential's id (`C12`).
    public var id: String { actor.credential?.description ?? "-" }

    /// How an operation knows who acts: this actor alone, by its credential
    /// (`Caller.credential`). A request whose params name another actor is
    /// refused (403, or the JSON-RPC error 1012).
    public var caller: Caller { .credential(actor) }

    public static func == (lhs: Credential, rhs: Credential) -> Bool {
        lhs.actor == rhs.actor && lhs.actor.credential == rhs.actor.credential
    }
}
