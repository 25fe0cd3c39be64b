import LTCCases
import LTCCore

/// Answers the case module's questions about institutions from the
/// institution registry and the enrolments: for the conflict-of-interest
/// rule (``InstitutionTies``), an assessor's employer must be registered,
/// and the people enrolled with it now or within the scheme's look-back
/// period may not be assessed by its employees. Reads one institution and
/// one person's enrolments.
///
/// ```swift
/// let cases = CaseService(store: store, forms: catalog, clock: clock, ties: EnrolmentTies())
/// ```
public struct EnrolmentTies: InstitutionTies {
    public init() {}

    public func isRegistered(institution: String, in tx: any CaseTransaction) throws -> Bool {
        guard let tx = tx as? any ProviderTransaction else { return false }
        return try tx.institutions.institution(id: institution) != nil
    }

    public func institutions(serving person: Int, since: CalendarDate, in tx: any CaseTransaction) throws -> Set<String> {
        guard let tx = tx as? any ProviderTransaction else { return [] }
        let enrolments = try tx.enrolments.enrolments(people: [person])[person] ?? []
        return Set(enrolments.filter { $0.period.to.map { $0 >= since } ?? true }.map(\.institution))
    }

    public func agencyStanding(_ agency: String, on day: CalendarDate, in tx: any CaseTransaction) throws -> AgencyStanding {
        guard let tx = tx as? any ProviderTransaction, let institution = try tx.institutions.institution(id: agency) else { return .unregistered }
        guard institution.type == .assessmentAgency else { return .notAnAgency }
        let agreements = try tx.agreements.agreements(institution: agency)
        return agreements.contains { $0.terms(coveringDay: day) != nil } ? .designated : .notDesignated
    }
}
