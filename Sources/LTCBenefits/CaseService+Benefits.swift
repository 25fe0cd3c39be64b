import LTCCases
import LTCCore
import LTCSchemes

extension CaseService {
    /// The month's entitlement of a stored case, for an actor who may see the case.
    public func entitlement(caseID: Int, month: YearMonth, actor: Actor) throws -> Entitlement {
        let view = try show(caseID: caseID, actor: actor)
        let all = try schemes()
        guard all.contains(where: { $0.id == view.record.schemeID }) else {
            throw BenefitError("the scheme '\(view.record.schemeID)' of case \(caseID) is not loaded")
        }
        return try Entitlement(case: view.record, schemes: all, month: month)
    }

    /// Beneficiaries on a day, counted by grade in force and service mode: the stored population.
    public func population(on day: CalendarDate, schemeID: String, actor: Actor) throws -> [FundProjection.Group] {
        var counts: [String: FundProjection.Group] = [:]
        for record in try list(actor: actor, state: nil, dueWithin: nil, asOf: day) where record.schemeID == schemeID {
            guard !record.state.isClosed, let grade = record.determination(on: day)?.grade, let mode = record.mode(on: day),
                  !record.suspensions.contains(where: { $0.contains(day) }) else { continue }
            counts["\(grade)|\(mode)", default: FundProjection.Group(grade: grade, mode: mode, count: 0)].count += 1
        }
        return counts.values.sorted { ($0.grade, $0.mode) < ($1.grade, $1.mode) }
    }
}
