import LTCCases
import LTCCore
import LTCSchemes

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
    /// adjustments no statement has carried yet (with, for cases changed
    /// since the last run, what their subsidies owe now for months settled
    /// before: ``SubsidyDeductions``), less the withholding and the budget
    /// hold of each institution's own agreement's scheme
    /// (``AgreementSchemes``) and the subsidies deducted. The totals come from
    /// the usage ledger (kept with the logs), and are checked, in the same
    /// transaction, against the month's accepted logs added up again (one
    /// aggregate statement over the month's logs, one row per institution
    /// back): a ledger changed outside ltc stops the settlement with
    /// ``LedgerMismatch`` naming the institution, kept in the audit trail as
    /// refused. The fund's total is the statements' sum to the fen.
    ///
    /// A settled month is closed: settling it again returns the stored run
    /// unchanged, the store refuses changes to it and to its ledger, and later
    /// corrections of its logs become adjustments of the next month settled.
    public func settle(month: YearMonth, actor: Actor, asOf: CalendarDate) throws -> SettlementRun {
        try Access.require(actor, .settle)
        if let closed = try store.read({ try $0.settlements.settlement(month: month) }) { return closed }
        let operation = Operation("settlement.run", subject: "settlement:\(month)", actor: actor, asOf: asOf)
        do {
            return try settleOpen(month: month, operation: operation)
        } catch let mismatch as LedgerMismatch {
            try work.refuse(operation, mismatch, on: store.transactions)
            throw mismatch
        }
    }

    private func settleOpen(month: YearMonth, operation: Operation) throws -> SettlementRun {
        let (actor, asOf) = (operation.actor, operation.asOf)
        return try work.change(operation, on: store.closing([month])) { tx in
            try Access.require(actor, .settle)
            guard asOf > month.lastDay else {
                throw CaseError(.timing, "\(month) ends on \(month.lastDay); settle it from \(month.lastDay.adding(days: 1))")
            }
            if let closed = try tx.settlements.settlement(month: month) { return Outcome(closed) }
            // Cases changed since the last run owe the difference for their subsidies in months settled before (SubsidyDeductions).
            let previous = try tx.settlements.lastSettledEvent()
            let (changed, lastEvent) = try tx.cash.casesChanged(after: previous ?? .max)
            if previous != nil {
                try SubsidyDeductions.settleLate(cases: changed, settling: month, through: YearMonth(containing: asOf), in: tx)
            }
            let ledger = try tx.usage.statementTotals(month: month)
            try LedgerCheck.require(ledger: ledger.map(LedgerTotals.init), logs: try tx.logs.acceptedTotals(month: month), month: month)
            var statements = Dictionary(uniqueKeysWithValues: ledger.map { ($0.institution, $0) })
            for adjustment in try tx.settlements.openAdjustments() {
                var statement = statements[adjustment.institution] ?? Statement(institution: adjustment.institution)
                statement.adjustments = statement.adjustments + adjustment.amount
                statements[adjustment.institution] = statement
            }
            // Each institution's own scheme's withholding, kept back until the performance assessment.
            let schemes = try AgreementSchemes(institutions: Set(statements.keys), month: month, in: tx)
            for key in statements.keys {
                guard let share = schemes[key]?.supervision?.assessment?.withholding else { continue }
                statements[key]!.withheld = share.apply(to: statements[key]!.fund)
            }
            try Self.applyBudgets(schemes, to: &statements, month: month, in: tx)
            try SubsidyDeductions.apply(to: &statements, month: month, in: tx)
            let run = SettlementRun(month: month, settledOn: asOf, statements: statements.keys.sorted().map { statements[$0]! })
            try tx.settlements.insert(run, eventSeq: lastEvent)
            try tx.settlements.carryOpenAdjustments(into: month)
            return Outcome(run, after: run.json["summary"])
        }
    }

    /// Each statement's year of use against its institution's budget (总额预算):
    /// the use (``BudgetUse``) of the year's months settled so far, in
    /// whatever order, and this month's fund share; the highest warning level
    /// reached; and, of this month's use above the budget, the part the
    /// scheme does not pay now, held for the year-end close. Institutions
    /// without a budget for the year, or whose scheme sets no budget rules,
    /// are left as they are.
    static func applyBudgets(_ schemes: AgreementSchemes, to statements: inout [String: Statement], month: YearMonth,
                             in tx: any ProviderTransaction) throws {
        let budgets = try tx.settlements.budgets(year: month.year)
        guard !budgets.isEmpty else { return }
        let before = try BudgetUse.settled(year: month.year, in: tx)
        for (institution, budget) in budgets {
            guard var statement = statements[institution], let settings = schemes[institution]?.budget else { continue }
            let prior = before[institution] ?? .zero
            let used = prior + statement.fund
            let above = max(.zero, used - budget) - max(.zero, prior - budget)
            statement.budget = budget
            statement.usedThisYear = used
            statement.warning = settings.warning(used: used, budget: budget)
            statement.heldAboveBudget = max(.zero, above - settings.paidAboveBudget.apply(to: above))
            statements[institution] = statement
        }
    }

    /// Sets an institution's budget for a year (administrators).
    public func setBudget(institution: String, year: Int, amount: Money, actor: Actor, asOf: CalendarDate) throws {
        try work.change(Operation("budget.set", subject: "institution:\(institution)", actor: actor, asOf: asOf, reason: "\(year): \(amount)"),
                        on: store.transactions) { tx in
            try Access.require(actor, .settle)
            guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard (2000...2100).contains(year) else { throw CaseError(.invalidInput, "year \(year) is not 2000 to 2100") }
            guard amount >= .zero, amount <= Self.budgetLimit else {
                throw CaseError(.invalidInput, "a budget is 0 to \(Self.budgetLimit) yuan, not \(amount)")
            }
            guard try tx.settlements.settlement(month: YearMonth(year: year, month: 12)!) == nil else {
                throw CaseError(.timing, "\(year) is settled to its end: its budgets are closed")
            }
            try tx.settlements.setBudget(institution: institution, year: year, amount: amount, on: asOf)
            return Outcome((), after: ["institution": .string(institution), "year": .integer(year), "amount": amount.json])
        }
    }

    /// The highest budget accepted: ten billion yuan.
    public static let budgetLimit = Money(yuan: 10_000_000_000)

    /// The budgets of a year: every institution's for administrators and auditors, its own for an institution.
    public func budgets(year: Int, actor: Actor) throws -> [String: Money] {
        let reach = Access.reach(actor, asking: nil)
        guard reach != .none else { throw CaseError(.forbidden, "\(actor) may not read budgets") }
        let all = try store.read { try $0.settlements.budgets(year: year) }
        if case .one(let institution) = reach { return all.filter { $0.key == institution } }
        return all
    }

    /// The stored run of a settled month, if settled.
    /// The adjustments behind the statements' adjustment totals, each with
    /// its reason (a correction or withdrawal of a settled month's log, a
    /// service after a case ended, a penalty): those the statements of
    /// settled `month` carried, or with `nil` those waiting for the next
    /// month settled. An institution reads its own, without naming itself;
    /// administrators and auditors any institution's or all; another's or an
    /// assessor's ask is "not found or not yours", as for other institution records.
    public func adjustments(month: YearMonth?, institution: String?, actor: Actor,
                            page: PageRequest<Int>) throws -> Page<SettlementAdjustment, Int> {
        let whose: String?
        switch Access.reach(actor, asking: institution) {
        case .every: whose = nil
        case .one(let one): whose = one
        case .none: throw CaseError.notYours("the adjustments of institution \(institution ?? "")", refused: true)
        }
        return try store.read { try $0.settlements.adjustments(carriedBy: month, institution: whose, page: page) }
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
