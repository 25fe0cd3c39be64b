/// A credential just issued, with its token: the one time the token is
/// seen. ltc keeps only its hash, so it cannot be shown again; a token lost
/// is a credential revoked and another issued.
public struct IssuedCredential: Sendable {
    public let credential: Credential
    public let token: CredentialToken

    public init(credential: Credential, token: CredentialToken) {
        self.credential = credential
        self.token = token
    }
}
