import Foundation
import LTCAssessment
import LTCCore
import LTCSchemes

/// Every operation on schemes, people, assessors and cases, once: the CLI and
/// the JSON-RPC methods both call these.
///
/// ```swift
/// let service = CaseService(store: store, forms: try FormCatalog.load())
/// let admin = try Actor("administrator:wang")
/// let opened = try service.open(personID: 1, disabledSince: CalendarDate("2026-01-10")!,
///                               institution: nil, schemeID: nil, actor: admin, asOf: nil)
/// ```
///
/// Each change is one store transaction together with its audit event. A
/// refused action (wrong role, wrong state, a broken rule) changes nothing,
/// is written to the audit trail as refused, and is thrown.
public struct CaseService {
    public let store: any CaseStore
    public let forms: FormCatalog

    public init(store: any CaseStore, forms: FormCatalog) {
        self.store = store
        self.forms = forms
    }

    public enum TerminationReason: String, Sendable, CaseIterable {
        case death, left, recovery, withdrawn
    }

    // MARK: Schemes

    /// Stores a validated scheme. Two schemes of one region may not be in force on the same day.
    public func load(_ scheme: Scheme, actor: Actor, asOf: CalendarDate?) throws -> Scheme {
        let date = try asOf ?? today(in: scheme.timeZone)
        return try perform("scheme.load", subject: "scheme:\(scheme.id)", actor: actor, asOf: date, reason: nil) { tx in
            try require(actor, .administrator)
            for other in try tx.schemes() {
                if other.id == scheme.id {
                    throw CaseError(.duplicate, "scheme '\(scheme.id)' is already loaded; give a new version a new id")
                }
                if other.region == scheme.region, other.effectiveFrom <= scheme.effectiveTo, scheme.effectiveFrom <= other.effectiveTo {
                    throw CaseError(.invalidScheme, "scheme '\(scheme.id)' (\(scheme.effectiveFrom) to \(scheme.effectiveTo)) overlaps '\(other.id)' (\(other.effectiveFrom) to \(other.effectiveTo)) in region \(scheme.region)")
                }
            }
            try tx.insert(scheme)
            return (scheme, "scheme:\(scheme.id)", nil, scheme.summaryJSON)
        }
    }

    public func schemes() throws -> [Scheme] {
        try store.read { try $0.schemes() }
    }

    // MARK: People and assessors

    public func addPerson(name: String, nationalID: String, insurance: InsuranceType, enrolledOn: CalendarDate,
                          actor: Actor, asOf: CalendarDate?) throws -> InsuredPerson {
        let date = try asOf ?? defaultToday()
        return try perform("person.add", subject: "person:new", actor: actor, asOf: date, reason: nil) { tx in
            try require(actor, .administrator)
            let id = try NationalID(nationalID)
            guard !name.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a person needs a name") }
            if let existing = try tx.person(nationalID: id) {
                throw CaseError(.duplicate, "national ID \(id.masked) is already registered as person \(existing.id)")
            }
            guard enrolledOn >= id.birthDate else {
                throw CaseError(.invalidInput, "enrolment date \(enrolledOn) is before the birth date \(id.birthDate) in the ID number")
            }
            var person = InsuredPerson(id: 0, name: name, nationalID: id, insurance: insurance, enrolledOn: enrolledOn, status: .insured)
            person.id = try tx.insert(person)
            return (person, "person:\(person.id)", nil, person.json(fullID: false))
        }
    }

    /// One line of a bulk registration.
    public struct PersonRow: Sendable {
        public var line: Int
        public var name: String
        public var nationalID: String
        public var insurance: String
        public var enrolledOn: String

        public init(line: Int, name: String, nationalID: String, insurance: String, enrolledOn: String) {
            self.line = line
            self.name = name
            self.nationalID = nationalID
            self.insurance = insurance
            self.enrolledOn = enrolledOn
        }
    }

    /// Registers many people at once: every row is checked first and all
    /// problems are reported together; then all are stored in one transaction
    /// (with one audit event each), so an interrupted import leaves nothing.
    public func importPeople(_ rows: [PersonRow], actor: Actor, asOf: CalendarDate?) throws -> Int {
        let date = try asOf ?? defaultToday()
        return try perform("person.import", subject: "people", actor: actor, asOf: date, reason: "\(rows.count) people") { tx in
            try require(actor, .administrator)
            var problems: [String] = []
            var people: [InsuredPerson] = []
            var seen: [String: Int] = [:]
            for row in rows {
                do throws(CaseError) {
                    let id = try NationalID(row.nationalID)
                    guard let insurance = InsuranceType(rawValue: row.insurance) else {
                        throw CaseError(.invalidInput, "insurance '\(row.insurance)' is not accepted; use employee or resident")
                    }
                    guard let enrolled = CalendarDate(row.enrolledOn) else {
                        throw CaseError(.invalidInput, "enrolledOn '\(row.enrolledOn)' is not a date; use YYYY-MM-DD")
                    }
                    guard !row.name.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "a person needs a name") }
                    if let first = seen[id.value] {
                        throw CaseError(.duplicate, "national ID \(id.masked) also on line \(first)")
                    }
                    seen[id.value] = row.line
                    people.append(InsuredPerson(id: 0, name: row.name, nationalID: id, insurance: insurance, enrolledOn: enrolled, status: .insured))
                } catch {
                    problems.append("line \(row.line): \(error.message)")
                }
            }
            for person in people where try tx.person(nationalID: person.nationalID) != nil {
                problems.append("line \(seen[person.nationalID.value]!): national ID \(person.nationalID.masked) is already registered")
            }
            guard problems.isEmpty else {
                throw CaseError(.invalidInput, "\(problems.count) of \(rows.count) lines refused, nothing imported: " + problems.prefix(20).joined(separator: "; ")
                                + (problems.count > 20 ? "; …" : ""), details: ["problems": .array(problems.map { .string($0) })])
            }
            let recordedAt = Self.now()
            for var person in people {
                person.id = try tx.insert(person)
                try tx.append(AuditEvent(sequence: 0, recordedAt: recordedAt, asOf: date, actor: actor.description, subject: "person:\(person.id)",
                                         action: "person.add", outcome: .done, reason: "import", before: nil, after: person.json(fullID: false)))
            }
            return (people.count, "people", nil, ["imported": .integer(people.count)])
        }
    }

    public func person(id: Int, actor: Actor) throws -> InsuredPerson {
        try read("person.show", subject: "person:\(id)", actor: actor) { tx in
            guard let person = try tx.person(id: id) else { throw CaseError(.notFound, "no person \(id)") }
            if actor.role != .administrator {
                let visible = try tx.cases().contains { $0.personID == id && canSee($0, actor, tx) }
                guard visible else { throw CaseError(.forbidden, "\(actor) may not see person \(id): not one of their cases") }
            }
            return person
        }
    }

    public func people(actor: Actor) throws -> [InsuredPerson] {
        try read("person.list", subject: "people", actor: actor) { tx in
            let all = try tx.people()
            guard actor.role != .administrator else { return all }
            let visible = Set(try tx.cases().filter { canSee($0, actor, tx) }.map(\.personID))
            return all.filter { visible.contains($0.id) }
        }
    }

    public func addAssessor(id: String, name: String, qualification: Assessor.Qualification, employer: String?,
                            actor: Actor, asOf: CalendarDate?) throws -> Assessor {
        let date = try asOf ?? defaultToday()
        return try perform("assessor.add", subject: "assessor:\(id)", actor: actor, asOf: date, reason: nil) { tx in
            try require(actor, .administrator)
            guard !id.isEmpty, !id.contains(where: \.isWhitespace) else { throw CaseError(.invalidInput, "assessor id '\(id)' must be non-empty with no spaces") }
            guard !name.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "an assessor needs a name") }
            if try tx.assessor(id: id) != nil { throw CaseError(.duplicate, "assessor \(id) is already registered") }
            let assessor = Assessor(id: id, name: name, qualification: qualification, employer: employer)
            try tx.insert(assessor)
            return (assessor, "assessor:\(id)", nil, assessor.json)
        }
    }

    public func assessors(actor: Actor) throws -> [Assessor] {
        try read("assessor.list", subject: "assessors", actor: actor) { tx in
            try require(actor, .administrator)
            return try tx.assessors()
        }
    }

    // MARK: The case lifecycle

    /// Accepts an application (申请) under the scheme in force on the date.
    public func open(personID: Int, disabledSince: CalendarDate, institution: String?, schemeID: String?,
                     actor: Actor, asOf: CalendarDate?) throws -> Case {
        let scheme = try self.scheme(id: schemeID, on: asOf)
        let date = try asOf ?? today(in: scheme.timeZone)
        return try perform("case.open", subject: "person:\(personID)", actor: actor, asOf: date, reason: nil) { tx in
            try require(actor, .administrator)
            guard scheme.isInForce(on: date) else {
                throw CaseError(.noSchemeInForce, "scheme '\(scheme.id)' is not in force on \(date) (\(scheme.effectiveFrom) to \(scheme.effectiveTo))")
            }
            guard let person = try tx.person(id: personID) else { throw CaseError(.notFound, "no person \(personID)") }
            guard disabledSince <= date else { throw CaseError(.invalidInput, "disabled since \(disabledSince) is after the application date \(date)") }
            if let open = try tx.cases().first(where: { $0.personID == person.id && !$0.state.isClosed }) {
                throw CaseError(.duplicate, "person \(person.id) already has open case \(open.id) (\(open.state.rawValue))")
            }
            var record = Case(id: 0, personID: person.id, schemeID: scheme.id, institution: institution, state: .applied,
                              openedOn: date, disabledSince: disabledSince)
            record.id = try tx.insert(record)
            return (record, "case:\(record.id)", nil, record.json)
        }
    }

    /// The acceptance review: every eligibility rule of the scheme, each passed or failed.
    public func check(caseID: Int, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.check, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            guard let person = try tx.person(id: record.personID) else { throw CaseError(.notFound, "no person \(record.personID)") }
            let rules = scheme.eligibility
            let enrolled = person.enrolledOn.wholeMonths(until: date)
            let disabled = record.disabledSince.wholeMonths(until: date)
            let decision = EligibilityDecision(checkedOn: date, rules: [
                .init(id: "insured", requirement: "currently insured", found: person.status.rawValue, passed: person.status == .insured),
                .init(id: "insuranceType", requirement: "insurance type one of \(rules.insuranceTypes.map(\.rawValue).joined(separator: ", "))",
                      found: person.insurance.rawValue, passed: rules.insuranceTypes.contains(person.insurance)),
                .init(id: "monthsEnrolled", requirement: "enrolled at least \(rules.minimumMonthsEnrolled) months",
                      found: "\(enrolled) months since \(person.enrolledOn)", passed: enrolled >= rules.minimumMonthsEnrolled),
                .init(id: "monthsDisabled", requirement: "disabled at least \(rules.minimumMonthsDisabled) months",
                      found: "\(disabled) months since \(record.disabledSince)", passed: disabled >= rules.minimumMonthsDisabled),
            ])
            record.eligibility = decision
            record.state = decision.passed ? .eligible : .rejected
            if !decision.passed {
                record.closedReason = "ineligible: " + decision.rules.filter { !$0.passed }.map(\.id).joined(separator: ", ")
            }
        }
    }

    /// Assigns the assessors of the next round: the first assessment, a review
    /// of a grade in force, or the re-assessment (复评) after an objection.
    public func assign(caseID: Int, assessors ids: [String], actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.assign, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, _, tx in
            let rules = scheme.assessment
            guard ids.count == rules.assessorCount, Set(ids).count == ids.count else {
                throw CaseError(.assessorRule, "the scheme needs \(rules.assessorCount) different assessors; given: \(ids.joined(separator: ", "))")
            }
            var team: [Assessor] = []
            for id in ids {
                guard let assessor = try tx.assessor(id: id), assessor.active else {
                    throw CaseError(.assessorRule, "\(id) is not an active assessor in the registry")
                }
                if let institution = record.institution, assessor.employer == institution {
                    throw CaseError(.conflictOfInterest, "assessor \(id) is employed by \(institution), which serves the applicant of case \(caseID)",
                                    details: ["assessor": .string(id), "institution": .string(institution)])
                }
                team.append(assessor)
            }
            let professionals = team.filter(\.qualification.isProfessional).count
            guard professionals >= rules.qualifiedAssessors else {
                throw CaseError(.assessorRule, "at least \(rules.qualifiedAssessors) assessor(s) need a medical or care qualification; \(professionals) of \(ids.joined(separator: ", ")) have one")
            }
            let round: AssessmentRecord.Round
            switch record.state {
            case .objected:
                round = .reassessment
                let earlier = Set(try tx.assessments(caseID: caseID).last?.assessors ?? [])
                let repeated = ids.filter(earlier.contains)
                guard repeated.isEmpty else {
                    throw CaseError(.assessorRule, "a re-assessment needs assessors other than those of the assessment objected to; \(repeated.joined(separator: ", ")) assessed it")
                }
            case .effective: round = .review
            default: round = .initial
            }
            record.assessors = ids
            record.round = round
        }
    }

    /// Records the on-site assessment; only an assessor assigned to the case may.
    public func assess(caseID: Int, formID: String, answers: JSONObject, conditions: JSONObject = [:],
                       assessedOn: CalendarDate?, place: String,
                       actor: Actor, asOf: CalendarDate?) throws -> (Case, AssessmentRecord) {
        var stored: AssessmentRecord?
        let record = try change(.assess, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            guard record.assessors.contains(actor.id) else {
                throw CaseError(.forbidden, "\(actor) is not assigned to case \(caseID); its assessors are \(record.assessors.joined(separator: ", "))")
            }
            guard scheme.assessment.forms.contains(formID) else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' accepts forms \(scheme.assessment.forms.joined(separator: ", ")), not '\(formID)'")
            }
            let assessedOn = assessedOn ?? date
            guard assessedOn <= date else { throw CaseError(.invalidInput, "assessment date \(assessedOn) is after today (\(date))") }
            guard !place.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the place of the assessment") }
            let form = try forms.form(id: formID)
            let result = try form.score(answers: answers, conditions: conditions)
            var output = JSONOutput()
            result.encode(into: &output)
            var assessment = AssessmentRecord(
                id: 0, caseID: caseID, round: record.round ?? .initial, formID: form.id, formVersion: form.version,
                answers: answers, result: try JSONParser.parse(output.bytes), grade: result.grade.level,
                assessedOn: assessedOn, place: place, assessors: record.assessors, recordedBy: actor.description)
            assessment.id = try tx.insert(assessment)
            stored = assessment
        }
        return (record, stored!)
    }

    /// Decides the grade from the latest assessment: published for the
    /// publicity period, or, after a re-assessment, final and in force at once.
    public func determine(caseID: Int, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.determine, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            guard let assessment = try tx.assessments(caseID: caseID).last else {
                throw CaseError(.notFound, "case \(caseID) has no assessment to determine from")
            }
            let label = assessment.result["grade"]?["label"]?["zh"]?.stringValue ?? String(assessment.grade)
            var determination = Determination(assessmentID: assessment.id, grade: assessment.grade, gradeLabel: label, decidedOn: date,
                                              benefitsEligible: assessment.grade >= scheme.assessment.minimumGrade)
            if record.state == .reassessed {
                determination.validFrom = date
                determination.validUntil = date.adding(months: scheme.assessment.validityMonths).adding(days: -1)
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
            determination.validFrom = ends.adding(days: 1)
            determination.validUntil = ends.adding(days: 1).adding(months: scheme.assessment.validityMonths).adding(days: -1)
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

    public func terminate(caseID: Int, reason: TerminationReason, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.terminate, caseID: caseID, actor: actor, asOf: asOf, reason: reason.rawValue) { record, _, date, tx in
            record.closedReason = reason.rawValue
            if let until = record.determination?.validUntil, until > date {
                record.determination?.validUntil = date
            }
            if reason == .death || reason == .left, var person = try tx.person(id: record.personID) {
                person.status = reason == .death ? .deceased : .left
                try tx.update(person)
            }
        }
    }

    /// A new grade takes effect: the one before ends the day before and is kept.
    static func replaceDetermination(in record: inout Case, with new: Determination) {
        if var old = record.determination, let from = new.validFrom {
            if let until = old.validUntil, until >= from { old.validUntil = from.adding(days: -1) }
            record.pastDeterminations.append(old)
        }
        record.determination = new
    }

    // MARK: Service modes and other subsidies

    /// Chooses the case's service mode: the first choice from `asOf`; a change
    /// from the day the scheme says (the same day, or the next month's first).
    public func setMode(caseID: Int, mode: String, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.mode", caseID: caseID, actor: actor, asOf: asOf, reason: mode) { record, scheme, date in
            guard let benefits = scheme.benefits else { throw CaseError(.invalidInput, "scheme '\(scheme.id)' defines no benefits and no service modes") }
            guard benefits.mode(mode) != nil else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' has no service mode '\(mode)'; its modes: \(benefits.modes.map(\.id).joined(separator: ", "))")
            }
            let from = record.modes.isEmpty || benefits.modeChange == .sameDay ? date : YearMonth(containing: date).adding(months: 1).firstDay
            record.modes.removeAll { $0.from >= from }
            record.modes.append(ModePeriod(from: from, mode: mode))
        }
    }

    /// Records another benefit the person holds, as the scheme's subsidy list names it.
    public func addSubsidy(caseID: Int, subsidy: String, monthly: Money, from: CalendarDate, until: CalendarDate?,
                           choice: HeldSubsidy.Choice?, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try attribute("case.subsidy", caseID: caseID, actor: actor, asOf: asOf, reason: subsidy) { record, scheme, _ in
            guard let kind = scheme.benefits?.subsidy(subsidy) else {
                throw CaseError(.invalidInput, "scheme '\(scheme.id)' has no subsidy '\(subsidy)'; its subsidies: \(scheme.benefits?.subsidies.map(\.id).joined(separator: ", ") ?? "none")")
            }
            guard monthly >= .zero else { throw CaseError(.invalidInput, "the monthly amount must not be negative") }
            if let until, until < from { throw CaseError(.invalidInput, "the subsidy ends (\(until)) before it starts (\(from))") }
            if kind.interaction == .exclusive && choice == nil {
                throw CaseError(.invalidInput, "'\(subsidy)' excludes LTCI: record the person's choice, ltci or subsidy")
            }
            if kind.interaction != .exclusive && choice != nil {
                throw CaseError(.invalidInput, "'\(subsidy)' is \(kind.interaction.rawValue): there is no choice to record")
            }
            record.subsidies.append(HeldSubsidy(subsidy: subsidy, monthly: monthly, from: from, until: until, choice: choice))
        }
    }

    /// Changes a case's attributes (not its state) in one audited transaction; refused on a closed case.
    private func attribute(_ action: String, caseID: Int, actor: Actor, asOf: CalendarDate?, reason: String,
                           _ body: (inout Case, Scheme, CalendarDate) throws -> Void) throws -> Case {
        let existing = try store.read { try $0.caseRecord(id: caseID) }
        let scheme = try existing.map { try self.scheme(id: $0.schemeID, on: nil) }
        let date = try asOf ?? today(in: scheme?.timeZone)
        return try perform(action, subject: "case:\(caseID)", actor: actor, asOf: date, reason: reason) { tx in
            guard var record = try tx.caseRecord(id: caseID), let scheme else { throw CaseError(.notFound, "no case \(caseID)") }
            try require(actor, .administrator)
            guard !record.state.isClosed else { throw CaseError(.transitionNotAllowed, "case \(caseID) is \(record.state.rawValue)") }
            let before = record.json
            try body(&record, scheme, date)
            try tx.update(record)
            return (record, "case:\(caseID)", before, record.json)
        }
    }

    // MARK: Reading cases

    /// A case with its person, assessments and timeline.
    public struct CaseView: Sendable {
        public var record: Case
        public var person: InsuredPerson
        public var assessments: [AssessmentRecord]
        public var events: [AuditEvent]
    }

    public func show(caseID: Int, actor: Actor) throws -> CaseView {
        try read("case.show", subject: "case:\(caseID)", actor: actor) { tx in
            guard let record = try tx.caseRecord(id: caseID) else { throw CaseError(.notFound, "no case \(caseID)") }
            guard canSee(record, actor, tx) else { throw CaseError(.forbidden, "\(actor) may not see case \(caseID)") }
            guard let person = try tx.person(id: record.personID) else { throw CaseError(.notFound, "no person \(record.personID)") }
            return CaseView(record: record, person: person, assessments: try tx.assessments(caseID: caseID),
                            events: try tx.events(subject: "case:\(caseID)"))
        }
    }

    /// The cases the actor may see; with `dueWithin`, those whose grade in
    /// force expires within that many days of `asOf` (re-assessment due).
    public func list(actor: Actor, state: CaseState?, dueWithin days: Int?, asOf: CalendarDate?) throws -> [Case] {
        let date = try asOf ?? defaultToday()
        return try read("case.list", subject: "cases", actor: actor) { tx in
            try tx.cases().filter { record in
                guard canSee(record, actor, tx) else { return false }
                if let state, record.state != state { return false }
                if let days {
                    guard !record.state.isClosed, let until = record.determination?.validUntil else { return false }
                    return until <= date.adding(days: days)
                }
                return true
            }
        }
    }

    // MARK: Machinery

    /// Applies `action` to a case: checks the transition and the role, lets
    /// `body` apply the rule, moves the state, and records it, in one transaction.
    private func change(_ action: CaseAction, caseID: Int, actor: Actor, asOf: CalendarDate?, reason: String? = nil,
                        _ body: (inout Case, Scheme, CalendarDate, any CaseStoreWriter) throws -> Void) throws -> Case {
        let existing = try store.read { try $0.caseRecord(id: caseID) }
        let scheme = try existing.map { try self.scheme(id: $0.schemeID, on: nil) }
        let date = try asOf ?? today(in: scheme?.timeZone)
        return try perform("case.\(action.rawValue)", subject: "case:\(caseID)", actor: actor, asOf: date, reason: reason) { tx in
            guard var record = try tx.caseRecord(id: caseID), let scheme else { throw CaseError(.notFound, "no case \(caseID)") }
            let transition = try Lifecycle.transition(action, from: record.state, caseID: caseID)
            try require(actor, transition.role)
            let before = record.json
            try body(&record, scheme, date, tx)
            if record.state == before["state"]?.stringValue.flatMap(CaseState.init) {
                // The body did not choose among several targets: take the only one.
                record.state = transition.to[0]
            }
            try tx.update(record)
            return (record, "case:\(caseID)", before, record.json)
        }
    }

    /// Runs a change in one transaction with its audit event; a refusal is
    /// rolled back, recorded as refused in a transaction of its own, and thrown.
    private func perform<T>(_ action: String, subject: String, actor: Actor, asOf: CalendarDate, reason: String?,
                            _ body: (any CaseStoreWriter) throws -> (T, String, JSONValue?, JSONValue?)) throws -> T {
        do {
            return try store.write { tx in
                let (result, subject, before, after) = try body(tx)
                try tx.append(AuditEvent(sequence: 0, recordedAt: Self.now(), asOf: asOf, actor: actor.description, subject: subject,
                                         action: action, outcome: .done, reason: reason, before: before, after: after))
                return result
            }
        } catch let error as any LTCError where !(error is StorageFailure) {
            try store.write { tx in
                try tx.append(AuditEvent(sequence: 0, recordedAt: Self.now(), asOf: asOf, actor: actor.description, subject: subject,
                                         action: action, outcome: .refused, reason: error.description, before: nil, after: nil))
            }
            throw error
        }
    }

    /// A read that is refused when the actor may not see the subject (and the refusal audited).
    private func read<T>(_ action: String, subject: String, actor: Actor, _ body: (any CaseStoreReader) throws -> T) throws -> T {
        do {
            return try store.read(body)
        } catch let error as CaseError where error.reason == .forbidden {
            try store.write { tx in
                try tx.append(AuditEvent(sequence: 0, recordedAt: Self.now(), asOf: try defaultToday(), actor: actor.description,
                                         subject: subject, action: action, outcome: .refused, reason: error.description, before: nil, after: nil))
            }
            throw error
        }
    }

    private func require(_ actor: Actor, _ role: Actor.Role) throws(CaseError) {
        guard actor.role == role else {
            throw CaseError(.forbidden, "\(actor) may not do this: it needs the \(role.rawValue) role",
                            details: ["actor": .string(actor.description), "required": .string(role.rawValue)])
        }
    }

    /// Administrators see every case; an assessor, the cases they are assigned
    /// to or have assessed; an institution, its own clients.
    private func canSee(_ record: Case, _ actor: Actor, _ tx: any CaseStoreReader) -> Bool {
        switch actor.role {
        case .administrator: return true
        case .institution: return record.institution == actor.id
        case .assessor:
            if record.assessors.contains(actor.id) { return true }
            return (try? tx.assessments(caseID: record.id).contains { $0.assessors.contains(actor.id) }) ?? false
        }
    }

    /// The scheme named, or the one scheme in force on the date.
    private func scheme(id: String?, on date: CalendarDate?) throws -> Scheme {
        let all = try store.read { try $0.schemes() }
        if let id {
            guard let scheme = all.first(where: { $0.id == id }) else {
                throw CaseError(.noSchemeInForce, "no scheme '\(id)'; loaded: \(all.map(\.id).joined(separator: ", "))")
            }
            return scheme
        }
        guard !all.isEmpty else {
            throw CaseError(.noSchemeInForce, "no scheme is loaded; load one with `ltc scheme load FILE`")
        }
        let candidates = try all.filter { $0.isInForce(on: try date ?? today(in: $0.timeZone)) }
        guard candidates.count == 1 else {
            let day = date.map(\.description) ?? "today"
            throw CaseError(.noSchemeInForce, candidates.isEmpty
                ? "no loaded scheme is in force on \(day); loaded: \(all.map { "\($0.id) (\($0.effectiveFrom) to \($0.effectiveTo))" }.joined(separator: ", "))"
                : "several schemes are in force on \(day): \(candidates.map(\.id).joined(separator: ", ")); name one with --scheme")
        }
        return candidates[0]
    }

    /// Today in the zone of the scheme in force, if there is exactly one, else in the machine's zone.
    private func defaultToday() throws -> CalendarDate {
        let zones = Set(try store.read { try $0.schemes() }.map(\.timeZone))
        return try today(in: zones.count == 1 ? zones.first : nil)
    }

    public static func today(in zone: String?) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.flatMap(TimeZone.init(identifier:)) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    private func today(in zone: String?) throws -> CalendarDate { Self.today(in: zone) }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

/// Marks storage failures, which are not refusals and are not audited as such.
public protocol StorageFailure: Error {}
