import LTCCore
import LTCSchemes

/// A year's budget close (年终清算): for each institution with a budget, the
/// year's use against it and how the scheme's rule (``BudgetYearEnd``)
/// settled what the year's statements held above it: released on the next
/// statement or kept, and a surplus retained. Closed once stored; a year is
/// closed once.
///
/// ```swift
/// let close = try settlement.closeBudgets(year: 2026, actor: admin, asOf: day)
/// close.lines.first?.released     // holds paid on the next statement
/// ```
public struct BudgetClose: Sendable, Equatable {
    /// One institution's close.
    public struct Line: Sendable, Equatable {
        public var institution: String
        public var budget: Money
        /// The year's use: its settled statements' fund shares, net of corrections of their logs.
        public var used: Money
        /// What the year's statements still held above the budget at the close.
        public var held: Money
        /// The rating of the institution's last assessment ending in the year, if any, and the share it gives.
        public var rating: String?
        public var ratingShare: Ratio
        /// Of the use above the budget, what the fund bears by the overspend bands (before the rating).
        public var overspendShare: Money
        /// Of the holds, paid on the next statement: up to the budget in full, above it by the bands and the rating.
        public var released: Money
        /// Of the holds, never paid.
        public var kept: Money
        /// Of an unused budget, paid to the institution (结余留用).
        public var retained: Money

        public init(institution: String, budget: Money, used: Money, held: Money, rating: String?, ratingShare: Ratio,
                    overspendShare: Money, released: Money, kept: Money, retained: Money) {
            self.institution = institution
            self.budget = budget
            self.used = used
            self.held = held
            self.rating = rating
            self.ratingShare = ratingShare
            self.overspendShare = overspendShare
            self.released = released
            self.kept = kept
            self.retained = retained
        }

        /// Settles one institution's year by `rules`.
        ///
        /// With `paid` = use − held (what the statements paid of the use),
        /// the fund owes min(use, budget) + the overspend bands' share: the
        /// part of that beyond `paid` and within the budget is released in
        /// full, the part above the budget times the rating's share; never
        /// more than is held, never less than nothing. A surplus, where the
        /// year used enough of the budget, retains its counted part times the
        /// rating's share.
        public init(institution: String, budget: Money, used: Money, held: Money, rating: String?, rules: BudgetYearEnd) {
            let share = rules.share(rating: rating)
            let paid = used - held
            let within = min(used, budget)
            let overspend = rules.fundShare(of: max(.zero, used - budget), budget: budget)
            let dueWithin = min(held, max(.zero, within - paid))
            let dueAbove = min(held, max(.zero, within + overspend - paid)) - dueWithin
            let released = dueWithin + share.apply(to: dueAbove)
            // used ≥ minimumUse × budget, exactly: compare in fen × basis points.
            let counted = used.fen.multipliedFullWidth(by: 10_000) >= budget.fen.multipliedFullWidth(by: rules.surplusMinimumUse.basisPoints)
            let surplus = counted ? min(max(.zero, budget - used), rules.surplusUpTo.apply(to: budget)) : .zero
            self.init(institution: institution, budget: budget, used: used, held: held, rating: rating, ratingShare: share,
                      overspendShare: overspend, released: released, kept: held - released,
                      retained: share.apply(to: rules.surplusRetained.apply(to: surplus)))
        }

        public var json: JSONValue {
            [
                "institution": .string(institution), "budget": budget.json, "used": used.json, "held": held.json,
                "rating": rating.map { .string($0) } ?? .null, "ratingShare": ratingShare.json, "overspendShare": overspendShare.json,
                "released": released.json, "kept": kept.json, "retained": retained.json,
            ]
        }

        init?(json: JSONValue) {
            func money(_ key: String) -> Money? { json[key].flatMap(Money.init(json:)) }
            guard let institution = json["institution"]?.stringValue, let budget = money("budget"), let used = money("used"),
                  let held = money("held"), let share = json["ratingShare"].flatMap(Ratio.init(json:)), let overspend = money("overspendShare"),
                  let released = money("released"), let kept = money("kept"), let retained = money("retained") else { return nil }
            self.init(institution: institution, budget: budget, used: used, held: held, rating: json["rating"]?.stringValue, ratingShare: share,
                      overspendShare: overspend, released: released, kept: kept, retained: retained)
        }
    }

    public var year: Int
    public var closedOn: CalendarDate
    /// By institution.
    public var lines: [Line]

    public init(year: Int, closedOn: CalendarDate, lines: [Line]) {
        self.year = year
        self.closedOn = closedOn
        self.lines = lines
    }

    /// `total` shared over `amounts` in proportion, to the fen: each share
    /// rounded down, the fen left over going to the largest remainders,
    /// earliest first on a tie; the shares add up to `total` and none is
    /// above its amount (for `total` at most their sum).
    static func share(_ total: Money, over amounts: [Money]) -> [Money] {
        let whole = amounts.reduce(Money.zero, +)
        guard whole > .zero, total > .zero else { return amounts.map { _ in .zero } }
        var shares: [Money] = [], remainders: [(Int, Int)] = []
        for (index, amount) in amounts.enumerated() {
            let product = total.fen.multipliedFullWidth(by: amount.fen)
            let (quotient, remainder) = whole.fen.dividingFullWidth(product)
            shares.append(Money(fen: quotient))
            remainders.append((remainder, index))
        }
        var left = total - shares.reduce(Money.zero, +)
        for (_, index) in remainders.sorted(by: { ($0.0, -$0.1) > ($1.0, -$1.1) }) where left > .zero {
            shares[index] = shares[index] + Money(fen: 1)
            left = left - Money(fen: 1)
        }
        return shares
    }

    /// What the close pays on the next statements: holds released and surpluses retained.
    public var paid: Money { lines.reduce(.zero) { $0 + $1.released + $1.retained } }

    public var json: JSONValue {
        [
            "year": .integer(year), "closedOn": .string(closedOn.description), "lines": .array(lines.map(\.json)),
            "summary": [
                "institutions": .integer(lines.count), "held": lines.reduce(Money.zero) { $0 + $1.held }.json,
                "released": lines.reduce(Money.zero) { $0 + $1.released }.json, "kept": lines.reduce(Money.zero) { $0 + $1.kept }.json,
                "retained": lines.reduce(Money.zero) { $0 + $1.retained }.json, "paid": paid.json,
            ],
        ]
    }

    public init?(json: JSONValue) {
        guard let year = json["year"]?.intValue, let closedOn = json["closedOn"]?.stringValue.flatMap(CalendarDate.init),
              let lines = json["lines"]?.arrayValue?.compactMap(Line.init(json:)) else { return nil }
        self.init(year: year, closedOn: closedOn, lines: lines)
    }
}
