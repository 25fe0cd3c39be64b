/// What an operation needs of the actor. ``Access`` decides, in one place,
/// which actor holds which permission.
public enum Permission: Sendable, Equatable {
    /// Load schemes.
    case manageSchemes
    /// Register people and assessors, and read the assessor registry.
    case manageRegisters
    /// Say who may reach ltc: issue, list and revoke credentials, and
    /// deactivate staff, assessors and institutions.
    case manageAccess
    /// Take a lifecycle transition (the role is the lifecycle's, `Lifecycle.transitions`).
    case transition(Lifecycle.Transition)
    /// Change a case's mode or subsidies.
    case manageCases
    /// Record the assessment of a case whose assigned assessors are these.
    case recordAssessment(assigned: [String], caseID: Int)
    /// Attach visit evidence to an assessment made by these assessors.
    case attachEvidence(assessors: [String], caseID: Int)
    /// Register institutions, run agreements, enrol beneficiaries.
    case manageInstitutions
    /// Propose, change or record the agreement to a person's care plan:
    /// administrators, the case's assessors, and the institution the person is enrolled with.
    case planCare(caseID: Int, assessors: [String], enrolledWith: [String])
    /// Act for one institution: its caregivers and its service logs.
    case actFor(institution: String)
    /// Send service logs at all (for some institution).
    case submitLogs
    /// Settle months.
    case settle
    /// Record violations, inspections, complaints and performance assessments.
    case supervise
    /// Set the date an operation is taken on (`--as-of`, `asOf`): everyone
    /// else acts on today, so lateness, future logs and publicity cannot be moved.
    case setClock
    /// Read what concerns every institution and person: whole settlements, the fund report.
    case readAll
    /// See national ID numbers in full (`--show-id`, `showId`); everyone else sees them masked.
    case readNationalIDs
}
