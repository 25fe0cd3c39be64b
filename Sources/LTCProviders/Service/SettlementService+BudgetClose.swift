import LTCCases
import LTCCore
import LTCSchemes

extension SettlementService {
    /// Closes a year's budgets (年终清算; for `ltc budget close --year Y`
    /// and its rpc method): settles what the year's statements still hold
    /// above each institution's budget by the rule of the institution's own
    /// agreement's scheme (`budget.yearEnd`, ``BudgetYearEnd``; where a scheme
    /// with budgets is silent, ``BudgetYearEnd/silent``): holds up to the
    /// budget paid in full, the overspend's share (超支分担) and the surplus
    /// retained (结余留用) by the rating of the institution's last performance
    /// assessment ending in the year. What is paid comes on each
    /// institution's next statement as adjustments (`budget close Y`); each
    /// month's hold gets its closing decision (``HoldDecision``), so nothing
    /// of it is released again, and a later correction of the year's logs
    /// takes back what the close paid beyond what it would pay without it
    /// (``SettledCorrection``), as if it had come first. Institutions whose
    /// scheme sets no budget rules get no line.
    ///
    /// - Parameters:
    ///   - year: the year to close (2000–2100). Each of its twelve months
    ///     must be settled (an empty month too: `ltc settle --month`), so
    ///     that no log can still be added to it; a year is closed once.
    ///   - actor: an administrator (the `settle` permission).
    ///   - asOf: the day of the close, after the year's end.
    /// - Returns: the close as stored, one line per institution with a budget for the year.
    /// - Throws: `CaseError` `.forbidden`, `.invalidInput` (the year),
    ///   `.timing` (the year not over, or months of it not settled, named),
    ///   `.duplicate` (the year already closed, with the day it was).
    public func closeBudgets(year: Int, actor: Actor, asOf: CalendarDate) throws -> BudgetClose {
        let months = Set((1...12).compactMap { YearMonth(year: year, month: $0) })
        return try work.change(Operation("budget.close", subject: "budget:\(year)", actor: actor, asOf: asOf), on: store.closing(months)) { tx in
            try Access.require(actor, .settle)
            guard (2000...2100).contains(year) else { throw CaseError(.invalidInput, "year \(year) is not 2000 to 2100") }
            if let closed = try tx.holds.budgetClose(year: year) {
                throw CaseError(.duplicate, "\(year)'s budgets were closed on \(closed.closedOn); a year is closed once")
            }
            let december = YearMonth(year: year, month: 12)!
            guard asOf > december.lastDay else { throw CaseError(.timing, "\(year) ends on \(december.lastDay); close it from \(december.lastDay.adding(days: 1))") }
            let months = (1...12).map { YearMonth(year: year, month: $0)! }
            var runs: [YearMonth: SettlementRun] = [:]
            for month in months { runs[month] = try tx.settlements.settlement(month: month) }
            let open = months.filter { runs[$0] == nil }
            guard open.isEmpty else {
                throw CaseError(.timing, "close \(year) once each of its months is settled; not settled: \(open.map(\.description).joined(separator: ", "))")
            }
            let budgets = try tx.settlements.budgets(year: year)
            let use = try BudgetUse.settled(year: year, in: tx)
            let decisions = try tx.holds.decisions(institution: nil, months: months[0]...december)
            let schemes = try AgreementSchemes(institutions: Set(budgets.keys), month: december, in: tx)
            let ratings = try Self.lastRatings(year: year, in: tx)
            let by = "budget close \(year)"
            var lines: [BudgetClose.Line] = []
            for (institution, budget) in budgets.sorted(by: { $0.key < $1.key }) {
                guard let rules = schemes[institution]?.budget else { continue }
                // What each month's statement still holds, undecided.
                let accounts = months.compactMap { month in
                    runs[month]!.statements.first { $0.institution == institution }
                        .map { HoldAccount(statement: $0, month: month, kind: .budget, decisions: decisions) }
                }.filter { $0.closing == nil && $0.outstanding > .zero }
                let line = BudgetClose.Line(institution: institution, budget: budget, used: use[institution] ?? .zero,
                                            held: accounts.reduce(.zero) { $0 + $1.outstanding }, rating: ratings[institution],
                                            rules: rules.yearEnd ?? .silent)
                for (account, released) in zip(accounts, BudgetClose.share(line.released, over: accounts.map(\.outstanding))) {
                    try tx.holds.insert(HoldDecision(institution: institution, month: account.month, kind: .budget, cause: .budgetClose, decidedBy: by,
                                                     decidedOn: asOf, released: released, kept: account.outstanding - released, closing: true))
                }
                let rated = line.rating.map { "rated \($0)" } ?? "not rated"
                if line.released > .zero {
                    try tx.settlements.insert(SettlementAdjustment(institution: institution, logID: by, serviceMonth: december, amount: line.released,
                                                                   reason: "\(by): \(line.released) of the \(line.held) held above the budget paid (used \(line.used) of \(budget); \(rated))"))
                }
                if line.retained > .zero {
                    try tx.settlements.insert(SettlementAdjustment(institution: institution, logID: by, serviceMonth: december, amount: line.retained,
                                                                   reason: "\(by): \(line.retained) of the budget left unused retained (结余留用; used \(line.used) of \(budget); \(rated))"))
                }
                lines.append(line)
            }
            let close = BudgetClose(year: year, closedOn: asOf, lines: lines)
            try tx.holds.insert(close)
            return Outcome(close, after: close.json["summary"])
        }
    }

    /// A year's budget close, if closed: every line for administrators and
    /// auditors, an institution's own for it, nothing for an assessor.
    public func budgetClose(year: Int, actor: Actor) throws -> BudgetClose? {
        let reach = Access.reach(actor, asking: nil)
        guard reach != .none, var close = try store.read({ try $0.holds.budgetClose(year: year) }) else { return nil }
        if case .one(let institution) = reach { close.lines = close.lines.filter { $0.institution == institution } }
        return close
    }

    /// Each institution's rating by its last performance assessment ending in `year` (by the period's end, then its start).
    static func lastRatings(year: Int, in tx: any ProviderTransaction) throws -> [String: String] {
        let first = YearMonth(year: year, month: 1)!.firstDay, last = YearMonth(year: year, month: 12)!.lastDay
        var latest: [String: PerformanceAssessment] = [:]
        for assessment in try tx.supervision.performanceAssessments(from: first, to: last) where first <= assessment.to && assessment.to <= last {
            if let kept = latest[assessment.institution], (kept.to, kept.from) >= (assessment.to, assessment.from) { continue }
            latest[assessment.institution] = assessment
        }
        return latest.mapValues(\.rating)
    }
}
