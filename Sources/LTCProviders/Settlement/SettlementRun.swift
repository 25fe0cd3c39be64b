import LTCCore

/// One institution's statement for a settled month: the accepted services
/// at the agreed prices, what the beneficiaries' ceilings allowed, the
/// fund's and the persons' shares, and adjustments for corrections of
/// earlier settled months.
public struct Statement: Sendable, Equatable {
    public var institution: String
    public var logs: Int
    public var billed: Money
    public var allowed: Money
    public var fund: Money
    public var personal: Money
    public var overCap: Money
    public var adjustments: Money
    /// Kept back until the performance assessment (the scheme's withholding share of the fund's share).
    public var withheld: Money
    /// The institution's budget for the year, where the scheme sets budgets and one is set.
    public var budget: Money? = nil
    /// The year's use of the fund through this month (fund shares and adjustments), against the budget.
    public var usedThisYear: Money? = nil
    /// The highest warning level of the budget reached, if any.
    public var warning: Ratio? = nil
    /// Of this month's use above the budget, the part held for the year-end review.
    public var heldAboveBudget: Money = .zero
    /// Other subsidies its clients hold that are deducted from LTCI and
    /// that their cash did not cover: the clients pay this part of the care.
    public var subsidiesDeducted: Money = .zero
    /// What the fund pays the institution now: its share plus adjustments,
    /// less what is withheld, held above the budget, and deducted for subsidies.
    public var payable: Money { fund + adjustments - withheld - heldAboveBudget - subsidiesDeducted }

    public init(institution: String, logs: Int = 0, billed: Money = .zero, allowed: Money = .zero, fund: Money = .zero,
                personal: Money = .zero, overCap: Money = .zero, adjustments: Money = .zero, withheld: Money = .zero) {
        self.institution = institution
        self.logs = logs
        self.billed = billed
        self.allowed = allowed
        self.fund = fund
        self.personal = personal
        self.overCap = overCap
        self.adjustments = adjustments
        self.withheld = withheld
    }

    public var json: JSONValue {
        [
            "institution": .string(institution), "logs": .integer(logs), "billed": billed.json, "allowed": allowed.json,
            "fund": fund.json, "personal": personal.json, "overCap": overCap.json, "adjustments": adjustments.json,
            "withheld": withheld.json, "heldAboveBudget": heldAboveBudget.json, "subsidiesDeducted": subsidiesDeducted.json,
            "payable": payable.json,
            "budget": budget?.json ?? .null, "usedThisYear": usedThisYear?.json ?? .null,
            "warning": warning?.json ?? .null,
        ]
    }

    init?(json: JSONValue) {
        func money(_ key: String) -> Money? { json[key].flatMap(Money.init(json:)) }
        guard let institution = json["institution"]?.stringValue, let logs = json["logs"]?.intValue,
              let billed = money("billed"), let allowed = money("allowed"), let fund = money("fund"),
              let personal = money("personal"), let overCap = money("overCap"), let adjustments = money("adjustments") else { return nil }
        self.init(institution: institution, logs: logs, billed: billed, allowed: allowed, fund: fund, personal: personal,
                  overCap: overCap, adjustments: adjustments, withheld: money("withheld") ?? .zero)
        budget = money("budget")
        usedThisYear = money("usedThisYear")
        heldAboveBudget = money("heldAboveBudget") ?? .zero
        subsidiesDeducted = money("subsidiesDeducted") ?? .zero
        warning = json["warning"].flatMap(Ratio.init(json:))
    }
}

/// A month's settlement: one statement per institution and the fund's total,
/// which is the statements' sum to the fen. Once run, a month is closed: the
/// run is stored as it was and never recomputed.
public struct SettlementRun: Sendable, Equatable {
    public var month: YearMonth
    public var settledOn: CalendarDate
    public var statements: [Statement]

    public init(month: YearMonth, settledOn: CalendarDate, statements: [Statement]) {
        self.month = month
        self.settledOn = settledOn
        self.statements = statements
    }

    public var fundTotal: Money { statements.reduce(.zero) { $0 + $1.payable } }
    public var logCount: Int { statements.reduce(0) { $0 + $1.logs } }

    public var json: JSONValue {
        [
            "month": .string(month.description), "settledOn": .string(settledOn.description),
            "statements": .array(statements.map(\.json)),
            "summary": [
                "institutions": .integer(statements.count), "logs": .integer(logCount),
                "billed": statements.reduce(Money.zero) { $0 + $1.billed }.json,
                "allowed": statements.reduce(Money.zero) { $0 + $1.allowed }.json,
                "fund": statements.reduce(Money.zero) { $0 + $1.fund }.json,
                "personal": statements.reduce(Money.zero) { $0 + $1.personal }.json,
                "overCap": statements.reduce(Money.zero) { $0 + $1.overCap }.json,
                "adjustments": statements.reduce(Money.zero) { $0 + $1.adjustments }.json,
                "withheld": statements.reduce(Money.zero) { $0 + $1.withheld }.json,
                "payable": fundTotal.json,
            ],
        ]
    }

    public init?(json: JSONValue) {
        guard let month = json["month"]?.stringValue.flatMap(YearMonth.init),
              let settledOn = json["settledOn"]?.stringValue.flatMap(CalendarDate.init),
              let statements = json["statements"]?.arrayValue?.compactMap(Statement.init(json:)) else { return nil }
        self.init(month: month, settledOn: settledOn, statements: statements)
    }

    /// The statements as CSV, one line per institution and nothing else: a
    /// column added up is the month's amount once (the fund's total is in
    /// the text and the JSON, `summary`). Every amount that makes up
    /// `payable` has its column, so that each line adds up on its own.
    public var csv: String {
        var lines = ["institution,logs,billed,allowed,fund,personal,over_cap,adjustments,withheld,held_above_budget,subsidies_deducted,payable"]
        for s in statements.sorted(by: { NaturalOrder.less($0.institution, $1.institution) }) {
            lines.append("\(CSVText.cell(s.institution)),\(s.logs),\(s.billed),\(s.allowed),\(s.fund),\(s.personal),\(s.overCap),\(s.adjustments),\(s.withheld),\(s.heldAboveBudget),\(s.subsidiesDeducted),\(s.payable)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
