/// Who may do what: every permission and every scope of reading in ltc is
/// decided here, by role, so that the rules can be read (and changed) in
/// one place.
///
/// ```swift
/// try Access.require(actor, .manageSchemes)           // throws .forbidden for anyone but an administrator
/// Access.scope(of: try Actor("institution:I001"))    // .institution("I001"): its own clients only
/// ```
///
/// - Administrators (the insurance agency) do everything, and alone set the date.
/// - Auditors (supervisors, the fund's auditors) read everything and change nothing.
/// - Assessors record assessments on the cases they are assigned to.
/// - Institutions act for themselves only: their caregivers and service logs;
///   they read their own agreements, logs, statements, violations and credit.
public enum Access {
    /// Throws ``CaseError/Kind/forbidden`` unless `actor` holds `permission`.
    public static func require(_ actor: Actor, _ permission: Permission) throws(CaseError) {
        switch permission {
        case .manageSchemes, .manageRegisters, .manageAccess, .manageCases, .manageInstitutions, .settle, .supervise:
            try requireRole(actor, .administrator)
        case .setClock:
            guard actor.role == .administrator else {
                throw CaseError(.forbidden, "only an administrator may set the date of an operation (--as-of, asOf); \(actor) acts on today's date",
                                details: ["actor": .string(actor.description), "required": "administrator"])
            }
        case .readAll:
            guard actor.role == .administrator || actor.role == .auditor else {
                throw CaseError(.forbidden, "\(actor) may not read this: it concerns every institution (administrators and auditors only)",
                                details: ["actor": .string(actor.description), "required": "administrator or auditor"])
            }
        case .readNationalIDs:
            guard actor.role == .administrator || actor.role == .auditor else {
                throw CaseError(.forbidden, "\(actor) sees national ID numbers masked; in full they are for administrators and auditors",
                                details: ["actor": .string(actor.description), "required": "administrator or auditor"])
            }
        case .transition(let transition):
            try requireRole(actor, transition.role)
        case .recordAssessment(let assigned, let caseID):
            try requireRole(actor, .assessor)
            guard assigned.contains(actor.id) else {
                throw CaseError(.forbidden, "\(actor) is not assigned to case \(caseID); its assessors are \(assigned.joined(separator: ", "))")
            }
        case .attachEvidence(let assessors, let caseID):
            guard actor.role == .administrator || (actor.role == .assessor && assessors.contains(actor.id)) else {
                throw CaseError(.forbidden, "\(actor) may not attach evidence to case \(caseID): administrators and the assessors of its visit (\(assessors.joined(separator: ", "))) may")
            }
        case .planCare(let caseID, let assessors, let institutions):
            let allowed = switch actor.role {
            case .administrator: true
            case .assessor: assessors.contains(actor.id)
            case .institution: institutions.contains(actor.id)
            case .auditor: false
            }
            guard allowed else {
                throw CaseError(.forbidden, "\(actor) may not plan the care of case \(caseID): administrators, its assessors and the institution the person is enrolled with may")
            }
        case .actFor(let institution):
            guard actor.role == .administrator || (actor.role == .institution && actor.id == institution) else {
                throw CaseError(.forbidden, "\(actor) may not act for institution \(institution)")
            }
        case .submitLogs:
            guard actor.role == .administrator || actor.role == .institution else {
                throw CaseError(.forbidden, "\(actor) may not submit service logs: it needs the institution or administrator role")
            }
        }
    }

    /// Whether `actor` holds `permission`: for what is shown only to those who do.
    public static func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        (try? require(actor, permission)) != nil
    }

    /// The cases, and the people of those cases, that `actor` may read.
    public static func scope(of actor: Actor) -> CaseScope {
        switch actor.role {
        case .administrator, .auditor: .all
        case .institution: .institution(actor.id)
        case .assessor: .assessor(actor.id)
        }
    }

    private static func requireRole(_ actor: Actor, _ role: Actor.Role) throws(CaseError) {
        guard actor.role == role else {
            throw CaseError(.forbidden, "\(actor) may not do this: it needs the \(role.rawValue) role",
                            details: ["actor": .string(actor.description), "required": .string(role.rawValue)])
        }
    }
}
