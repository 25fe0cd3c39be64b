import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("A credential's token: ltc_<id>_<64 hex digits>, read back only when it has exactly that shape")
struct CredentialTokenTests {
    @Test("A token reads back to its id and secret; its hash is the SHA-256 of the secret; printing it hides the secret")
    func roundTrip() throws {
        var random = SplitMix64(seed: 2026)
        let secret = CredentialToken.secret(using: &random)
        #expect(secret.count == 32)
        let token = CredentialToken(credential: CredentialID(number: 12), secret: secret)
        let read = try #require(CredentialToken(token.text))
        #expect(read.credential == CredentialID(number: 12) && read.text == token.text)
        #expect(token.secretHash == SHA256.hex(secret) && token.matches(secretHash: read.secretHash))
        #expect(!token.matches(secretHash: SHA256.hex(Array(secret.reversed()))) && !token.matches(secretHash: ""))
        #expect("\(token)" == "ltc_C12_…")
        var again = SplitMix64(seed: 2026)
        #expect(CredentialToken.secret(using: &again) == secret)
        #expect(CredentialToken.secret(using: &again) != secret)
    }

    @Test("A credential id is C and a number without leading zeros: one spelling each")
    func ids() {
        #expect(CredentialID("C12")?.number == 12 && CredentialID(number: 7).description == "C7")
        for text in ["12", "c12", "C012", "C0", "C", "C-1", "C1a", " C1", "C1234567890123456789"] {
            #expect(CredentialID(text) == nil, "\(text)")
        }
    }

    @Test("An actor that came by a credential is the same actor, and says which credential")
    func actorPresenting() throws {
        let actor = try Actor("institution:I001")
        let presenting = actor.presenting(CredentialID(number: 3))
        #expect(presenting == actor && Set([actor, presenting]).count == 1)
        #expect(presenting.credential == CredentialID(number: 3) && actor.credential == nil && presenting.description == "institution:I001")
    }
}
