import LTCCases
import LTCCore

extension ProviderService {
    /// Settles a month for every institution: the accepted services at the
    /// agreed prices, capped per beneficiary by the month's ceiling from the
    /// benefit engine (applied as the logs were accepted, first come first
    /// capped), split into the fund's and the person's shares, plus the
    /// adjustments from corrections of settled months. The fund's total is
    /// the statements' sum to the fen.
    ///
    /// A settled month is closed: settling it again returns the stored run
    /// unchanged, and later corrections of its logs become adjustments of
    /// the next month settled.
    public func settle(month: YearMonth, actor: Actor, asOf: CalendarDate) throws -> SettlementRun {
        if let closed = try store.readProviders({ try $0.settlement(month: month) }) { return closed }
        return try perform("settlement.run", subject: "settlement:\(month)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            guard asOf > month.lastDay else {
                throw CaseError(.timing, "\(month) ends on \(month.lastDay); settle it from \(month.lastDay.adding(days: 1))")
            }
            if let closed = try tx.settlement(month: month) { return (closed, nil, nil) }
            var statements = Dictionary(uniqueKeysWithValues: try tx.unsettledTotals(month: month).map { ($0.institution, $0) })
            for adjustment in try tx.openAdjustments() {
                statements[adjustment.institution, default: Statement(institution: adjustment.institution)].adjustments =
                    statements[adjustment.institution, default: Statement(institution: adjustment.institution)].adjustments + adjustment.amount
            }
            // The scheme's withholding, kept back until the performance assessment.
            let share = try tx.schemes().lazy.compactMap(\.supervision?.assessment?.withholding).first
            if let share {
                for key in statements.keys { statements[key]!.withheld = share.apply(to: statements[key]!.fund) }
            }
            let run = SettlementRun(month: month, settledOn: asOf, statements: statements.keys.sorted().map { statements[$0]! })
            try tx.insert(run)
            return (run, nil, run.json["summary"])
        }
    }

    public func settlement(month: YearMonth) throws -> SettlementRun? {
        try store.readProviders { try $0.settlement(month: month) }
    }
}
