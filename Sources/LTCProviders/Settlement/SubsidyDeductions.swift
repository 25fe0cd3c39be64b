import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// Other subsidies deducted from LTCI that come off the care statements:
/// a person's deduction for the month (the subsidy prorated to the days
/// both pay, ``Entitlement``) is taken from their cash first, by the cash
/// run; what is left, up to what the fund paid for their care in the month,
/// comes off the statement of the institution they were enrolled with for
/// most of the month, and the person pays that part of the care.
///
/// What each statement takes off is kept per case and month
/// (``SubsidyDeduction``), so that a case changed after its month was
/// settled (a subsidy recorded late, a death recorded late) owes the
/// difference once, as an adjustment on the next statement, like a late
/// death's services (issue 29, item 4): a deducted subsidy of 150 recorded
/// after April was settled comes off May's statement, so April nets the same
/// whenever the subsidy was recorded.
///
/// ```swift
/// try SubsidyDeductions.apply(to: &statements, month: YearMonth("2026-04")!, in: tx)
/// statements["I001"]?.subsidiesDeducted   // 150.00
/// ```
enum SubsidyDeductions {
    /// Takes each case's deduction for `month` off its institution's
    /// statement, and keeps it. It is bounded by the care the fund paid for
    /// the person, not by what the statement still pays: a statement's other
    /// amounts (adjustments, withholding) must not change what a case's
    /// subsidies owe, or the money would depend on when a subsidy is recorded
    /// (a late one is taken whole, by ``settleLate(cases:settling:through:in:)``).
    static func apply(to statements: inout [String: Statement], month: YearMonth, in tx: any ProviderTransaction) throws {
        var owing = Owing(tx: tx)
        var owed: [(record: Case, rest: Money)] = []
        var page = PageRequest<Int>.largest()
        while true {
            var query = CaseQuery(scope: .all)
            query.holdingSubsidies = true
            let cases = try tx.cases.list(query, page: page)
            for record in cases.items where record.state != .rejected {
                let rest = try owing.rest(record, month)
                if rest > .zero { owed.append((record, rest)) }
            }
            guard let next = cases.next else { break }
            page = .largest(after: next)
        }
        guard !owed.isEmpty else { return }
        let people = Set(owed.map(\.record.personID))
        let fund = try tx.usage.fund(people: people, month: month)
        let enrolments = try tx.enrolments.enrolments(people: people)
        var kept: [SubsidyDeduction] = []
        for (record, rest) in owed {
            let care = fund[record.personID] ?? .zero
            guard care > .zero, let institution = Self.institution(of: record, month, enrolments[record.personID] ?? []),
                  var statement = statements[institution] else { continue }
            let take = min(rest, care)
            statement.subsidiesDeducted = statement.subsidiesDeducted + take
            statements[institution] = statement
            if take > .zero { kept.append(SubsidyDeduction(caseID: record.id, month: month, institution: institution, amount: take, carriedBy: month)) }
        }
        if !kept.isEmpty { try tx.settlements.insert(kept) }
    }

    /// For each of these cases (those the audit trail shows changed since the
    /// last settlement), and each month settled with its deductions kept
    /// from its first subsidy's month through `through` (but `settling`,
    /// which ``apply(to:month:in:)`` deducts): what its subsidies owe now, up
    /// to what the fund paid for its care that month, less what statements
    /// took off before, as an adjustment (taken off, or given back) on the
    /// institution's next statement, the one of `settling`; and kept.
    static func settleLate(cases changed: [Int], settling: YearMonth, through: YearMonth, in tx: any ProviderTransaction) throws {
        var owing = Owing(tx: tx)
        for caseID in changed {
            guard let record = try tx.cases.caseRecord(id: caseID), record.state != .rejected,
                  let first = record.subsidies.map(\.from).min() else { continue }
            var months: Set<YearMonth> = []
            var month = YearMonth(containing: first)
            while month <= through {
                if month != settling { months.insert(month) }
                month = month.adding(months: 1)
            }
            let settled = try tx.settlements.keptDeductions(months).sorted()
            guard !settled.isEmpty else { continue }
            let taken = try tx.settlements.deductions(caseID: caseID, months: settled)
            let enrolments = try tx.enrolments.enrolments(people: [record.personID])[record.personID] ?? []
            var kept: [SubsidyDeduction] = []
            for month in settled {
                let care = try tx.usage.fund(people: [record.personID], month: month)[record.personID] ?? .zero
                let owed = min(try owing.rest(record, month), care)
                let before = taken[month] ?? .zero
                guard owed != before, let institution = Self.institution(of: record, month, enrolments) else { continue }
                let names = record.subsidies.map(\.subsidy).joined(separator: ", ")
                try tx.settlements.insert(SettlementAdjustment(
                    institution: institution, logID: "subsidies of case \(caseID)", serviceMonth: month, amount: before - owed,
                    reason: "subsidies deducted from LTCI for case \(caseID) in settled \(month) (\(names)), changed since: \(owed) now, \(before) taken before"))
                kept.append(SubsidyDeduction(caseID: caseID, month: month, institution: institution, amount: owed - before, carriedBy: settling))
            }
            if !kept.isEmpty { try tx.settlements.insert(kept) }
        }
    }

    /// The institution a case's person was enrolled with for most of the month (in the case), the earlier enrolment on a tie.
    static func institution(of record: Case, _ month: YearMonth, _ enrolments: [Enrolment]) -> String? {
        let days = enrolments.filter { $0.caseID == record.id }
            .map { enrolment in (enrolment, month.days.filter(enrolment.period.contains).count) }
            .filter { $0.1 > 0 }
        return days.max(by: { ($0.1, -$0.0.id) < ($1.1, -$1.0.id) })?.0.institution
    }

    /// What a case's subsidies take off care in a month: the deduction its cash did not cover.
    struct Owing {
        let tx: any ProviderTransaction
        private var schemes: [String: [Scheme]] = [:]

        init(tx: any ProviderTransaction) { self.tx = tx }

        mutating func rest(_ record: Case, _ month: YearMonth) throws -> Money {
            let key = "\(record.schemeID)|\(month)"
            if schemes[key] == nil { schemes[key] = try tx.schemes.regional(record.schemeID, from: month.firstDay, to: month.lastDay) }
            guard let regional = schemes[key], !regional.isEmpty else { return .zero }
            let entitlement = try Entitlement(case: record, schemes: regional, month: month)
            return entitlement.deducted - min(entitlement.deducted, entitlement.cash)
        }
    }
}
