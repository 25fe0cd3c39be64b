import LTCCore
import LTCSchemes

/// How an amount of eligible cost is shared between the fund and the person,
/// by a benefit row of the scheme file (`benefits.table[]`, its `ratio` and
/// `copayPerVisit`):
///
/// 1. the person first pays `copayPerVisit` for each visit, never more than
///    the amount (Tai'an: 10 a medical home visit);
/// 2. the fund pays `ratio` of the rest, rounded half-up to the fen
///    (`Ratio.apply`); without a ratio (no row applies) the fund pays all of
///    the rest, and a cash row, which has none, has no eligible cost to share;
/// 3. the person pays what the fund does not, the copay included.
///
/// The rounding is done once, on the amount given: a quote shares its
/// month's eligible cost (``BenefitQuote/fundShare``), intake shares each
/// accepted log's allowed amount (its `fund`), so the fund's share of a
/// month of logs is the sum of per-log shares, each rounded on its own.
///
/// ```swift
/// let share = CostShare(of: Money(yuan: 80), visits: 1, ratio: .one, copayPerVisit: Money(yuan: 10))
/// share.copay   // 10.00
/// share.fund    // 70.00
/// share.person  // 10.00
/// ```
public struct CostShare: Sendable, Equatable {
    /// The eligible cost shared.
    public var amount: Money
    /// What the person pays first: `copayPerVisit` × visits, at most `amount`.
    public var copay: Money
    /// The fund's share: `ratio` of `amount − copay`, rounded half-up to the fen.
    public var fund: Money

    /// - Parameters:
    ///   - amount: the eligible cost: a quote's ceiling, or a log's allowed amount.
    ///   - visits: the visits the amount pays for (0 for hours and days, 1 for a visit's log).
    ///   - ratio: the row's `ratio`; `nil` where no row applies.
    ///   - copayPerVisit: the row's `copayPerVisit`, if it has one.
    @inlinable
    public init(of amount: Money, visits: Int, ratio: Ratio?, copayPerVisit: Money?) {
        self.amount = amount
        let copay = visits > 0 ? min((copayPerVisit ?? .zero) * visits, amount) : .zero
        self.copay = copay
        fund = ratio.map { $0.apply(to: amount - copay) } ?? amount - copay
    }

    /// The share by the benefit row `rule`.
    @inlinable
    public init(of amount: Money, visits: Int, rule: BenefitRule) {
        self.init(of: amount, visits: visits, ratio: rule.ratio, copayPerVisit: rule.copayPerVisit)
    }

    /// The person's share: the amount less the fund's, the copay included.
    @inlinable
    public var person: Money { amount - fund }
}
