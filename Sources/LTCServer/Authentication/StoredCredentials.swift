import LTCCases
import LTCOperations

/// The credentials `ltc credential issue` stores: a presented token is
/// checked against the hash of its secret in the database, on every
/// request, by the worker's own connection (`CredentialService.authenticate`).
/// A revocation, a last day passed or a deactivation recorded by any process
/// refuses the very next request. A client certificate's credential
/// (``ClientCertificates``) is checked the same way, but for the secret.
///
/// ```swift
/// let server = try HTTPServer.start(configuration, authenticator: StoredCredentials())
/// ```
public struct StoredCredentials: Authenticator {
    public init() {}

    public func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential? {
        try environment.services().credentials.authenticate(token).map(Credential.init)
    }

    public func authenticate(certified credential: CredentialID, in environment: OperationEnvironment) throws -> Credential? {
        try environment.services().credentials.authenticate(certified: credential).map(Credential.init)
    }
}
