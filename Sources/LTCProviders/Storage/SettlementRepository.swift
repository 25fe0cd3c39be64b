import LTCCore

/// Settled months and the adjustments that later statements carry.
public protocol SettlementRepository {
    /// The stored run of a settled month.
    func settlement(month: YearMonth) throws -> SettlementRun?
    /// Which of these months are settled (closed).
    func settled(_ months: Set<YearMonth>) throws -> Set<YearMonth>
    /// Stores a month's run; the month is closed from then on (the store refuses to change it).
    func insert(_ run: SettlementRun) throws
    /// The adjustments no statement has carried yet, oldest first.
    func openAdjustments() throws -> [SettlementAdjustment]
    /// The adjustments the statements of settled `month` carried, or with
    /// `nil` those the next month settled will carry (of one institution, or
    /// all), by id, a page at a time.
    func adjustments(carriedBy month: YearMonth?, institution: String?, page: PageRequest<Int>) throws -> Page<SettlementAdjustment, Int>
    func insert(_ adjustment: SettlementAdjustment) throws
    /// What corrections and withdrawals have changed of the fund's share of
    /// an institution's logs of settled `month` (``SettlementAdjustment/fundChange``, summed).
    func corrections(institution: String, month: YearMonth) throws -> Money
    /// What corrections and withdrawals have changed of the fund's share of
    /// the logs of a year's settled months, by institution.
    func corrections(year: Int) throws -> [String: Money]
    /// Marks every open adjustment as carried by the statements of `month`.
    func carryOpenAdjustments(into month: YearMonth) throws
    /// Every institution's budget for a year, by institution.
    func budgets(year: Int) throws -> [String: Money]
    /// Sets an institution's budget for a year, replacing the one before.
    func setBudget(institution: String, year: Int, amount: Money, on day: CalendarDate) throws
}
