import LTCCore

/// What a statement took off (or gave back) for one case's other subsidies
/// deducted from LTCI, for one month of care (``SubsidyDeductions``): kept
/// per case so that a later change of the case (a subsidy recorded late, a
/// death recorded late) is settled by the difference, once.
public struct SubsidyDeduction: Sendable, Equatable {
    public var caseID: Int
    /// The month of care the deduction is for.
    public var month: YearMonth
    /// The institution whose statement it came off.
    public var institution: String
    /// Taken off the statement (positive), or given back (negative).
    public var amount: Money
    /// The settled month whose statement carries it: `month` itself, or a
    /// later one as an adjustment.
    public var carriedBy: YearMonth

    public init(caseID: Int, month: YearMonth, institution: String, amount: Money, carriedBy: YearMonth) {
        self.caseID = caseID
        self.month = month
        self.institution = institution
        self.amount = amount
        self.carriedBy = carriedBy
    }
}
