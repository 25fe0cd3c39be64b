import LTCCore

/// A correction or withdrawal of a log of a settled month recovers at most
/// what the month's statement paid for it (issue 29, finding 5). The
/// statement paid its fund share less what it withheld (until the
/// performance assessment) and held above the budget (until the year-end
/// close); a log that comes to be worth less takes back its share of what
/// was paid, and its share of what was withheld or held is cancelled: kept
/// by the fund and never released later (a ``HoldDecision`` of cause
/// `correction`).
///
/// The shares are the statement's own: after the change, the month is as
/// if settled on what its logs are now worth, by its own figures. For the
/// fund share `x` the month's logs are now worth (its statement's `fund`
/// plus every correction so far), it withholds `withheld × x ÷ fund` and
/// holds `heldAboveBudget × above(x) ÷ above(fund)`, where `above(x)` is the
/// part of `x` that was above the budget given the year's use before the
/// month (its `usedThisYear` less its `fund`); each rounded half-up. A log
/// whose share drops from `before` to `after` cancels the fall of each of
/// those between `before` and `after`, and the rest of the drop is
/// recovered. Once a hold is decided, its part is recovered as far as the
/// decision paid it (a released withholding was paid) and no further; a
/// budget hold the year's close decided gives back what the close paid
/// beyond what it would pay now (``closeRevision``): the close is not in
/// proportion to the hold (bands, the rating, a surplus retained), so a
/// share of what it released would make the order of the correction and
/// the close matter.
///
/// ```swift
/// // June: 117.00 share, 5.85 withheld, 58.50 held above the budget; J2, worth 58.50, withdrawn.
/// let split = SettledCorrection.Split(statement: june, before: Money(yuan: 117), after: Money(text: "58.50")!)
/// split.withheld   // 2.92 cancelled
/// split.held       // 29.25 cancelled
/// split.paid       // 26.33 recovered
/// ```
public enum SettledCorrection {
    /// What `statement` would have held above its budget had its logs been
    /// worth `x` (a fund share): `heldAboveBudget × above(x) ÷ above(fund)`,
    /// rounded half-up, where `above(x)` is the part of `x` above the budget
    /// given the year's use before the month.
    static func held(_ statement: Statement, worth x: Money) -> Money {
        guard let budget = statement.budget else { return .zero }
        let prior = (statement.usedThisYear ?? statement.fund) - statement.fund
        func above(_ x: Money) -> Money { max(.zero, prior + x - budget) - max(.zero, prior - budget) }
        let whole = above(statement.fund)
        return whole > .zero ? statement.heldAboveBudget.scaled(by: min(above(max(.zero, x)), whole).fen, over: whole.fen) : .zero
    }

    /// How a drop of a settled month's fund share divides.
    public struct Split: Sendable, Equatable {
        /// The drop's part of what the statement withheld.
        public var withheld: Money
        /// Its part of what the statement held above the budget.
        public var held: Money
        /// Its part of what the statement paid.
        public var paid: Money

        /// - Parameters:
        ///   - before: the fund share of the statement's logs before the change (its `fund` plus the corrections so far).
        ///   - after: that share after it, at most `before`.
        public init(statement: Statement, before: Money, after: Money) {
            let drop = max(.zero, before - after)
            func withheld(_ x: Money) -> Money {
                statement.fund > .zero ? statement.withheld.scaled(by: max(.zero, x).fen, over: statement.fund.fen) : .zero
            }
            let held = { SettledCorrection.held(statement, worth: $0) }
            let w = min(drop, max(.zero, withheld(before) - withheld(after)))
            let h = min(drop - w, max(.zero, held(before) - held(after)))
            self.withheld = w
            self.held = h
            paid = drop - w - h
        }
    }

    /// Stores `adjustment`, a correction of a log of a settled month (its
    /// `fundChange` is how much the log's share changed): its amount becomes
    /// what is recovered, and what it cancels of the statement's withholding
    /// and hold is recorded as decided. Returns the adjustment as stored.
    @discardableResult
    static func record(_ adjustment: SettlementAdjustment, asOf: CalendarDate, in tx: any ProviderTransaction) throws -> SettlementAdjustment {
        guard let change = adjustment.fundChange, change != .zero,
              let statement = try tx.settlements.settlement(month: adjustment.serviceMonth)?.statements.first(where: { $0.institution == adjustment.institution })
        else {
            try tx.settlements.insert(adjustment)
            return adjustment
        }
        let month = adjustment.serviceMonth
        let before = statement.fund + (try tx.settlements.corrections(institution: adjustment.institution, month: month))
        guard change < .zero else {
            // A log worth more is paid the difference, less what a closed year's close would have paid less with it.
            let revision = try closeRevision(statement, month: month, before: before, change: change, institution: adjustment.institution, in: tx)
            var stored = adjustment
            if revision != .zero {
                stored.amount = adjustment.amount - revision
                stored.reason += ": \(Money.zero - revision) of the year's budget close with it"
            }
            try tx.settlements.insert(stored)
            return stored
        }
        let split = Split(statement: statement, before: before, after: before + change)
        let decisions = try tx.holds.decisions(institution: adjustment.institution, months: month...month)
        var recovered = split.paid
        var cancelled: [String] = []
        for (kind, part) in [(HoldDecision.Kind.withheld, split.withheld), (.budget, split.held)] where part > .zero {
            let account = HoldAccount(statement: statement, month: month, kind: kind, decisions: decisions)
            if let closing = account.closing, closing.cause == .budgetClose {
                continue   // the year's close decided it: the close's revision below gives back its part
            } else if let closing = account.closing {
                // Decided: what the decision paid of it was paid, and comes back; what it kept was never paid.
                let decided = closing.released + closing.kept
                if decided > .zero { recovered = recovered + part.scaled(by: closing.released.fen, over: decided.fen) }
            } else {
                // Never paid: cancelled (what earlier corrections cancelled already is not cancelled twice).
                let cancel = min(part, account.outstanding)
                guard cancel > .zero else { continue }
                try tx.holds.insert(HoldDecision(institution: adjustment.institution, month: month, kind: kind, cause: .correction,
                                                 decidedBy: "log \(adjustment.logID)", decidedOn: asOf, released: .zero, kept: cancel, closing: false))
                cancelled.append("\(cancel) \(kind == .withheld ? "withheld" : "held above the budget")")
            }
        }
        // A closed year: the close comes back as far as it would have paid less (released and retained) had the
        // log been worth this much before it, as if the correction had come first; a surplus retained moves with
        // the year's use even where the month held nothing.
        recovered = recovered + (try closeRevision(statement, month: month, before: before, change: change, institution: adjustment.institution, in: tx))
        var stored = adjustment
        stored.amount = .zero - recovered
        stored.reason += ": \(recovered) recovered" + (cancelled.isEmpty ? "" : ", \(cancelled.joined(separator: " and ")) cancelled")
        try tx.settlements.insert(stored)
        return stored
    }

    /// What the year's budget close paid beyond what it would pay now that a
    /// log of `month` falls by `change`: the close recomputed (``BudgetClose/Line``,
    /// by the institution's scheme and the rating it used) on the year's use
    /// and holds as they stand before the change and after it, released plus
    /// retained. The holds are each month's statement's hold on what its logs
    /// are worth now (``held(_:worth:)``), which is what a correction before
    /// the close would have left outstanding; so a withdrawal after the close
    /// and one before it end with the same money (issue 29, finding 5's rule
    /// at the year's end). Negative when the close would now pay more (a
    /// surplus retained).
    private static func closeRevision(_ statement: Statement, month: YearMonth, before: Money, change: Money, institution: String,
                                      in tx: any ProviderTransaction) throws -> Money {
        guard let close = try tx.holds.budgetClose(year: month.year), let line = close.lines.first(where: { $0.institution == institution }),
              let rules = try AgreementSchemes(institutions: [institution], month: YearMonth(year: month.year, month: 12)!, in: tx)[institution]?.budget
        else { return .zero }
        let used = try BudgetUse.settled(year: month.year, in: tx)[institution] ?? .zero
        var held = Money.zero
        for number in 1...12 {
            let other = YearMonth(year: month.year, month: number)!
            guard other != month, let settled = try tx.settlements.settlement(month: other)?.statements.first(where: { $0.institution == institution })
            else { continue }
            held = held + Self.held(settled, worth: settled.fund + (try tx.settlements.corrections(institution: institution, month: other)))
        }
        func paid(used: Money, worth: Money) -> Money {
            let revised = BudgetClose.Line(institution: institution, budget: line.budget, used: used, held: held + Self.held(statement, worth: worth),
                                           rating: line.rating, rules: rules.yearEnd ?? .silent)
            return revised.released + revised.retained
        }
        return paid(used: used, worth: before) - paid(used: used + change, worth: before + change)
    }
}
