import LTCCore

/// What became of settled statements' withheld shares and budget holds
/// (``HoldDecision``, kept as decided), and the years whose budgets are
/// closed (``BudgetClose``, once a year).
public protocol HoldRepository {
    /// The decisions on the holds of the settled months in `months`, of one institution or all, oldest first.
    func decisions(institution: String?, months: ClosedRange<YearMonth>) throws -> [HoldDecision]
    /// Stores a decision and returns its number. The store refuses a second
    /// closing decision on one statement's hold, and any change to one stored.
    @discardableResult
    func insert(_ decision: HoldDecision) throws -> Int
    /// A year's budget close, once the year is closed.
    func budgetClose(year: Int) throws -> BudgetClose?
    /// Stores a year's budget close; the store refuses a second for the year, and any change to it.
    func insert(_ close: BudgetClose) throws
}
