import LTCCore
import LTCSchemes

/// How many months of spending a balance covers (the fund's risk warning,
/// seed 000 §13), in hundredths of a month, against the average monthly
/// spending of the months measured, and the scheme's level reached.
public struct FundRisk: Sendable, Equatable {
    public var balance: Money
    public var monthlySpending: Money
    /// The months averaged (the scheme's `averageMonths`, or fewer where the account is younger).
    public var months: Int
    /// Hundredths of a month, rounded down; `nil` where nothing was spent (no measure).
    public var coverHundredths: Int?
    public var level: String?

    /// - Parameters:
    ///   - spent: what was spent in each month measured.
    public init(balance: Money, spent: [Money], warnings: [EnforcementSettings.FundWarning]) {
        self.balance = balance
        months = spent.count
        var total = 0
        for amount in spent {
            let (sum, overflow) = total.addingReportingOverflow(amount.fen)
            total = overflow ? Int.max : sum
        }
        monthlySpending = Money(fen: spent.isEmpty ? 0 : total / spent.count)
        if monthlySpending.fen > 0 {
            let (product, overflow) = balance.fen.multipliedReportingOverflow(by: 100)
            let cover = overflow ? (balance.fen < 0 ? Int.min : Int.max) / monthlySpending.fen : product / monthlySpending.fen
            coverHundredths = cover
            level = warnings.last { cover < $0.below * 100 }?.level
        } else {
            coverHundredths = nil
            level = nil
        }
    }

    public var json: JSONValue {
        [
            "balance": balance.json, "monthlySpending": monthlySpending.json, "months": .integer(months),
            "coverMonths": coverHundredths.map { Points(hundredths: $0).json } ?? .null, "level": level.map(JSONValue.string) ?? .null,
        ]
    }
}
