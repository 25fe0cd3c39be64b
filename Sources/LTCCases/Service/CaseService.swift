import LTCAssessment
import LTCCore
import LTCSchemes

/// Every operation on a case, from application to termination, once: the
/// CLI and the JSON-RPC methods both call these.
///
/// ```swift
/// let cases = CaseService(store: store, forms: try FormCatalog.load(), clock: SystemClock())
/// let admin = try Actor("administrator:wang")
/// let opened = try cases.open(personID: 1, disabledSince: CalendarDate("2026-01-10")!,
///                             institution: nil, schemeID: nil, actor: admin, asOf: nil)
/// ```
///
/// Each change is one store transaction together with its audit event
/// (``UnitOfWork``). A refused action (wrong role, wrong state, a broken
/// rule) changes nothing, is written to the audit trail as refused, and is
/// thrown. Who may take which transition is the lifecycle's data
/// (``Lifecycle``), checked by ``Access``.
///
/// By concern: this file holds the assessment, the determination and the
/// later transitions; `CaseService+Application.swift` the application and
/// its acceptance review, `+Assessors` who assesses, `+Attributes` the mode,
/// bonus, residence, subsidies and the letter's delivery.
public struct CaseService: Sendable {
    public let store: any CaseStore
    public let forms: FormCatalog
    let work: UnitOfWork
    let choice: SchemeChoice
    let afterEnd: (any CaseEndConsequences)?
    let ties: (any InstitutionTies)?
    /// Where visit evidence files are kept; `nil` where the store keeps none.
    let vault: (any EvidenceVault)?

    /// - Parameters:
    ///   - afterEnd: what a case's end changes elsewhere in the same store
    ///     (the services paid after it); `nil` where nothing is paid.
    ///   - ties: the institutions people are enrolled with, for conflicts of
    ///     interest; `nil` where the store keeps no institutions (then only
    ///     the case's own institution field is checked).
    ///   - vault: where visit evidence is kept (``EvidenceVault``); `nil`
    ///     where none is, and then no evidence can be attached.
    public init(store: any CaseStore, forms: FormCatalog, clock: any WallClock, afterEnd: (any CaseEndConsequences)? = nil,
                ties: (any InstitutionTies)? = nil, vault: (any EvidenceVault)? = nil) {
        self.store = store
        self.forms = forms
        work = UnitOfWork(clock: clock)
        choice = SchemeChoice(clock: clock)
        self.afterEnd = afterEnd
        self.ties = ties
        self.vault = vault
    }

    public enum TerminationReason: String, Sendable, CaseIterable {
        case death, left, recovery, withdrawn
    }

    // MARK: The case lifecycle

    /// Records the on-site assessment; only an assessor assigned to the case may.
    public func assess(caseID: Int, formID: String, answers: JSONObject, conditions: JSONObject = [:],
                       assessedOn: CalendarDate?, place: String,
                       actor: Actor, asOf: CalendarDate?) throws -> (Case, AssessmentRecord) {
        var stored: AssessmentRecord?
        let record = try change(.assess, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            try requireAssessable(record, on: formID, scheme: scheme, by: actor, on: date, in: tx)
            let assessedOn = assessedOn ?? date
            try Self.requireVisitDate(assessedOn, of: record, today: date)
            guard !place.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the place of the assessment") }
            let form = try forms.form(id: formID)
            let result = try form.score(answers: answers, conditions: conditions)
            var output = JSONOutput()
            result.encode(into: &output)
            var assessment = AssessmentRecord(
                id: 0, caseID: caseID, round: record.round ?? .initial, formID: form.id, formVersion: form.version,
                answers: answers, result: try JSONParser.parse(output.bytes), grade: result.grade.level,
                assessedOn: assessedOn, place: place, assessors: record.assessors, recordedBy: actor.description)
            assessment.id = try tx.assessments.insert(assessment)
            // The assessment completes the assessor's draft of it, if they kept one.
            try tx.drafts.remove(caseID: caseID, assessor: actor.id)
            // Visited: the conclusion is due next, counted from acceptance as well (the first round only:
            // a review or a re-assessment has no deadline from the scheme).
            record.deadline = record.round == .initial ? Self.deadline(.conclusion, for: record, scheme: scheme) : nil
            if record.round == .review { record.conditionChange = nil }
            stored = assessment
        }
        return (record, stored!)
    }

    /// Says now whether ``assess(caseID:formID:answers:conditions:assessedOn:place:actor:asOf:)``
    /// would accept an assessment of this case on this form by this actor,
    /// so that a walk-through never asks seventeen questions to be refused:
    /// the date first (only an administrator sets `asOf`; the visit's date
    /// neither after today nor before the assessors were assigned), then
    /// the case's state, the assignment, a conflict of interest, the
    /// scheme's forms. Throws the refusal; returns the case and its person.
    public func checkAssessable(caseID: Int, formID: String, actor: Actor, assessedOn: CalendarDate? = nil,
                                asOf: CalendarDate? = nil) throws -> CaseView {
        if asOf != nil { try Access.require(actor, .setClock) }
        let view = try show(caseID: caseID, actor: actor)
        let (scheme, date) = try context(caseID: caseID, asOf: asOf)
        try store.read { tx in
            guard let scheme else { throw CaseError(.notFound, "no case \(caseID)") }
            let transition = try Lifecycle.transition(.assess, from: view.record.state, caseID: caseID)
            try Access.require(actor, .transition(transition))
            try requireAssessable(view.record, on: formID, scheme: scheme, by: actor, on: date, in: tx)
            try Self.requireVisitDate(assessedOn ?? date, of: view.record, today: date)
            _ = try forms.form(id: formID)
        }
        return view
    }

    /// What an assessment of `record` needs besides the lifecycle: an
    /// assigned assessor, free of a conflict of interest (an enrolment made
    /// since the assignment bars them as well), on a form the scheme accepts.
    private func requireAssessable(_ record: Case, on formID: String, scheme: Scheme, by actor: Actor, on date: CalendarDate,
                                   in tx: any CaseTransaction) throws {
        try Access.require(actor, .recordAssessment(assigned: record.assessors, caseID: record.id))
        if let assessor = try tx.assessors.assessor(id: actor.id) {
            try requireNoConflict(assessor, record, scheme: scheme, on: date, in: tx)
            guard assessor.isCertified(on: date) else {
                throw CaseError(.forbidden, "the certificate of assessor \(assessor.id) expired on \(assessor.certificateUntil!): they may not assess")
            }
        }
        guard scheme.assessment.forms.contains(formID) else {
            throw CaseError(.invalidInput, "scheme '\(scheme.id)' accepts forms \(scheme.assessment.forms.joined(separator: ", ")), not '\(formID)'")
        }
    }

    /// Decides the grade from the latest assessment: published for the
    /// publicity period, or, after a re-assessment, final and in force at once.
    /// The scheme's required visit evidence must be attached and intact. An
    /// audit re-assessment that finds the grade in force leaves it so; one
    /// that finds another records a finding against the first assessors and
    /// publishes the new grade like any review.
    public func determine(caseID: Int, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.determine, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            guard let assessment = try tx.assessments.latest(caseID: caseID) else {
                throw CaseError(.notFound, "case \(caseID) has no assessment to determine from")
            }
            try requireEvidence(of: assessment, record: record, scheme: scheme)
            let label = assessment.result["grade"]?["label"]?["zh"]?.stringValue ?? String(assessment.grade)
            if assessment.round == .audit, let audited = record.determination {
                record.audit = nil
                guard try recordFindings(audited: audited, by: assessment, on: date, in: tx) else {
                    record.state = .effective   // the audit confirms the grade in force
                    return
                }
            }
            var determination = Determination(assessmentID: assessment.id, grade: assessment.grade, gradeLabel: label, decidedOn: date,
                                              benefitsEligible: assessment.grade >= scheme.assessment.minimumGrade)
            record.deadline = nil
            record.letterDelivered = nil
            if record.state == .reassessed {
                let from = Self.changeDay(date, record: record, scheme: scheme)
                determination.validFrom = from
                determination.validUntil = from.adding(months: scheme.assessment.validityMonths).adding(days: -1)
                Self.replaceDetermination(in: &record, with: determination)
                record.pending = nil
                record.publicityEnds = nil
            } else {
                let days = scheme.assessment.publicityWorkingDays
                record.pending = determination
                record.publicityEnds = days == 0 ? date.adding(days: -1) : scheme.calendar.adding(workingDays: days, to: date)
            }
        }
    }

    /// Records the applicant's objection; only within the publicity period.
    public func object(caseID: Int, reason: String, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.object, caseID: caseID, actor: actor, asOf: asOf, reason: reason) { record, _, date, _ in
            guard let ends = record.publicityEnds, date <= ends else {
                throw CaseError(.timing, "the publicity period of case \(caseID) ended on \(record.publicityEnds?.description ?? "?"); an objection had to be lodged by then")
            }
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "an objection needs its grounds") }
        }
    }

    /// Puts the published grade in force once the publicity period has passed with no objection.
    public func confirm(caseID: Int, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.confirm, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, _ in
            guard let ends = record.publicityEnds, var determination = record.pending else {
                throw CaseError(.notFound, "case \(caseID) has no published determination")
            }
            guard date > ends else {
                throw CaseError(.timing, "the publicity period of case \(caseID) runs until \(ends); confirm from \(ends.adding(days: 1))")
            }
            let from = Self.changeDay(ends.adding(days: 1), record: record, scheme: scheme)
            determination.validFrom = from
            determination.validUntil = from.adding(months: scheme.assessment.validityMonths).adding(days: -1)
            Self.replaceDetermination(in: &record, with: determination)
            record.pending = nil
        }
    }

    public func suspend(caseID: Int, reason: String, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.suspend, caseID: caseID, actor: actor, asOf: asOf, reason: reason) { record, _, date, _ in
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a suspension needs a reason, e.g. hospital stay") }
            record.suspendedSince = date
            record.suspensions.append(SuspensionPeriod(from: date, until: nil, reason: reason))
        }
    }

    public func resume(caseID: Int, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.resume, caseID: caseID, actor: actor, asOf: asOf) { record, _, date, _ in
            if let since = record.suspendedSince, date < since {
                throw CaseError(.invalidInput, "cannot resume on \(date), before the suspension began on \(since)")
            }
            record.suspendedSince = nil
            if !record.suspensions.isEmpty { record.suspensions[record.suspensions.count - 1].until = date }
        }
    }

    /// A terminated case and what its end changed elsewhere.
    public struct Termination: Sendable {
        public var record: Case
        /// The ``CaseEndConsequences``' summary (services withdrawn, amounts recovered), if any.
        public var afterEnd: JSONValue?

        /// The case's JSON, with `afterEnd` (null when nothing was taken back).
        public var json: JSONValue {
            guard case .object(var fields) = record.json else { return record.json }
            fields.set("afterEnd", afterEnd ?? .null)
            return .object(fields)
        }
    }

    /// Closes a case (终止): for death, leaving the scheme, recovery or
    /// withdrawal. `on` is the day it ended (the date of death), which may be
    /// before the day the termination is recorded (`asOf`) but not after it,
    /// nor before the case was opened: every grade ends with it, a pending
    /// one never takes effect, and an open suspension closes. Services after
    /// it are not paid (B03): those already accepted are withdrawn and what
    /// was paid for them recovered, in the same transaction (``CaseEndConsequences``).
    public func terminate(caseID: Int, reason: TerminationReason, on ended: CalendarDate? = nil, actor: Actor,
                          asOf: CalendarDate?) throws -> Termination {
        var summary: JSONValue?
        let record = try change(.terminate, caseID: caseID, actor: actor, asOf: asOf, reason: reason.rawValue) { record, _, date, tx in
            let ended = ended ?? date
            guard ended <= date else {
                throw CaseError(.invalidInput, "case \(caseID) cannot end on \(ended), after the termination is recorded (\(date))")
            }
            guard ended >= record.openedOn else {
                throw CaseError(.invalidInput, "case \(caseID) cannot end on \(ended), before it was opened on \(record.openedOn)")
            }
            record.closedReason = reason.rawValue
            record.endedOn = ended
            record.deadline = nil
            record.pending = nil
            record.determination = record.determination.map { Self.ending($0, on: ended) }
            record.pastDeterminations = record.pastDeterminations.map { Self.ending($0, on: ended) }
            if let last = record.suspensions.indices.last, record.suspensions[last].until == nil {
                record.suspensions[last].until = max(ended.adding(days: 1), record.suspensions[last].from)  // `until` is exclusive
            }
            record.suspendedSince = nil
            if reason == .death || reason == .left, var person = try tx.people.person(id: record.personID) {
                person.status = reason == .death ? .deceased : .left
                try tx.people.update(person)
            }
            // Stored ended before its consequences are worked out, so that they read the case as it now is
            // (the month of the end re-capped to the days before it).
            record.state = .terminated
            try tx.cases.update(record)
            summary = try afterEnd?.caseEnded(record, actor: actor, asOf: date, in: tx)
        }
        return Termination(record: record, afterEnd: summary)
    }

    /// A grade cut off at a case's end: valid through `day` at the latest (no days, if it had not begun).
    static func ending(_ determination: Determination, on day: CalendarDate) -> Determination {
        var determination = determination
        if let until = determination.validUntil, until > day { determination.validUntil = day }
        return determination
    }

    /// The day a new grade takes effect, given the day it would: where a grade
    /// is in force on that day and the scheme changes grades from the next
    /// month, the first of the next month (the old grade runs to the month's end).
    static func changeDay(_ day: CalendarDate, record: Case, scheme: Scheme) -> CalendarDate {
        guard scheme.benefits?.gradeChange == .nextMonth, record.determination(on: day) != nil, day.day != 1 else { return day }
        return YearMonth(containing: day).adding(months: 1).firstDay
    }

    /// A new grade takes effect: the one before ends the day before and is kept.
    static func replaceDetermination(in record: inout Case, with new: Determination) {
        if var old = record.determination, let from = new.validFrom {
            if let until = old.validUntil, until >= from { old.validUntil = from.adding(days: -1) }
            record.pastDeterminations.append(old)
        }
        record.determination = new
    }

    // MARK: Reading cases

    /// A case with its person, assessments and timeline (the events the
    /// reader may see: ``TimelineAudience``).
    public struct CaseView: Sendable {
        public var record: Case
        public var person: InsuredPerson
        public var assessments: [AssessmentRecord]
        public var events: [AuditEvent]
    }

    /// A case, for an actor whose scope holds it; read in one snapshot.
    public func show(caseID: Int, actor: Actor) throws -> CaseView {
        let date = try store.read { try choice.day(nil, in: $0.schemes) }
        return try work.read(Operation("case.show", subject: "case:\(caseID)", actor: actor, asOf: date), on: store.transactions) { tx in
            let scope = Access.scope(of: actor)
            guard let record = try tx.cases.caseRecord(id: caseID) else {
                throw scope == .all ? CaseError(.notFound, "no case \(caseID)") : .notYours("case \(caseID)", refused: false)
            }
            guard try scope == .all || tx.cases.contains(caseID: caseID, in: scope) else { throw CaseError.notYours("case \(caseID)", refused: true) }
            guard let person = try tx.people.person(id: record.personID) else { throw CaseError(.notFound, "no person \(record.personID)") }
            return CaseView(record: record, person: person, assessments: try tx.assessments.assessments(caseID: caseID),
                            events: Access.timeline(try tx.audit.events(subject: "case:\(caseID)"), for: actor))
        }
    }

    /// The farthest ahead a re-assessment listing looks: ten years, longer than any grade is valid.
    public static let dueWithinLimit = 3_660

    /// The cases the actor may see, by id, a page at a time; with
    /// `dueWithin`, the open ones whose grade in force ends within that many
    /// days of `asOf` (re-assessment due).
    /// With `overdue`, only the cases whose next deadline (the visit, the
    /// conclusion: ``CaseDeadline``) passed before `asOf`.
    public func list(actor: Actor, state: CaseState?, dueWithin days: Int?, overdue: Bool = false, asOf: CalendarDate?,
                     page: PageRequest<Int>) throws -> Page<Case, Int> {
        if let days, !(0...Self.dueWithinLimit).contains(days) {
            throw CaseError(.invalidInput, "due within \(days) days: give 0 to \(Self.dueWithinLimit) days")
        }
        return try store.read { tx in
            let date = try choice.day(asOf, in: tx.schemes)
            let query = CaseQuery(scope: Access.scope(of: actor), state: state, gradeEndsBy: days.map { date.adding(days: $0) },
                                  overdueOn: overdue ? date : nil)
            return try tx.cases.list(query, page: page)
        }
    }

    // MARK: Machinery

    /// A visit's date lies between the assignment of its assessors and
    /// today: an assessment is never dated before anyone was sent to make
    /// it. A visit after the scheme's deadline is still recorded (it took
    /// place; the case was overdue until then).
    static func requireVisitDate(_ visit: CalendarDate, of record: Case, today: CalendarDate) throws(CaseError) {
        guard visit <= today else { throw CaseError(.invalidInput, "assessment date \(visit) is after today (\(today))") }
        let assigned = record.assignedOn ?? record.eligibility?.checkedOn ?? record.openedOn
        guard visit >= assigned else {
            throw CaseError(.timing, "the visit date \(visit) is before its assessors were assigned on \(assigned)",
                            details: ["date": .string(visit.description), "assignedOn": .string(assigned.description)])
        }
    }

    /// The deadline of `kind` under the scheme, counted in working days from
    /// the case's acceptance (its eligibility check); `nil` where the scheme sets none.
    static func deadline(_ kind: CaseDeadline.Kind, for record: Case, scheme: Scheme) -> CaseDeadline? {
        let days = kind == .visit ? scheme.assessment.visitWithinWorkingDays : scheme.assessment.conclusionWithinWorkingDays
        guard let days, let accepted = record.eligibility?.checkedOn else { return nil }
        return CaseDeadline(kind: kind, due: scheme.calendar.adding(workingDays: days, to: accepted))
    }

    /// Throws ``CaseError/Kind/conflictOfInterest`` if `assessor`'s employer
    /// serves the case's applicant: named as the case's institution, or the
    /// person is enrolled with it now, later, or within the scheme's
    /// look-back period (``InstitutionTies``).
    func requireNoConflict(_ assessor: Assessor, _ record: Case, scheme: Scheme, on date: CalendarDate, in tx: any CaseTransaction) throws {
        guard let employer = assessor.employer else { return }
        let details: JSONObject = ["assessor": .string(assessor.id), "institution": .string(employer)]
        if record.institution == employer {
            throw CaseError(.conflictOfInterest, "assessor \(assessor.id) is employed by \(employer), which serves the applicant of case \(record.id)",
                            details: details)
        }
        let months = scheme.assessment.conflictLookBackMonths
        let since = date.adding(months: -months)
        if let ties, try ties.institutions(serving: record.personID, since: since, in: tx).contains(employer) {
            throw CaseError(.conflictOfInterest,
                            "assessor \(assessor.id) is employed by \(employer), with which the applicant of case \(record.id) is or was enrolled since \(since) (the scheme looks back \(months) months)",
                            details: details)
        }
    }

    /// A case's scheme and the operation's date: `asOf`, or today in the scheme's time zone.
    func context(caseID: Int, asOf: CalendarDate?) throws -> (Scheme?, CalendarDate) {
        try store.read { tx in
            // A date given is held to AsOfWindow here, as every service's is, before any rule counts from it.
            let day = try choice.day(asOf, in: tx.schemes)
            guard let record = try tx.cases.caseRecord(id: caseID) else { return (nil, day) }
            let scheme = try choice.scheme(id: record.schemeID, on: asOf ?? work.clock.today(in: nil), in: tx.schemes)
            return (scheme, asOf ?? work.clock.today(in: scheme.timeZone))
        }
    }

    /// Applies `action` to a case: checks the transition and the role, lets
    /// `body` apply the rule, moves the state, and records it, in one transaction.
    func change(_ action: CaseAction, caseID: Int, actor: Actor, asOf: CalendarDate?, reason: String? = nil,
                        _ body: (inout Case, Scheme, CalendarDate, any CaseTransaction) throws -> Void) throws -> Case {
        let (scheme, date) = try context(caseID: caseID, asOf: asOf)
        let operation = Operation("case.\(action.rawValue)", subject: "case:\(caseID)", actor: actor, asOf: date, reason: reason)
        return try work.change(operation, on: store.transactions) { tx in
            guard var record = try tx.cases.caseRecord(id: caseID), let scheme else { throw CaseError(.notFound, "no case \(caseID)") }
            // The role first: a case's state is no business of an actor who may never take the action.
            if let any = Lifecycle.anyTransition(of: action) { try Access.require(actor, .transition(any)) }
            let transition = try Lifecycle.transition(action, from: record.state, caseID: caseID)
            try Access.require(actor, .transition(transition))
            let before = record.json
            try body(&record, scheme, date, tx)
            if record.state == before["state"]?.stringValue.flatMap(CaseState.init) {
                // The body did not choose among several targets: take the only one.
                record.state = transition.to[0]
            }
            try tx.cases.update(record)
            return Outcome(record, before: before, after: record.json)
        }
    }
}
