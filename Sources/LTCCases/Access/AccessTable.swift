/// Who may do and read what, as a table computed from ``Access`` itself, so
/// that the table `docs/protocol.md` shows ("Actors and roles") cannot drift
/// from the code: a test compares the two.
///
/// ```swift
/// print(AccessTable.markdown)   // | what | administrator | auditor | assessor | institution |
/// ```
public enum AccessTable {
    /// One thing an actor may do or read, and how ``Access`` answers it for a role.
    public struct Row: Sendable {
        public var what: String
        /// The cell for a role: `yes`, `—`, or the part it is limited to.
        public var cell: @Sendable (Actor.Role) -> String
    }

    /// The roles, in the table's column order.
    public static let roles: [Actor.Role] = [.administrator, .auditor, .assessor, .institution]

    public static let rows: [Row] = [
        permission("load schemes", .manageSchemes),
        permission("register people, assessors and staff", .manageRegisters),
        permission("issue, list and revoke credentials; deactivate staff, assessors and institutions", .manageAccess),
        permission("open, check, assign, recognize, determine, confirm, suspend, resume, terminate cases; draw audits", .transition(Lifecycle.opening)),
        Row(what: "record an assessment") { role in
            allowed(role, .recordAssessment(assigned: [sample], caseID: 1))
                ? (allowed(role, .recordAssessment(assigned: ["another"], caseID: 1)) ? "yes" : "cases assigned to it") : "—"
        },
        Row(what: "attach visit evidence") { role in
            allowed(role, .attachEvidence(assessors: [sample], caseID: 1))
                ? (allowed(role, .attachEvidence(assessors: ["another"], caseID: 1)) ? "yes" : "visits it made") : "—"
        },
        permission("change a case's mode, bonus choice, subsidies, residence and cash payee", .manageCases),
        Row(what: "propose, set and confirm care plans") { role in
            guard allowed(role, .planCare(caseID: 1, assessors: [sample], enrolledWith: [sample])) else { return "—" }
            if allowed(role, .planCare(caseID: 1, assessors: [], enrolledWith: [])) { return "yes" }
            return role == .assessor ? "cases it assesses" : "its clients'"
        },
        permission("register institutions, run agreements, enrol beneficiaries", .manageInstitutions),
        Row(what: "register caregivers, submit and withdraw service logs") { role in
            guard allowed(role, .submitLogs), allowed(role, .actFor(institution: sample)) else { return "—" }
            return allowed(role, .actFor(institution: "another")) ? "yes" : "its own"
        },
        permission("settle a month and pay its cash", .settle),
        permission("record violations, inspections, complaints, performance, bars on people", .supervise),
        permission("set the date of an operation (`asOf`, `--as-of`)", .setClock),
        Row(what: "read cases and people") { role in
            switch Access.scope(of: Actor(role: role, id: sample)) {
            case .all: "all"
            case .institution: "its clients', ID numbers masked"
            case .assessor: "cases assigned to it"
            }
        },
        Row(what: "see the events of a case's timeline (besides its own)") { role in
            switch TimelineAudience(Actor(role: role, id: sample)) {
            case .all: "all"
            case .assessment: "the assessment and what follows from it"
            case .service: "its service of the client: its enrolments, the plan, mode, grade, suspensions, end"
            }
        },
        permission("see national ID numbers in full", .readNationalIDs),
        Row(what: "read agreements, caregivers, enrolments, logs, statements, adjustments, violations, credit") { role in
            switch Access.reach(Actor(role: role, id: sample), asking: nil) {
            case .every: "all"
            case .one: "its own"
            case .none: "—"
            }
        },
        permission("read whole settlements, the fund report, the staff and assessor registries, findings, bars; verify the audit trail", .readAll),
    ]

    /// The table in Markdown, as `docs/protocol.md` shows it.
    public static var markdown: String {
        var lines = ["| what | " + roles.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: roles.count)]
        for row in rows {
            lines.append("| \(row.what) | " + roles.map { row.cell($0) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private static let sample = "X"

    private static func allowed(_ role: Actor.Role, _ permission: Permission) -> Bool {
        (try? Access.require(Actor(role: role, id: sample), permission)) != nil
    }

    private static func permission(_ what: String, _ permission: Permission) -> Row {
        Row(what: what) { allowed($0, permission) ? "yes" : "—" }
    }
}
