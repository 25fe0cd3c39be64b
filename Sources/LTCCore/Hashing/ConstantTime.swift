/// Comparison of secrets that takes the same time wherever the two differ,
/// so that how long a refusal takes tells nothing of how much of a guess was
/// right (a timing side channel; OWASP, "Authentication Cheat Sheet",
/// compare secrets in constant time).
///
/// ```swift
/// ConstantTime.equal(Array("a1b2".utf8), Array("a1b2".utf8))   // true
/// ConstantTime.equal(Array("a1b2".utf8), Array("a1b3".utf8))   // false, after looking at every byte
/// ```
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. Every byte is looked at
    /// whatever the first difference; only the lengths (which are not
    /// secret: a digest's is fixed) end it early.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
