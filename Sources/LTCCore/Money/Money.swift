/// An amount of money in fen (0.01 CNY), never a floating-point number.
///
/// ```swift
/// let cap = try Money(json: .number("57.6"))!   // 57.60
/// cap.fen                                       // 5760
/// cap.prorated(days: 10, of: 31)                // 18.58 (half-up)
/// ```
///
/// The one rounding rule of ltc: a ratio or a proration applied to an amount
/// rounds half-up to the fen, once, where it is applied.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible, AdditiveArithmetic {
    public var fen: Int

    public init(fen: Int) { self.fen = fen }

    public init(yuan: Int) { fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    /// The largest amount ltc reads, either sign: 10 trillion yuan, far
    /// beyond a province's fund, and small enough that sums of millions of
    /// amounts, and any amount scaled by a ratio, stay exact in 64 bits.
    public static let limit = Money(fen: 1_000_000_000_000_000)

    /// What an amount may be, for messages: "yuan with at most two decimals, at most 10000000000000.00".
    public static let accepted = "yuan with at most two decimals, at most \(limit) either way"

    /// Reads a JSON number of yuan with at most two decimals, exactly: `62`, `57.6`, `2100.00`.
    /// `nil` for anything else (a string, three decimals, an exponent, beyond ``limit``).
    public init?(json: JSONValue) {
        switch json {
        case .integer(let yuan):
            let (fen, overflow) = yuan.multipliedReportingOverflow(by: 100)
            guard !overflow else { return nil }
            self.fen = fen
        case .number(let literal):
            guard let fen = Self.parse(literal) else { return nil }
            self.fen = fen
        default:
            return nil
        }
        guard fen.magnitude <= Self.limit.fen.magnitude else { return nil }
    }

    /// Reads yuan as typed on a command line: `62`, `57.6`, `-10`; `nil` beyond ``limit`` or not an amount.
    public init?(text: String) {
        self.init(json: text.contains(".") ? .number(text) : Int(text).map(JSONValue.integer) ?? .null)
    }

    private static func parse(_ literal: String) -> Int? {
        let negative = literal.hasPrefix("-")
        let digits = negative ? String(literal.dropFirst()) : literal
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count <= 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int(parts[0]), let fraction = Int(parts[1] + String(repeating: "0", count: 2 - parts[1].count)),
              whole <= Int.max / 100 - 1 else { return nil }
        return (negative ? -1 : 1) * (whole * 100 + fraction)
    }

    /// `amount × numerator / denominator`, rounded half-up to the fen.
    /// Exact in 128 bits: the product never overflows, and the quotient of
    /// amounts within ``limit`` by a ratio of at most 1000 always fits.
    public func scaled(by numerator: Int, over denominator: Int) -> Money {
        precondition(denominator > 0, "scaling by a zero denominator")
        let negative = (fen < 0) != (numerator < 0)
        let product = fen.magnitude.multipliedFullWidth(by: numerator.magnitude)
        // Half-up on the magnitude: add half the denominator before dividing.
        let (low, carry) = product.low.addingReportingOverflow(UInt(denominator / 2))
        let high = product.high + (carry ? 1 : 0)
        precondition(high < UInt(denominator), "scaling \(self) by \(numerator)/\(denominator) does not fit in 64 bits")
        let (quotient, _) = UInt(denominator).dividingFullWidth((high: high, low: low))
        precondition(quotient <= UInt(Int.max), "scaling \(self) by \(numerator)/\(denominator) does not fit in 64 bits")
        return Money(fen: negative ? -Int(quotient) : Int(quotient))
    }

    /// The share of `days` out of `total` days, rounded half-up.
    public func prorated(days: Int, of total: Int) -> Money {
        scaled(by: days, over: total)
    }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(fen: lhs.fen * rhs) }
    /// `self × count`, or `nil` if the product does not fit in 64 bits.
    public func times(_ count: Int) -> Money? {
        let (fen, overflow) = fen.multipliedReportingOverflow(by: count)
        return overflow ? nil : Money(fen: fen)
    }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    /// `1860.00`
    public var description: String {
        let sign = fen < 0 ? "-" : ""
        let absolute = fen.magnitude
        let cents = absolute % 100
        return "\(sign)\(absolute / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The amount for people to read, thousands grouped: `12,345.60` (CSV
    /// and JSON keep ``description``, `12345.60`).
    public var grouped: String {
        let whole = Thousands.grouped(Int(fen.magnitude / 100))
        let cents = fen.magnitude % 100
        return (fen < 0 ? "-" : "") + whole + (cents < 10 ? ".0" : ".") + String(cents)
    }

    /// The amount as a JSON number literal in yuan, e.g. `1860.00`.
    public var json: JSONValue { .number(description) }
}
