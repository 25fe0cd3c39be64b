#if canImport(Glibc)
import Glibc
#endif
import LTCCases
import LTCCore
import LTCOperations

/// FOR TESTS ONLY, NEVER FOR PRODUCTION: credentials read from a plain
/// file of `TOKEN CREDENTIAL-ID ROLE:ID` lines, reread on every request so a
/// test can revoke one by rewriting the file. The tokens sit in the file in
/// clear, unhashed, with no expiry: `ltc-server` takes it only with
/// `--insecure-test-tokens FILE`, and says so on every start. Stored,
/// hashed credentials (`ltc credential issue`) take its place.
///
/// ```
/// # token                                   credential  actor
/// test-token-institution-i001-0123456789     c-i001      institution:I001
/// ```
public struct TestTokenFile: BearerAuthenticator {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential? {
        guard let text = try? readText() else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 3, Self.equal(Array(fields[0].utf8), Array(token.utf8)) else { continue }
            guard let actor = try? Actor(String(fields[2])) else { return nil }
            return Credential(actor: actor, id: String(fields[1]))
        }
        return nil
    }

    /// Compares in time that does not depend on where two tokens differ.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private func readText() throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(source: path, message: "cannot be read") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 14)
        while bytes.count < 1 << 20 {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += block[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
