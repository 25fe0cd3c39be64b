import LTCCore

/// What the fund spent in a month, defined once for the fund report
/// (`report.fund`'s `totalSpent`, its page and text), and for the actual
/// figure set beside a projection (`fund.project`): what it paid out, care
/// and cash. The fund's share of the month's care that its statements did
/// not pay (withheld until the performance assessment, held above a budget
/// until the year-end close) is not spent: it is shown as what the fund
/// still owes (issue 29, finding 11: the report counted it as spent, the
/// projection did not).
///
/// ```swift
/// let spent = FundSpending(settlement: run, cash: cashRun, owed: owed)
/// spent.total      // care paid (the statements' payable) + cash paid
/// spent.owed       // withheld and held, not yet released nor kept
/// ```
public struct FundSpending: Sendable, Equatable {
    public var month: YearMonth
    /// Paid to institutions on the month's statements (their payable total), `nil` until the month is settled.
    public var care: Money?
    /// Paid to beneficiaries and carers by the month's cash run, `nil` until it is run.
    public var cash: Money?
    /// Of the month's statements, the fund's share withheld until the performance assessment.
    public var withheld: Money
    /// Of the month's statements, the use above budgets held for the year-end close.
    public var heldAboveBudget: Money
    /// Of what the month's statements withheld and held, what the fund still owes: neither released nor kept yet.
    public var owed: Money

    /// - Parameter owed: what of the statements' withheld and held amounts is still undecided.
    public init(month: YearMonth, settlement: SettlementRun?, cash: CashRun?, owed: Money) {
        self.month = month
        care = settlement?.fundTotal
        self.cash = cash?.total
        withheld = settlement?.statements.reduce(.zero) { $0 + $1.withheld } ?? .zero
        heldAboveBudget = settlement?.statements.reduce(.zero) { $0 + $1.heldAboveBudget } ?? .zero
        self.owed = owed
    }

    /// What the fund spent: care and cash paid, `nil` until either is.
    public var total: Money? { care == nil && cash == nil ? nil : (care ?? .zero) + (cash ?? .zero) }

    public var json: JSONValue {
        [
            "month": .string(month.description), "care": care?.json ?? .null, "cash": cash?.json ?? .null, "total": total?.json ?? .null,
            "withheld": withheld.json, "heldAboveBudget": heldAboveBudget.json, "owed": owed.json,
        ]
    }
}
