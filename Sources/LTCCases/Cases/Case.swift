import LTCCore
import LTCSchemes

/// An applicant's case, from application to termination.
public struct Case: Sendable, Equatable {
    public var id: Int
    public var personID: Int
    /// The person's insured group, read with the case from the person's
    /// record (not kept in the case's own document, so it follows the person);
    /// `nil` where the case was built without it.
    public var insured: InsuredGroup?
    public var schemeID: String
    /// The designated institution serving the applicant, if any: its staff may not assess them.
    public var institution: String?
    public var state: CaseState
    public var openedOn: CalendarDate
    /// From the medical records: when the disability began.
    public var disabledSince: CalendarDate
    /// Assessors assigned to the current round.
    public var assessors: [String]
    /// How they were drawn, when they were drawn at random (`nil`: assigned by name).
    public var draw: AssessorDraw?
    /// The day they were assigned (or drawn): no visit of theirs is earlier.
    public var assignedOn: CalendarDate?
    public var round: AssessmentRecord.Round?
    public var eligibility: EligibilityDecision?
    /// The grade in force.
    public var determination: Determination?
    /// A grade decided but not yet in force (under publicity).
    public var pending: Determination?
    public var publicityEnds: CalendarDate?
    public var suspendedSince: CalendarDate?
    public var closedReason: String?
    /// The day the case ended (the date of death, of leaving the scheme, …),
    /// which may be earlier than the day the termination was recorded: no
    /// benefits are owed for the days after it.
    public var endedOn: CalendarDate?
    /// What the case waits for next (the visit, the conclusion) and by when, if the scheme sets deadlines.
    public var deadline: CaseDeadline?
    /// When and how the latest conclusion letter was delivered, if it was.
    public var letterDelivered: LetterDelivery?
    /// Where the beneficiary lives, when outside the scheme's region (异地); `nil` at home.
    public var residence: Residence?
    /// The application materials provided (ids of the scheme's list).
    public var materials: [String] = []
    /// Who applied for the person, when not the person.
    public var agent: ApplyingAgent?
    /// Grades that were in force before the current one, oldest first.
    public var pastDeterminations: [Determination] = []
    /// Service modes chosen, in order of their start.
    public var modes: [ModePeriod] = []
    /// How the person takes a continuity bonus, where the scheme has one (hours until chosen otherwise).
    public var bonusChoices: [BonusChoicePeriod] = []
    public var suspensions: [SuspensionPeriod] = []
    public var subsidies: [HeldSubsidy] = []
    /// Visit evidence attached to the case's assessments.
    public var evidence: [Evidence] = []
    /// Set while the grade in force is drawn for an audit re-assessment (抽查复评).
    public var audit: AuditSelection?
    /// Set while a reported change of condition waits for its re-assessment.
    public var conditionChange: ConditionChange?

    /// The grade in force on a day, if any.
    public func determination(on day: CalendarDate) -> Determination? {
        ([determination].compactMap { $0 } + pastDeterminations.reversed()).first { determination in
            guard let from = determination.validFrom, let until = determination.validUntil else { return false }
            return from <= day && day <= until
        }
    }

    /// The service mode on a day, if one was chosen by then.
    public func mode(on day: CalendarDate) -> String? {
        modes.last { $0.from <= day }?.mode
    }

    /// The first day of the unbroken run of `mode` that holds `day`: mode
    /// periods back to the last change to another mode (a hospital stay does
    /// not break it). `nil` if the case is not in `mode` on `day`.
    public func continuousSince(mode: String, on day: CalendarDate) -> CalendarDate? {
        guard var index = modes.lastIndex(where: { $0.from <= day }), modes[index].mode == mode else { return nil }
        while index > 0, modes[index - 1].mode == mode { index -= 1 }
        return modes[index].from
    }

    /// How the person takes a continuity bonus on a day: hours unless they chose cash.
    public func bonusChoice(on day: CalendarDate) -> ContinuityStep.Choice {
        bonusChoices.last { $0.from <= day }?.choice ?? .hours
    }

    public init(id: Int, personID: Int, schemeID: String, institution: String?, state: CaseState,
                openedOn: CalendarDate, disabledSince: CalendarDate) {
        self.id = id
        self.personID = personID
        self.schemeID = schemeID
        self.institution = institution
        self.state = state
        self.openedOn = openedOn
        self.disabledSince = disabledSince
        assessors = []
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "person": .integer(personID), "scheme": .string(schemeID),
            "institution": institution.map { .string($0) } ?? .null,
            "state": .string(state.rawValue), "openedOn": .string(openedOn.description),
            "disabledSince": .string(disabledSince.description),
            "assessors": .array(assessors.map { .string($0) }),
            "round": round.map { .string($0.rawValue) } ?? .null,
            "eligibility": eligibility?.json ?? .null,
            "determination": determination?.json ?? .null,
            "pending": pending?.json ?? .null,
            "publicityEnds": publicityEnds.map { .string($0.description) } ?? .null,
            "suspendedSince": suspendedSince.map { .string($0.description) } ?? .null,
            "closedReason": closedReason.map { .string($0) } ?? .null,
            "endedOn": endedOn.map { .string($0.description) } ?? .null,
            "pastDeterminations": .array(pastDeterminations.map(\.json)),
            "modes": .array(modes.map(\.json)),
            "bonusChoices": .array(bonusChoices.map(\.json)),
            "suspensions": .array(suspensions.map(\.json)),
            "subsidies": .array(subsidies.map(\.json)),
            "deadline": deadline?.json ?? .null,
            "letterDelivered": letterDelivered?.json ?? .null,
            "residence": residence?.json ?? .null,
            "materials": .array(materials.map { .string($0) }),
            "agent": agent?.json ?? .null,
            "draw": draw?.json ?? .null,
            "assignedOn": assignedOn.map { .string($0.description) } ?? .null,
            "evidence": .array(evidence.map(\.json)),
            "audit": audit?.json ?? .null,
            "conditionChange": conditionChange?.json ?? .null,
        ]
    }

    /// A case read back from its ``json`` (as stored); `nil` if it is damaged.
    public init?(json: JSONValue, id: Int) {
        func date(_ key: String) -> CalendarDate? { json[key]?.stringValue.flatMap(CalendarDate.init) }
        guard let person = json["person"]?.intValue, let scheme = json["scheme"]?.stringValue,
              let state = json["state"]?.stringValue.flatMap(CaseState.init), let opened = date("openedOn"),
              let disabled = date("disabledSince") else { return nil }
        self.init(id: id, personID: person, schemeID: scheme, institution: json["institution"]?.stringValue,
                  state: state, openedOn: opened, disabledSince: disabled)
        assessors = json["assessors"]?.arrayValue?.compactMap(\.stringValue) ?? []
        round = json["round"]?.stringValue.flatMap(AssessmentRecord.Round.init)
        eligibility = json["eligibility"].flatMap(EligibilityDecision.init(json:))
        determination = json["determination"].flatMap(Determination.init(json:))
        pending = json["pending"].flatMap(Determination.init(json:))
        publicityEnds = date("publicityEnds")
        suspendedSince = date("suspendedSince")
        closedReason = json["closedReason"]?.stringValue
        endedOn = date("endedOn")
        pastDeterminations = json["pastDeterminations"]?.arrayValue?.compactMap(Determination.init(json:)) ?? []
        modes = json["modes"]?.arrayValue?.compactMap(ModePeriod.init(json:)) ?? []
        bonusChoices = json["bonusChoices"]?.arrayValue?.compactMap(BonusChoicePeriod.init(json:)) ?? []
        suspensions = json["suspensions"]?.arrayValue?.compactMap(SuspensionPeriod.init(json:)) ?? []
        subsidies = json["subsidies"]?.arrayValue?.compactMap(HeldSubsidy.init(json:)) ?? []
        deadline = json["deadline"].flatMap(CaseDeadline.init(json:))
        letterDelivered = json["letterDelivered"].flatMap(LetterDelivery.init(json:))
        residence = json["residence"].flatMap(Residence.init(json:))
        materials = json["materials"]?.arrayValue?.compactMap(\.stringValue) ?? []
        agent = json["agent"].flatMap(ApplyingAgent.init(json:))
        draw = json["draw"].flatMap(AssessorDraw.init(json:))
        assignedOn = date("assignedOn")
        evidence = json["evidence"]?.arrayValue?.compactMap(Evidence.init(json:)) ?? []
        audit = json["audit"].flatMap(AuditSelection.init(json:))
        conditionChange = json["conditionChange"].flatMap(ConditionChange.init(json:))
    }
}
