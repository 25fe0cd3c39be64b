import LTCCases
import LTCCore

extension AgreementService {
    /// The institutions each of these cases is enrolled with on `day`, by
    /// case id (a case listing shows them beside the case's own field, which
    /// only an application fills). An institution is shown only itself: it
    /// learns nothing of its clients' other providers.
    public func enrolledInstitutions(of cases: [Case], on day: CalendarDate, actor: Actor) throws -> [Int: [String]] {
        guard !cases.isEmpty else { return [:] }
        let wanted = Set(cases.map(\.id))
        let enrolments = try store.read { try $0.enrolments.enrolments(people: Set(cases.map(\.personID))) }
        var found: [Int: [String]] = [:]
        for enrolment in enrolments.values.joined() where wanted.contains(enrolment.caseID) && enrolment.period.contains(day) {
            guard actor.role != .institution || enrolment.institution == actor.id else { continue }
            if found[enrolment.caseID]?.contains(enrolment.institution) != true { found[enrolment.caseID, default: []].append(enrolment.institution) }
        }
        return found
    }
}
