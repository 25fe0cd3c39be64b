import LTCCases
import LTCCore

/// Monthly settlement: a closed statement per institution, once per month.
///
/// ```swift
/// let settlement = SettlementService(store: store, clock: SystemClock())
/// let run = try settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: CalendarDate("2026-05-04")!)
/// run.fundTotal     // the statements' payable amounts, summed to the fen
/// ```
public struct SettlementService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    /// Settles a month for every institution: the accepted services at the
    /// agreed prices, capped per beneficiary by the month's ceiling from the
    /// benefit engine (applied as the logs were accepted, first come first
    /// capped), split into the fund's and the person's shares, plus the
    /// adjustments no statement has carried yet, less the scheme's
    /// withholding. The totals come from the usage ledger (kept with the
    /// logs), so settling reads one row per institution, not the month's logs.
    /// The fund's total is the statements' sum to the fen.
    ///
    /// A settled month is closed: settling it again returns the stored run
    /// unchanged, the store refuses changes to it and to its ledger, and later
    /// corrections of its logs become adjustments of the next month settled.
    public func settle(month: YearMonth, actor: Actor, asOf: CalendarDate) throws -> SettlementRun {
        try Access.require(actor, .settle)
        if let closed = try store.read({ try $0.settlements.settlement(month: month) }) { return closed }
        return try work.change(Operation("settlement.run", subject: "settlement:\(month)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .settle)
            guard asOf > month.lastDay else {
                throw CaseError(.timing, "\(month) ends on \(month.lastDay); settle it from \(month.lastDay.adding(days: 1))")
            }
            if let closed = try tx.settlements.settlement(month: month) { return Outcome(closed) }
            var statements = Dictionary(uniqueKeysWithValues: try tx.usage.statementTotals(month: month).map { ($0.institution, $0) })
            for adjustment in try tx.settlements.openAdjustments() {
                var statement = statements[adjustment.institution] ?? Statement(institution: adjustment.institution)
                statement.adjustments = statement.adjustments + adjustment.amount
                statements[adjustment.institution] = statement
            }
            // The scheme's withholding, kept back until the performance assessment.
            if let share = try tx.schemes.inForce(on: month.lastDay).lazy.compactMap(\.supervision?.assessment?.withholding).first {
                for key in statements.keys { statements[key]!.withheld = share.apply(to: statements[key]!.fund) }
            }
            let run = SettlementRun(month: month, settledOn: asOf, statements: statements.keys.sorted().map { statements[$0]! })
            try tx.settlements.insert(run)
            try tx.settlements.carryOpenAdjustments(into: month)
            return Outcome(run, after: run.json["summary"])
        }
    }

    /// The stored run of a settled month, if settled.
    /// The adjustments behind the statements' adjustment totals, each with
    /// its reason (a correction or withdrawal of a settled month's log, a
    /// service after a case ended, a penalty): those the statements of
    /// settled `month` carried, or with `nil` those waiting for the next
    /// month settled. An institution reads its own; all, only an administrator.
    public func adjustments(month: YearMonth?, institution: String?, actor: Actor,
                            page: PageRequest<Int>) throws -> Page<SettlementAdjustment, Int> {
        try Access.require(actor, institution.map { .actFor(institution: $0) } ?? .settle)
        return try store.read { try $0.settlements.adjustments(carriedBy: month, institution: institution, page: page) }
    }

    /// A settled month as it was settled: every statement for administrators
    /// and auditors, an institution's own for it (the fund's total then is its
    /// own payable), nothing for an assessor.
    public func settlement(month: YearMonth, actor: Actor) throws -> SettlementRun? {
        let reach = Access.reach(actor, asking: nil)
        guard reach != .none, var run = try store.read({ try $0.settlements.settlement(month: month) }) else { return nil }
        if case .one(let institution) = reach { run.statements = run.statements.filter { $0.institution == institution } }
        return run
    }
}
