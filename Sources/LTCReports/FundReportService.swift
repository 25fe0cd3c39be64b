import LTCCases
import LTCCore
import LTCProviders

/// Reads the fund report of a settled month: from its stored settlement and
/// the usage ledger, closed with the month, so that the report costs the
/// month's statements and ledger rows, not its logs.
///
/// ```swift
/// let report = try FundReportService(store: store).report(month: YearMonth("2026-04")!, actor: admin)
/// report.byGrade      // each breakdown adds up to the settlement's fund share
/// ```
public struct FundReportService: Sendable {
    public let store: any ProviderStore

    public init(store: any ProviderStore) {
        self.store = store
    }

    /// What the fund actually spent in a month, to set beside a projection
    /// (``FundSpending``, the report's definition): the settlement's payable
    /// total for care and the cash run's total, each `nil` until the month is
    /// settled or run, and what it still owes of what the statements withheld
    /// and held (administrators and auditors).
    public func spending(month: YearMonth, actor: Actor) throws -> JSONValue {
        try Access.require(actor, .readAll)
        return try store.read { tx in
            let settlement = try tx.settlements.settlement(month: month)
            return FundSpending(month: month, settlement: settlement, cash: try tx.cash.run(month: month),
                                owed: try Self.owed(settlement, in: tx)).json
        }
    }

    /// What the fund still owes of what a settled month's statements withheld
    /// and held: what no decision has released or kept yet (``HoldAccount``).
    static func owed(_ settlement: SettlementRun?, in tx: any ProviderTransaction) throws -> Money {
        guard let settlement else { return .zero }
        let decisions = try tx.holds.decisions(institution: nil, months: settlement.month...settlement.month)
        return settlement.statements.reduce(.zero) { owed, statement in
            HoldDecision.Kind.allCases.reduce(owed) { $0 + HoldAccount(statement: statement, month: settlement.month, kind: $1, decisions: decisions).outstanding }
        }
    }

    /// The fund report of a settled month, read in one snapshot: for
    /// administrators and auditors (it concerns every institution).
    public func report(month: YearMonth, actor: Actor) throws -> FundReport {
        try Access.require(actor, .readAll)
        return try store.read { tx in
            guard let settlement = try tx.settlements.settlement(month: month) else {
                throw CaseError(.notFound, "\(month) is not settled; run `ltc settle --month \(month)` first")
            }
            var grades: [String: FundReport.Row] = [:], modes: [String: FundReport.Row] = [:]
            for use in try tx.usage.fundUse(month: month) {
                grades["grade \(use.grade)", default: .empty("grade \(use.grade)")].add(logs: use.logs, allowed: use.allowed, fund: use.fund)
                modes[use.mode, default: .empty(use.mode)].add(logs: use.logs, allowed: use.allowed, fund: use.fund)
            }
            let institutions = try tx.institutions.institutions(ids: Set(settlement.statements.map(\.institution)))
            var byDistrict: [String: FundReport.Row] = [:]
            var byInstitution: [FundReport.Row] = []
            for statement in settlement.statements {
                byInstitution.append(FundReport.Row(key: statement.institution, logs: statement.logs, allowed: statement.allowed, fund: statement.fund))
                let district = institutions[statement.institution]?.district ?? "?"
                byDistrict[district, default: .empty(district)].add(logs: statement.logs, allowed: statement.allowed, fund: statement.fund)
            }
            let rejections = try tx.usage.receipts(month: month).map {
                FundReport.Rejections(institution: $0.institution, received: $0.received, rejected: $0.rejected,
                                      share: $0.received == 0 ? 0 : $0.rejected * 10_000 / $0.received)
            }.filter { $0.rejected > 0 }.sorted { ($0.share, $0.rejected, $1.institution) > ($1.share, $1.rejected, $0.institution) }
            var ratings: [String: Int] = [:]
            for assessment in try tx.supervision.performanceAssessments(from: month.firstDay, to: month.lastDay) {
                ratings[assessment.rating, default: 0] += 1
            }
            // Adjustments for corrections and withdrawals of earlier, settled months, and for penalties,
            // belong to no log of this month: one row of each breakdown, so that each adds up to what the fund spends.
            let adjustments = settlement.statements.reduce(Money.zero) { $0 + $1.adjustments }
            let deducted = settlement.statements.reduce(Money.zero) { $0 + $1.subsidiesDeducted }
            // Subsidies deducted from care belong to people, not to a grade or mode of the logs: a row of their own too.
            func closed(_ rows: [FundReport.Row]) -> [FundReport.Row] {
                var rows = rows
                if adjustments != .zero { rows.append(FundReport.Row(key: FundReport.adjustmentsKey, logs: 0, allowed: .zero, fund: adjustments)) }
                if deducted != .zero { rows.append(FundReport.Row(key: FundReport.deductionsKey, logs: 0, allowed: .zero, fund: .zero - deducted)) }
                return rows
            }
            var report = FundReport(month: month, settlement: settlement,
                                    byGrade: closed(grades.keys.sorted().map { grades[$0]! }), byMode: closed(modes.keys.sorted(by: NaturalOrder.less).map { modes[$0]! }),
                                    byDistrict: closed(byDistrict.keys.sorted(by: NaturalOrder.less).map { byDistrict[$0]! }), byInstitution: closed(byInstitution.sorted { NaturalOrder.less($0.key, $1.key) }),
                                    mostRejected: Array(rejections.prefix(10)), ratings: ratings.keys.sorted().map { ($0, ratings[$0]!) })
            report.institutionNames = institutions.mapValues(\.name)
            report.cash = try tx.cash.run(month: month)
            report.owed = try Self.owed(settlement, in: tx)
            report.outOfRegion = try tx.usage.fundUseAway(month: month).map {
                FundReport.Row(key: $0.region, logs: $0.use.logs, allowed: $0.use.allowed, fund: $0.use.fund)
            }
            report.risk = try EnforcementService.fundNotice(month: month, in: tx)?.risk
            return report
        }
    }
}

extension FundReport.Row {
    static func empty(_ key: String) -> FundReport.Row {
        FundReport.Row(key: key, logs: 0, allowed: .zero, fund: .zero)
    }

    mutating func add(logs: Int, allowed: Money, fund: Money) {
        self.logs += logs
        self.allowed = self.allowed + allowed
        self.fund = self.fund + fund
    }
}
