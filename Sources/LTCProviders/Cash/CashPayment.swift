import LTCCore

/// One line of a month's cash payment run: what a case's payee is paid for
/// a month. For the run's own month it is the month's cash less the
/// subsidies deducted from it; for an earlier, closed month it is an
/// adjustment, the difference between what that month is owed now (after a
/// death recorded late, a subsidy found later, …) and what was paid for it.
public struct CashPayment: Sendable, Equatable {
    /// The run that pays it.
    public var month: YearMonth
    /// Its number in the run, from 1: the order lines are listed in.
    public var line: Int
    public var caseID: Int
    /// The month paid for: the run's own, or an earlier one (an adjustment).
    public var forMonth: YearMonth
    public var personID: Int
    public var payee: CashPayee.Kind
    /// The payee's account, masked.
    public var account: String?
    /// The cash owed for `forMonth` (as worked out by this run).
    public var cash: Money
    /// Subsidies deducted from that cash.
    public var deducted: Money
    /// What this line pays: may be negative for an adjustment (recovered from the payee).
    public var amount: Money

    public var isAdjustment: Bool { forMonth != month }

    public init(month: YearMonth, line: Int, caseID: Int, forMonth: YearMonth, personID: Int, payee: CashPayee.Kind, account: String?,
                cash: Money, deducted: Money, amount: Money) {
        self.month = month
        self.line = line
        self.caseID = caseID
        self.forMonth = forMonth
        self.personID = personID
        self.payee = payee
        self.account = account
        self.cash = cash
        self.deducted = deducted
        self.amount = amount
    }

    public var json: JSONValue {
        [
            "month": .string(month.description), "line": .integer(line), "case": .integer(caseID), "forMonth": .string(forMonth.description),
            "person": .integer(personID), "payee": .string(payee.rawValue), "account": account.map { .string($0) } ?? .null,
            "cash": cash.json, "deducted": deducted.json, "amount": amount.json,
        ]
    }
}

/// A month's cash payment run, closed once stored: its lines and totals.
/// Its total is the lines' sum to the fen.
public struct CashRun: Sendable, Equatable {
    public var month: YearMonth
    public var runOn: CalendarDate
    /// The audit trail's last event when the run was made: cases changed
    /// after it are the ones the next run checks for adjustments.
    public var eventSeq: Int
    public var payments: Int
    public var total: Money

    public init(month: YearMonth, runOn: CalendarDate, eventSeq: Int, payments: Int, total: Money) {
        self.month = month
        self.runOn = runOn
        self.eventSeq = eventSeq
        self.payments = payments
        self.total = total
    }

    public var json: JSONValue {
        ["month": .string(month.description), "runOn": .string(runOn.description), "payments": .integer(payments), "total": total.json]
    }
}
