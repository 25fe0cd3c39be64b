import LTCCases
import LTCCore
import LTCSchemes

extension CaseService {
    /// The month's entitlement of a stored case, for an actor who may see the case.
    public func entitlement(caseID: Int, month: YearMonth, actor: Actor) throws -> Entitlement {
        let view = try show(caseID: caseID, actor: actor)
        let schemes = try store.read { try $0.schemes.regional(view.record.schemeID, from: month.firstDay, to: month.lastDay) }
        guard !schemes.isEmpty else {
            throw BenefitError("the scheme '\(view.record.schemeID)' of case \(caseID) is not loaded")
        }
        return try Entitlement(case: view.record, schemes: schemes, month: month)
    }

    /// Beneficiaries of a scheme on a day, counted by grade in force, service
    /// mode and (where the scheme prices groups apart) insured group: the
    /// stored population, read a page at a time.
    public func population(on day: CalendarDate, schemeID: String, actor: Actor) throws -> [FundProjection.Group] {
        let benefits = try store.read { try $0.schemes.scheme(id: schemeID) }?.benefits
        var counts: [String: FundProjection.Group] = [:]
        var page = PageRequest<Int>.largest()
        while true {
            let cases = try store.read { try $0.cases.list(CaseQuery(scope: Access.scope(of: actor), schemeID: schemeID), page: page) }
            for record in cases.items {
                guard !record.state.isClosed, let grade = record.determination(on: day)?.grade, let mode = record.mode(on: day),
                      !record.suspensions.contains(where: { $0.contains(day) }) else { continue }
                let byGroup = benefits?.table.contains { $0.grade == grade && $0.mode == mode && $0.insured != nil } ?? false
                let insured = byGroup ? record.insured : nil
                let key = "\(grade)|\(mode)|\(insured?.description ?? "")"
                counts[key, default: FundProjection.Group(grade: grade, mode: mode, insured: insured, count: 0)].count += 1
            }
            guard let next = cases.next else { break }
            page = .largest(after: next)
        }
        return counts.values.sorted { ($0.grade, $0.mode, $0.insured?.description ?? "") < ($1.grade, $1.mode, $1.insured?.description ?? "") }
    }
}
