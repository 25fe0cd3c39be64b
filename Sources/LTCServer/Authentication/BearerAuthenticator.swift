import LTCCases
import LTCOperations

/// Turns a presented bearer token into the credential it belongs to, or
/// `nil`: a token unknown, expired, revoked, or whose actor is deactivated.
/// The server never says which (401 for all alike).
///
/// Called on a worker thread, with that worker's ``OperationEnvironment``
/// (its own database connection), once per request: a credential revoked
/// a moment ago is refused on its next request.
///
/// ```swift
/// struct StoredCredentials: BearerAuthenticator {
///     func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential? {
///         try environment.services().credentials.authenticate(token).map { Credential(actor: $0.actor, id: $0.id) }
///     }
/// }
/// ```
public protocol BearerAuthenticator: Sendable {
    func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential?
}

/// Who a request acts as: the actor of the credential it presented, and the
/// credential's id (for the access log, the rate limit and the audit trail).
/// Never the token.
public struct Credential: Sendable, Equatable {
    public let actor: Actor
    public let id: String

    public init(actor: Actor, id: String) {
        self.actor = actor
        self.id = id
    }

    /// How an operation knows who acts: this actor alone, named by its credential.
    /// A request whose params name another actor is refused (403, or the
    /// JSON-RPC error 1012).
    public var caller: Caller { .pinned(actor, by: "credential \(id)") }
}
