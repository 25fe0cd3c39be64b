/// A share between 0 and 1, held exactly in basis points (1/10,000).
///
/// ```swift
/// let ratio = try Ratio(json: .number("0.75"))!   // 75 %
/// ratio.apply(to: Money(fen: 210_000))          // 1575.00
/// ```
public struct Ratio: Sendable, Hashable, CustomStringConvertible {
    public var basisPoints: Int

    public init(basisPoints: Int) { self.basisPoints = basisPoints }

    public static let one = Ratio(basisPoints: 10_000)

    /// Reads a JSON number from 0 to 1 with at most four decimals; `nil` otherwise.
    public init?(json: JSONValue) {
        switch json {
        case .integer(let whole) where whole == 0 || whole == 1:
            basisPoints = whole * 10_000
        case .number(let literal):
            let parts = literal.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "0" || parts[0] == "1", parts[1].count <= 4, !parts[1].isEmpty,
                  parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let fraction = Int(parts[1] + String(repeating: "0", count: 4 - parts[1].count)) else { return nil }
            basisPoints = Int(parts[0])! * 10_000 + fraction
            guard basisPoints <= 10_000 else { return nil }
        default:
            return nil
        }
    }

    /// The share of an amount, rounded half-up to the fen.
    public func apply(to money: Money) -> Money {
        money.scaled(by: basisPoints, over: 10_000)
    }

    /// `75%`, `72.5%`
    public var description: String {
        let whole = basisPoints / 100, rest = basisPoints % 100
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
    }

    public var json: JSONValue {
        let whole = basisPoints / 10_000, fraction = basisPoints % 10_000
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return .number("\(whole).\(digits)")
    }
}
