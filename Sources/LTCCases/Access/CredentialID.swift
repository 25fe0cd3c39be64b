/// The id of a credential: `C` and its number (`C12`), as the credential
/// list shows it, `ltc credential revoke` takes it, a token begins with it
/// (`ltc_C12_…`) and the audit trail names it.
///
/// ```swift
/// CredentialID("C12")?.number   // 12
/// CredentialID(number: 12).description   // "C12"
/// CredentialID("12")            // nil: always with its C
/// ```
public struct CredentialID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) {
        self.number = number
    }

    /// Reads `C` followed by a number from 1 up, without leading zeros, so that one credential has one spelling.
    public init?(_ text: some StringProtocol) {
        let digits = text.utf8.dropFirst()
        guard text.utf8.first == UInt8(ascii: "C"), (1...18).contains(digits.count), digits.first != UInt8(ascii: "0"),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let number = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
        self.number = number
    }

    public var description: String { "C\(number)" }

    public static func < (lhs: CredentialID, rhs: CredentialID) -> Bool { lhs.number < rhs.number }
}
