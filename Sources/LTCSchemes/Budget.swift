import LTCCore

/// The fund's budget rules (总额预算, seed plan 000): each institution has a
/// yearly budget set by the insurance agency; a statement shows the year's
/// use against it, warns at each level reached, and, above the budget, pays
/// a share of the excess and holds the rest for the year-end review.
///
/// ```json
/// "budget": {"warnings": [0.8, 0.95], "paidAboveBudget": 0.5, "yearEnd": {…}}
/// ```
public struct BudgetSettings: Sendable, Equatable {
    /// Shares of the budget at which a statement warns, lowest first.
    public var warnings: [Ratio]
    /// The share of use above the budget paid with the statement; the rest is held for the year-end review.
    public var paidAboveBudget: Ratio
    /// How the year-end close settles the holds (``BudgetYearEnd``); `nil` where the scheme is silent (``BudgetYearEnd/silent`` applies).
    public var yearEnd: BudgetYearEnd?

    public init(warnings: [Ratio], paidAboveBudget: Ratio, yearEnd: BudgetYearEnd? = nil) {
        self.warnings = warnings
        self.paidAboveBudget = paidAboveBudget
        self.yearEnd = yearEnd
    }

    /// The highest warning level that `used` has reached of `budget`, if any.
    public func warning(used: Money, budget: Money) -> Ratio? {
        warnings.last { level in
            // used ≥ level × budget, exactly: compare in fen × basis points.
            used.fen.multipliedFullWidth(by: 10_000) >= budget.fen.multipliedFullWidth(by: level.basisPoints)
        }
    }
}

extension BudgetSettings {
    /// - Parameter ratings: the ratings the scheme's performance assessment gives, `nil` if unknown.
    static func decode(_ fields: JSONFields, ratings: [String]?, log: JSONProblemLog) -> BudgetSettings? {
        var warnings: [Ratio] = []
        for (value, path) in fields.array("warnings") ?? [] {
            guard let level = Ratio(json: value), level.basisPoints > 0 else {
                log.report(path, "\(value) is not a share above 0 and at most 1")
                continue
            }
            if let last = warnings.last, level.basisPoints <= last.basisPoints {
                log.report(path, "\(value) is not above the level before: list the levels lowest first")
                continue
            }
            warnings.append(level)
        }
        guard let value = fields.object["paidAboveBudget"] else {
            log.report(fields.path.appending("paidAboveBudget"), "missing required field (a share from 0 to 1)")
            return nil
        }
        guard let paid = Ratio(json: value) else {
            log.report(fields.path.appending("paidAboveBudget"), "\(value) is not a share from 0 to 1 with at most four decimals")
            return nil
        }
        let yearEnd = fields.fields("yearEnd", accepting: ["overspend", "surplus", "ratings", "unrated"], required: false)
            .flatMap { BudgetYearEnd.decode($0, ratings: ratings, log: log) }
        if fields.has("yearEnd") && yearEnd == nil { return nil }
        return BudgetSettings(warnings: warnings, paidAboveBudget: paid, yearEnd: yearEnd)
    }
}
