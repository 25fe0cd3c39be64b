import LTCCases
import LTCCore
import LTCProviders

/// Reads an institution's statement of a month with its lines
/// (``RemittanceAdvice``): the settled statement, the month's logs of the
/// institution as stored, the adjustments its statement carried, and the
/// scheme's rules behind what was kept back, in one snapshot.
///
/// ```swift
/// let advice = try RemittanceService(store: store).advice(institution: "I001", month: YearMonth("2026-04")!, actor: clerk)
/// ```
public struct RemittanceService: Sendable {
    public let store: any ProviderStore

    public init(store: any ProviderStore) {
        self.store = store
    }

    /// Logs read at a time.
    static let pageSize = 5_000

    /// The institution's advice for `month`: for the institution itself, administrators and auditors.
    public func advice(institution: String, month: YearMonth, actor: Actor) throws -> RemittanceAdvice {
        try Access.requireReadable(actor, institution: institution, "the statement of \(institution)")
        return try store.read { tx in
            guard let found = try tx.institutions.institution(id: institution) else { throw CaseError.notYours("institution \(institution)", refused: false) }
            var logs: [StoredLog] = []
            var after: String?
            repeat {
                let page = try tx.logs.list(institution: institution, month: month, page: try PageRequest(after: after, limit: Self.pageSize))
                logs += page.items
                after = page.next
            } while after != nil
            let settlement = try tx.settlements.settlement(month: month)
            var adjustments: [SettlementAdjustment] = []
            var next: Int?
            repeat {
                let page = try tx.settlements.adjustments(carriedBy: settlement == nil ? nil : month, institution: institution,
                                                          page: try PageRequest(after: next, limit: Self.pageSize))
                adjustments += page.items
                next = page.next
            } while next != nil
            // The rules settlement applies: those of the scheme in force at the month's end.
            let schemes = try tx.schemes.inForce(on: month.lastDay)
            let assessment = schemes.lazy.compactMap(\.supervision?.assessment).first
            return RemittanceAdvice(institution: institution, institutionName: found.name, month: month,
                                    statement: settlement.map { run in run.statements.first { $0.institution == institution } ?? Statement(institution: institution) },
                                    settledOn: settlement?.settledOn,
                                    logs: logs, adjustments: adjustments, withholding: assessment?.withholding, release: assessment?.release ?? [],
                                    paidAboveBudget: schemes.lazy.compactMap(\.budget).first?.paidAboveBudget)
        }
    }
}
