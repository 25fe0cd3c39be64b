import LTCCases
import LTCCore

/// The token of a credential, as a caller presents it (`Authorization:
/// Bearer ltc_C12_<64 hex digits>`): `ltc_`, the credential's id, `_`, and a
/// secret of 256 random bits in lower-case hex.
///
/// - The id in the token lets a server find the one row to check by its
///   primary key: no scan, and no lookup keyed by a secret.
/// - The secret comes from the system's cryptographically secure generator
///   (Swift's `SystemRandomNumberGenerator`, which on Linux is `getrandom(2)`,
///   or `/dev/urandom` where that is missing).
/// - ltc keeps only the SHA-256 of the secret. A fast hash is enough: a slow
///   one (bcrypt, Argon2) protects guessable passwords by making each guess
///   costly, but nobody guesses 256 random bits, however fast each guess
///   (NIST SP 800-63B, 5.1.1.2, asks for salted slow hashing of memorized
///   secrets only; a salt is moot for a secret that is already unique).
/// - A presented secret's hash is compared with the kept one in constant time (``ConstantTime``).
/// - Hex and underscores keep it one word: a double click selects all of
///   it, and `ltc_` lets secret scanners recognise a leaked one.
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// let secret = CredentialToken.secret(using: &random)
/// let token = CredentialToken(credential: CredentialID(number: 12), secret: secret)
/// token.text                                   // "ltc_C12_9f86d081…" (72 characters)
/// CredentialToken(token.text)?.credential      // C12
/// ```
public struct CredentialToken: Sendable, CustomStringConvertible {
    /// The bytes of a secret: 256 bits.
    public static let secretBytes = 32
    static let prefix = "ltc_"

    public let credential: CredentialID
    let secret: [UInt8]

    public init(credential: CredentialID, secret: [UInt8]) {
        self.credential = credential
        self.secret = secret
    }

    /// Reads a presented token; `nil` unless it has exactly the shape of one
    /// (the caller then learns no more than of any other wrong token).
    public init?(_ presented: String) {
        let bytes = Array(presented.utf8)
        guard bytes.count <= 100, presented.hasPrefix(Self.prefix) else { return nil }
        let parts = bytes.dropFirst(Self.prefix.utf8.count).split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false)
        guard parts.count == 2, let credential = CredentialID(String(decoding: parts[0], as: UTF8.self)),
              parts[1].count == 2 * Self.secretBytes, let secret = Self.bytes(hex: parts[1]) else { return nil }
        self.init(credential: credential, secret: secret)
    }

    /// A new secret from `random`: the system's generator when issuing, a seeded one in tests.
    public static func secret(using random: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<secretBytes / 8).flatMap { _ in
            let word = random.next()
            return (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
        }
    }

    /// The token as the caller presents it. Shown once, when issued.
    public var text: String { Self.prefix + credential.description + "_" + Self.hex(secret) }

    /// What ltc keeps of the token: the SHA-256 of its secret, in hex.
    public var secretHash: String { Self.hash(secret: secret) }

    /// What ltc keeps of a token with this secret.
    public static func hash(secret: [UInt8]) -> String { SHA256.hex(secret) }

    /// Whether `secretHash`, a credential's kept hash, is this token's, compared in constant time.
    public func matches(secretHash kept: String) -> Bool {
        ConstantTime.equal(Array(secretHash.utf8), Array(kept.utf8))
    }

    /// The token with its secret left out, so that printing one by mistake (a log line) gives nothing away.
    public var description: String { Self.prefix + credential.description + "_…" }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    /// Lower-case hex digits as bytes; `nil` for anything else.
    private static func bytes(hex: ArraySlice<UInt8>) -> [UInt8]? {
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            guard let high = value(hex[index]), let low = value(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
