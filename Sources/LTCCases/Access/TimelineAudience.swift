import LTCCore

/// Which events of a case's timeline (`case.get`, `ltc case show`) an actor
/// sees, besides those it caused itself (done or refused), which it always
/// sees:
///
/// - administrators and auditors: every event;
/// - an assessor (of a case in its scope: assigned to it or assessed by
///   it): what concerns the assessment: opening, the eligibility check,
///   the assignment, assessments and evidence, determination, publicity and
///   objection, reported changes of condition, the care plan proposed from
///   the assessment, the end of the case;
/// - an institution (of a client's case): what concerns its service of the
///   client: its own enrolments, the care plan, the mode, the grade
///   determined and confirmed (which sets the package), suspensions and
///   resumptions, the end of the case.
///
/// Everything else is for administrators and auditors only: the cash payee
/// (a carer's name, ID and account), subsidies held, residence, the bonus
/// choice, the delivery of letters, another institution's enrolments, and
/// anyone else's refused attempts. An event kind not named here is theirs
/// alone, so that a new kind is hidden until someone decides otherwise.
///
/// ```swift
/// Access.timeline(events, for: try Actor("institution:I001"))   // without cash.payee, with its own enrolment.add
/// ```
public enum TimelineAudience: Sendable, Equatable {
    /// Every event: administrators and auditors.
    case all
    /// The assessment and what follows from it: an assessor.
    case assessment
    /// The service of the client: an institution.
    case service(institution: String)

    public init(_ actor: Actor) {
        switch actor.role {
        case .administrator, .auditor: self = .all
        case .assessor: self = .assessment
        case .institution: self = .service(institution: actor.id)
        }
    }

    /// The kinds of done event (the audit trail's `action`) each audience beyond `all` sees.
    static let assessmentKinds: Set<String> = [
        "case.open", "case.check", "case.assign", "case.assess", "case.recognize", "case.evidence", "case.determine", "case.object",
        "case.confirm", "case.reportChange", "case.terminate", "plan.propose", "plan.set", "plan.confirm",
    ]
    static let serviceKinds: Set<String> = [
        "enrolment.add", "plan.propose", "plan.set", "plan.confirm", "case.mode", "case.determine", "case.confirm",
        "case.suspend", "case.resume", "case.terminate",
    ]

    /// Whether the audience sees `event` (an actor's own events aside).
    public func sees(_ event: AuditEvent) -> Bool {
        switch self {
        case .all:
            return true
        case .assessment:
            return event.outcome == .done && Self.assessmentKinds.contains(event.action)
        case .service(let institution):
            guard event.outcome == .done, Self.serviceKinds.contains(event.action) else { return false }
            // An enrolment is the service of the institution it enrols with: another's is not told.
            return event.action != "enrolment.add" || event.after?["institution"]?.stringValue == institution
        }
    }
}

extension Access {
    /// The events of a case's timeline `actor` may see: those it caused,
    /// and those its ``TimelineAudience`` sees; in their order.
    public static func timeline(_ events: [AuditEvent], for actor: Actor) -> [AuditEvent] {
        let audience = TimelineAudience(actor)
        guard audience != .all else { return events }
        let name = actor.description
        return events.filter { $0.actor == name || audience.sees($0) }
    }
}
