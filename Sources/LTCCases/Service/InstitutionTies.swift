import LTCCore

/// What the case module asks of the institutions' side, in the same
/// transaction: whether an institution is registered, and which ones a person
/// was enrolled with. `LTCProviders` answers (``EnrolmentTies``, there); a
/// store that keeps no institutions has none to ask.
///
/// The rule it serves: an assessor employed by a care institution may not
/// assess a person enrolled with it, now or within the scheme's look-back
/// period (`assessment.conflictLookBackMonths`), whatever the case's own
/// institution field says. The texts restated in
/// `../shared/domain/cn-ltc-2021.md` set no such rule or period: the rule is
/// this project's, the period the scheme's.
///
/// ```swift
/// let cases = CaseService(store: store, forms: catalog, clock: clock, ties: EnrolmentTies())
/// ```
public protocol InstitutionTies: Sendable {
    /// Whether `institution` is a registered institution.
    func isRegistered(institution: String, in tx: any CaseTransaction) throws -> Bool
    /// The institutions `person` is, was or will be enrolled with on any day from `since` on.
    func institutions(serving person: Int, since: CalendarDate, in tx: any CaseTransaction) throws -> Set<String>
    /// Whether `agency` is a designated assessment agency on `day`: registered
    /// as one, with an agreement in force (the 2023 draft rules on designated
    /// assessment agencies, `../shared/domain/cn-ltc-2021.md`).
    func agencyStanding(_ agency: String, on day: CalendarDate, in tx: any CaseTransaction) throws -> AgencyStanding
}

/// Where an assessment agency stands on a day.
public enum AgencyStanding: Sendable, Equatable {
    /// Not a registered institution.
    case unregistered
    /// Registered, but as a care institution.
    case notAnAgency
    /// Registered as an assessment agency, with no agreement in force that day.
    case notDesignated
    /// An assessment agency with an agreement in force.
    case designated
}
