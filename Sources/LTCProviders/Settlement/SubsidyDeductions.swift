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
/// ```swift
/// try SubsidyDeductions.apply(to: &statements, month: YearMonth("2026-04")!, in: tx)
/// statements["I001"]?.subsidiesDeducted   // 150.00
/// ```
enum SubsidyDeductions {
    static func apply(to statements: inout [String: Statement], month: YearMonth, in tx: any ProviderTransaction) throws {
        var schemes: [String: [Scheme]] = [:]
        var owed: [(record: Case, rest: Money)] = []
        var page = PageRequest<Int>.largest()
        while true {
            var query = CaseQuery(scope: .all)
            query.holdingSubsidies = true
            let cases = try tx.cases.list(query, page: page)
            for record in cases.items where record.state != .rejected {
                if schemes[record.schemeID] == nil {
                    schemes[record.schemeID] = try tx.schemes.regional(record.schemeID, from: month.firstDay, to: month.lastDay)
                }
                guard let regional = schemes[record.schemeID], !regional.isEmpty else { continue }
                let entitlement = try Entitlement(case: record, schemes: regional, month: month)
                let rest = entitlement.deducted - min(entitlement.deducted, entitlement.cash)
                if rest > .zero { owed.append((record, rest)) }
            }
            guard let next = cases.next else { break }
            page = .largest(after: next)
        }
        guard !owed.isEmpty else { return }
        let people = Set(owed.map(\.record.personID))
        let fund = try tx.usage.fund(people: people, month: month)
        let enrolments = try tx.enrolments.enrolments(people: people)
        for (record, rest) in owed {
            let care = fund[record.personID] ?? .zero
            guard care > .zero else { continue }
            let days = (enrolments[record.personID] ?? []).filter { $0.caseID == record.id }
                .map { enrolment in (enrolment, month.days.filter(enrolment.period.contains).count) }
                .filter { $0.1 > 0 }
            guard let longest = days.max(by: { ($0.1, -$0.0.id) < ($1.1, -$1.0.id) })?.0,
                  var statement = statements[longest.institution] else { continue }
            // Never more than the statement still pays.
            let take = min(rest, care, max(.zero, statement.payable))
            statement.subsidiesDeducted = statement.subsidiesDeducted + take
            statements[longest.institution] = statement
        }
    }
}
