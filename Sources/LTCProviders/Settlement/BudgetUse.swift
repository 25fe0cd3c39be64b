import LTCCore

/// An institution's use of its year's budget (总额预算): the fund's shares
/// on the statements of the year's settled months, whatever the order they
/// were settled in, net of what corrections and withdrawals of those
/// months' logs changed since (``SettlementAdjustment/fundChange``,
/// counted in the year of the service, whichever statement carries it).
/// Penalties, released withholdings and the budget close are payments, not
/// use.
///
/// So the year's use before a month is settled is that of every month
/// settled before it, earlier or later in the year: settling June before
/// May holds, in all, what settling them in order holds (issue 29,
/// finding 2; the project chose this over refusing a month while an
/// earlier one is open, which would let one month under review stop every
/// institution's payments for the months after it).
///
/// ```swift
/// let prior = try BudgetUse.settled(year: 2026, in: tx)["I001"] ?? .zero
/// ```
enum BudgetUse {
    /// The year's use so far, by institution.
    static func settled(year: Int, in tx: any ProviderTransaction) throws -> [String: Money] {
        var use = try tx.settlements.corrections(year: year)
        for month in 1...12 {
            guard let run = try tx.settlements.settlement(month: YearMonth(year: year, month: month)!) else { continue }
            for statement in run.statements { use[statement.institution, default: .zero] += statement.fund }
        }
        return use
    }
}
