import LTCCases
import LTCOperations

/// The credentials `ltc credential issue` stores: a presented token is
/// checked against the hash of its secret in the database, on every
/// request, by the worker's own connection (`CredentialService.authenticate`).
/// A revocation, a last day passed or a deactivation recorded by any process
/// refuses the very next request.
///
/// ```swift
/// let server = try HTTPServer.start(configuration, authenticator: StoredCredentials())
/// ```
public struct StoredCredentials: BearerAuthenticator {
    public init() {}

    public func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential? {
        try environment.services().credentials.authenticate(token).map(Credential.init)
    }
}
