import LTCCore
import Testing

@Suite("Secrets compared in constant time")
struct ConstantTimeTests {
    @Test("Equal bytes are equal; a difference anywhere, or another length, is not")
    func equality() {
        let digest = SHA256.digest(Array("abc".utf8))
        #expect(ConstantTime.equal(digest, digest) && ConstantTime.equal([], []))
        for index in [0, 15, 31] {
            var other = digest
            other[index] ^= 0x01
            #expect(!ConstantTime.equal(digest, other), "byte \(index)")
        }
        #expect(!ConstantTime.equal(digest, Array(digest.dropLast())) && !ConstantTime.equal([], [0]))
    }
}
