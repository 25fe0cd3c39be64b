/// A score with up to two decimals, held exactly in hundredths: weighted
/// module points (2.5, 11.25), totals and thresholds (12.5, 47.5), points per
/// visit (4.3). No binary floating point ever touches a score.
///
/// ```swift
/// let threshold = Points(json: .number("47.5"))!   // 4750 hundredths
/// Points(whole: 45) < threshold                  // true
/// ```
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible, AdditiveArithmetic {
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    public init(whole: Int) { hundredths = whole * 100 }

    public static let zero = Points(hundredths: 0)

    /// Reads a JSON number with at most two decimals; `nil` otherwise.
    public init?(json: JSONValue) {
        guard let money = Money(json: json) else { return nil }
        hundredths = money.fen
    }

    public static func + (lhs: Points, rhs: Points) -> Points { Points(hundredths: lhs.hundredths + rhs.hundredths) }
    public static func - (lhs: Points, rhs: Points) -> Points { Points(hundredths: lhs.hundredths - rhs.hundredths) }
    public static func * (lhs: Points, rhs: Int) -> Points { Points(hundredths: lhs.hundredths * rhs) }
    public static func < (lhs: Points, rhs: Points) -> Bool { lhs.hundredths < rhs.hundredths }

    /// `12.5`, `47`, `11.25`: as few decimals as needed.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let value = hundredths.magnitude
        let whole = value / 100, rest = value % 100
        if rest == 0 { return "\(sign)\(whole)" }
        return rest % 10 == 0 ? "\(sign)\(whole).\(rest / 10)" : "\(sign)\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// An integer when whole, else the exact decimal literal.
    public var json: JSONValue {
        hundredths % 100 == 0 ? .integer(hundredths / 100) : .number(description)
    }
}
