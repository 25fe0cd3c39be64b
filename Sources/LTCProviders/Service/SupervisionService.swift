import LTCCases
import LTCCore
import LTCSchemes

/// Supervision of designated institutions (《长期护理保险护理服务机构定点管理办法（试行）》):
/// violations and their penalties, credit, inspections and complaints, and
/// the periodic performance assessment. Every change is one audited
/// transaction (``UnitOfWork``).
///
/// ```swift
/// let supervision = SupervisionService(store: store, clock: SystemClock())
/// let found = try supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V02", foundOn: day,
///                                             evidence: "follow-up calls", amount: Money(yuan: 300), penalty: "recovery",
///                                             actor: admin, asOf: day)
/// try supervision.credit(of: "institution:I001", asOf: day).score
/// ```
public struct SupervisionService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    /// Records a violation found at an institution and applies the penalty
    /// decided, from the scheme's graded list for that type (see
    /// ``SupervisionSettings``), in one transaction:
    /// - refusal: the amounts concerned come off the institution's next statement;
    /// - recovery: the amounts concerned and the liquidated damages come off it;
    /// - suspension: every agreement in force is suspended from the decision
    ///   for the scheme's days (its logs are rejected, A01), then resumes;
    /// - termination: every agreement ends on the decision day and the
    ///   institution may not apply again for the scheme's years;
    /// - warning and rectification are recorded.
    /// Every penalty takes its credit points from the institution, and from
    /// the caregiver or person named.
    public func recordViolation(institution: String, caregiver: String?, person: Int?, type: String, foundOn: CalendarDate,
                                evidence: String, amount: Money, penalty penaltyID: String,
                                actor: Actor, asOf: CalendarDate) throws -> Violation {
        try work.change(Operation("violation.record", subject: "institution:\(institution)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            let violation = try Self.decideViolation(institution: institution, caregiver: caregiver, person: person, type: type, foundOn: foundOn,
                                                     evidence: evidence, amount: amount, penalty: penaltyID, actor: actor, asOf: asOf, in: tx)
            return Outcome(violation, after: violation.json)
        }
    }

    /// Records a violation and applies its penalty inside `tx`, as
    /// ``recordViolation(institution:caregiver:person:type:foundOn:evidence:amount:penalty:actor:asOf:)``
    /// describes; the caller has checked the actor. `notice`: the penalty notice it is decided on.
    static func decideViolation(institution: String, caregiver: String?, person: Int?, type: String, foundOn: CalendarDate,
                                evidence: String, amount: Money, penalty penaltyID: String, notice: Int? = nil,
                                actor: Actor, asOf: CalendarDate, in tx: any ProviderTransaction) throws -> Violation {
        guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
        let agreements = try tx.agreements.agreements(institution: institution)
        guard let rules = try Self.rules(institution: institution, asOf: asOf, in: tx) else {
            throw CaseError(.invalidScheme, "the scheme of \(institution) has no supervision section (negative list, penalties, credit)")
        }
        guard let kind = rules.violation(type) else {
            throw CaseError(.invalidInput, "'\(type)' is not on the negative list; its codes: \(rules.violations.map(\.code).joined(separator: ", "))")
        }
        guard kind.penalties.contains(penaltyID), let penalty = rules.penalty(penaltyID) else {
            throw CaseError(.invalidInput, "penalty '\(penaltyID)' is not allowed for \(type); allowed: \(kind.penalties.joined(separator: ", "))")
        }
        guard foundOn <= asOf else { throw CaseError(.timing, "found on \(foundOn), after the decision (\(asOf))") }
        guard amount.fen >= 0 else { throw CaseError(.invalidInput, "the amount concerned must not be negative") }
        guard !evidence.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the evidence") }
        try PlainText.require(evidence, "evidence", as: .note)
        if let caregiver, try tx.caregivers.caregiver(institution: institution, id: caregiver) == nil {
            throw CaseError(.notFound, "no caregiver \(caregiver) at \(institution)")
        }
        if let person, try tx.people.person(id: person) == nil { throw CaseError(.notFound, "no person \(person)") }

        var violation = Violation(id: 0, institution: institution, caregiver: caregiver, person: person, type: type, foundOn: foundOn,
                                  evidence: evidence, amount: amount, penalty: penaltyID, decidedOn: asOf, decidedBy: actor.description,
                                  credit: penalty.credit)
        violation.notice = notice
        // The penalties are graded (agreements.md): a warning or an order to
        // rectify moves no money, so an amount with one would be dropped
        // unseen; from refusal or recovery up, the amount concerned is taken
        // back on the next statement, with a suspension or a termination too.
        switch penalty.effect {
        case .warning, .rectification:
            guard amount == .zero else {
                throw CaseError(.invalidInput, "penalty '\(penaltyID)' recovers nothing, so the amount \(amount) would not be used; "
                                + "record the amount with a penalty that refuses or recovers it (allowed for \(type): \(kind.penalties.joined(separator: ", "))), or leave it out")
            }
        case .refusal, .recovery:
            let damages = penalty.effect == .recovery ? (penalty.liquidatedDamages?.apply(to: amount) ?? .zero) : .zero
            violation.deducted = amount + damages
        case .suspension:
            violation.deducted = amount
            let until = asOf.adding(days: (penalty.suspensionDays ?? 1) - 1)
            violation.suspendedUntil = until
            // A suspension with an end: the agreement covers nothing until then, and again after.
            for var agreement in agreements where agreement.status == .active {
                agreement.suspensions.append(DatePeriod(from: asOf, to: until))
                try tx.agreements.update(agreement)
            }
        case .termination:
            violation.deducted = amount
            violation.barredUntil = asOf.adding(months: 12 * (penalty.barYears ?? 1))
            for var agreement in agreements where agreement.status != .terminated {
                agreement.status = .terminated
                agreement.terminatedOn = asOf
                try tx.agreements.update(agreement)
            }
        }
        violation.id = try tx.supervision.insert(violation)
        if violation.deducted.fen > 0 {
            try tx.settlements.insert(SettlementAdjustment(institution: institution, logID: "violation \(violation.id)", serviceMonth: YearMonth(containing: foundOn),
                                               amount: Money.zero - violation.deducted,
                                               reason: "\(penalty.name.en) for \(type) (violation \(violation.id))"))
        }
        return violation
    }

    /// Recorded violations by id, optionally of one institution, a page at a time.
    public func violations(institution: String? = nil, actor: Actor, page: PageRequest<Int>) throws -> Page<Violation, Int> {
        try AgreementService.listing(Access.reach(actor, asking: institution)) { reach in
            try store.read { try $0.supervision.list(institution: reach, page: page) }
        }
    }

    /// The credit record of `institution:ID`, `caregiver:INSTITUTION/ID` or
    /// `person:ID` on a day: an institution reads its own and its caregivers';
    /// a person's, only administrators and auditors.
    public func credit(of subject: String, actor: Actor, asOf: CalendarDate) throws -> CreditRecord {
        let invalid = CaseError(.invalidInput, "subject '\(subject)' is not institution:ID, caregiver:INSTITUTION/ID or person:ID")
        let parts = subject.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw invalid }
        switch parts[0] {
        case "institution": try Access.requireReadable(actor, institution: parts[1], "credit of \(subject)")
        case "caregiver": try Access.requireReadable(actor, institution: CaregiverKey(parts[1])?.institution ?? "", "credit of \(subject)")
        default: if Access.reach(actor, asking: nil) != .every { throw CaseError.notYours("credit of \(subject)", refused: false) }
        }
        return try store.read { tx in
            let institution: String? = switch parts[0] {
            case "institution": parts[1]
            case "caregiver": CaregiverKey(parts[1])?.institution
            default: nil
            }
            guard let rules = try Self.rules(institution: institution, asOf: asOf, in: tx)?.credit else {
                throw CaseError(.invalidScheme, "no loaded scheme has a supervision section")
            }
            switch parts[0] {
            case "institution":
                return try CreditRecord.institution(parts[1], asOf: asOf, rules: rules,
                                                    enforcement: try Self.enforcement(institution: parts[1], asOf: asOf, in: tx), in: tx)
            case "caregiver":
                guard let key = CaregiverKey(parts[1]) else { throw invalid }
                return CreditRecord(subject: subject, violations: try tx.supervision.violations(caregiver: key), rules: rules, asOf: asOf)
            case "person":
                guard let person = Int(parts[1]) else { throw invalid }
                return CreditRecord(subject: subject, violations: try tx.supervision.violations(person: person), rules: rules, asOf: asOf)
            default:
                throw invalid
            }
        }
    }

    /// The share of an institution's accepted logs picked for manual review
    /// on a day: the scheme's closer rate while its credit is below the low
    /// line; the reward rate (`enforcement.rewards`, seed 000 §19: good
    /// credit is rewarded) from the reward line up; its normal rate
    /// otherwise; `nil` without supervision rules.
    public func samplingRate(institution: String, asOf: CalendarDate) throws -> Ratio? {
        try store.read { try Self.samplingRate(institution: institution, asOf: asOf, in: $0) }
    }

    static func samplingRate(institution: String, asOf: CalendarDate, in tx: any ProviderTransaction) throws -> Ratio? {
        try samplingRate(institution: institution, agreements: try tx.agreements.agreements(institution: institution), asOf: asOf, in: tx)
    }

    /// ``samplingRate(institution:asOf:in:)`` given the institution's agreements, oldest first, read already (intake's reads).
    static func samplingRate(institution: String, agreements: [Agreement], asOf: CalendarDate, in tx: any ProviderTransaction) throws -> Ratio? {
        let scheme = try agreements.last.flatMap { try tx.schemes.scheme(id: $0.schemeID) }
        guard let rules = try (scheme?.supervision ?? tx.schemes.inForce(on: asOf).lazy.compactMap(\.supervision).first)?.credit else { return nil }
        // As ``enforcement(institution:asOf:in:)``: the agreement's scheme's, even none; a scheme in force only without it.
        let enforcement = try scheme.map(\.enforcement) ?? tx.schemes.inForce(on: asOf).lazy.compactMap(\.enforcement).first
        let credit = try CreditRecord.institution(institution, asOf: asOf, rules: rules, enforcement: enforcement, in: tx)
        if credit.closerChecks { return rules.closerSampling }
        if let enforcement, credit.score >= enforcement.rewardCreditFrom { return enforcement.rewardSampling }
        return rules.sampling
    }

    /// The enforcement rules an institution is held to: those of the scheme
    /// of its newest agreement, else of a scheme in force on the day.
    static func enforcement(institution: String?, asOf: CalendarDate, in tx: any ProviderTransaction) throws -> EnforcementSettings? {
        if let institution, let schemeID = try tx.agreements.agreements(institution: institution).last?.schemeID,
           let scheme = try tx.schemes.scheme(id: schemeID) {
            return scheme.enforcement
        }
        return try tx.schemes.inForce(on: asOf).lazy.compactMap(\.enforcement).first
    }

    /// The supervision rules an institution is held to: those of the scheme
    /// of its newest agreement, else of a scheme in force on the day.
    static func rules(institution: String?, asOf: CalendarDate, in tx: any ProviderTransaction) throws -> SupervisionSettings? {
        if let institution, let schemeID = try tx.agreements.agreements(institution: institution).last?.schemeID,
           let rules = try tx.schemes.scheme(id: schemeID)?.supervision {
            return rules
        }
        return try tx.schemes.inForce(on: asOf).lazy.compactMap(\.supervision).first
    }

    /// Assesses an institution's performance for a period (a quarter or a
    /// year) by the scheme's indicators: measured ones from the period's logs,
    /// care plans and violations, scored ones from `inspector` (indicator id →
    /// 0–100). The rating decides what the statements of the settled months
    /// the period covers still withhold, unless an earlier assessment decided
    /// it: released on the next statement for a rating the scheme lists,
    /// kept otherwise (``decideWithholding(of:from:to:rating:released:asOf:in:)``).
    /// One assessment per institution and period.
    public func assessPerformance(institution: String, from: CalendarDate, to: CalendarDate, inspector: [String: Int],
                                  actor: Actor, asOf: CalendarDate) throws -> PerformanceAssessment {
        try work.change(Operation("performance.assess", subject: "institution:\(institution)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard from <= to else { throw CaseError(.invalidInput, "the period's start \(from) is after its end \(to)") }
            guard to < asOf else { throw CaseError(.timing, "the period \(from) to \(to) must have ended before \(asOf)") }
            guard let rules = try Self.rules(institution: institution, asOf: asOf, in: tx)?.assessment else {
                throw CaseError(.invalidScheme, "no loaded scheme defines a performance assessment (supervision.assessment)")
            }
            if try tx.supervision.performanceAssessment(institution: institution, from: from, to: to) != nil {
                throw CaseError(.duplicate, "\(institution) is already assessed for \(from) to \(to)")
            }
            var activity = try tx.logs.activity(institution: institution, from: from, to: to, timelyDays: rules.timelyDays)
            activity.violations = try tx.supervision.violations(institution: institution).filter { from <= $0.decidedOn && $0.decidedOn <= to }.count
            let records = try tx.supervision.records(institution: institution, from: from, to: to)
            let enrolments = try tx.enrolments.enrolments(institution: institution, from: from, to: to)
            activity.complaints = records.filter { $0.kind == .complaint }.count
            // Re-assessments of the institution's clients in the period: found lower than the grade in force?
            for caseID in Set(enrolments.map(\.caseID)).sorted() {
                guard let record = try tx.cases.caseRecord(id: caseID) else { continue }
                for assessment in try tx.assessments.assessments(caseID: caseID)
                where assessment.round != .initial && from <= assessment.assessedOn && assessment.assessedOn <= to {
                    guard let inForce = record.determination(on: assessment.assessedOn.adding(days: -1)) else { continue }
                    activity.reassessed += 1
                    if assessment.grade < inForce.grade { activity.foundLower += 1 }
                }
            }
            // Inspector-scored indicators not given take the period's inspections' mean score (half-up).
            var inspector = inspector
            let scores = records.compactMap(\.score)
            if !scores.isEmpty {
                for indicator in rules.indicators where indicator.measure == .inspector && inspector[indicator.id] == nil {
                    inspector[indicator.id] = (scores.reduce(0, +) * 2 + scores.count) / (scores.count * 2)
                }
            }
            // Planned care: each day, the person's care plan in force, else the package of the enrolment.
            for enrolment in enrolments {
                let start = max(from, enrolment.period.from), end = min(to, enrolment.period.to ?? to)
                guard start <= end else { continue }
                let plans = try tx.plans.plans(caseID: enrolment.caseID).filter { $0.from != nil }
                var weeklyByDay = 0
                for number in start.dayNumber...end.dayNumber {
                    let day = CalendarDate(dayNumber: number)
                    weeklyByDay += plans.last { $0.binds(on: day) }?.weeklyMinutes ?? enrolment.weeklyMinutes ?? 0
                }
                activity.plannedMinutes += weeklyByDay / 7
            }
            var result = try PerformanceAssessment(institution: institution, from: from, to: to, activity: activity, inspector: inspector, rules: rules)
            result.released = rules.release.contains(result.rating)
            result.withheld = try Self.decideWithholding(of: institution, from: from, to: to, rating: result.rating, released: result.released,
                                                         asOf: asOf, in: tx)
            try tx.supervision.insert(result)
            return Outcome(result, after: result.json)
        }
    }

    /// Releases or keeps what the institution's statements of the settled
    /// months that `from...to` covers still withhold, each month's once: the
    /// first assessment covering a settled month decides its withholding (a
    /// closing ``HoldDecision``), and a later one covering it decides nothing
    /// for it, whatever its period (issue 29, finding 1). A month settled
    /// after an assessment covering it waits for the next one. What is
    /// released comes on the next statement, one adjustment per month.
    /// Returns what this assessment decided.
    static func decideWithholding(of institution: String, from: CalendarDate, to: CalendarDate, rating: String, released: Bool,
                                  asOf: CalendarDate, in tx: any ProviderTransaction) throws -> Money {
        let first = YearMonth(containing: from), last = YearMonth(containing: to)
        let decisions = try tx.holds.decisions(institution: institution, months: first...last)
        let by = "assessment \(from)–\(to)"
        var decided = Money.zero
        var month = first
        while month <= last {
            defer { month = month.adding(months: 1) }
            guard let statement = try tx.settlements.settlement(month: month)?.statements.first(where: { $0.institution == institution }),
                  statement.withheld > .zero else { continue }
            let account = HoldAccount(statement: statement, month: month, kind: .withheld, decisions: decisions)
            guard account.closing == nil else { continue }
            let rest = account.outstanding
            try tx.holds.insert(HoldDecision(institution: institution, month: month, kind: .withheld, cause: .assessment, decidedBy: by, decidedOn: asOf,
                                             released: released ? rest : .zero, kept: released ? .zero : rest, closing: true))
            if released && rest > .zero {
                try tx.settlements.insert(SettlementAdjustment(institution: institution, logID: by, serviceMonth: month, amount: rest,
                                                               reason: "withholding of \(month) released: rated \(rating) for \(from) to \(to)"))
            }
            decided = decided + rest
        }
        return decided
    }

    /// Records an on-site inspection (with its score, 0–100) or a complaint;
    /// an inspection sent by a random draw names it, and must be of an institution drawn.
    ///
    /// An inspection is of a kind (routine by default) and about a matter
    /// (its kind's name by default): the same institution is not inspected
    /// for the same matter again within the scheme's `reinspectionDays`
    /// (seed 000 §18: full coverage without repeated inspections), refused
    /// naming the earlier inspection and its date.
    public func record(_ kind: SupervisionRecord.Kind, institution: String, date: CalendarDate, score: Int?, person: Int?, note: String,
                       draw: Int? = nil, inspectionType: InspectionType? = nil, matter: String? = nil,
                       actor: Actor, asOf: CalendarDate) throws -> SupervisionRecord {
        try work.change(Operation("\(kind.rawValue).record", subject: "institution:\(institution)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard date <= asOf else { throw CaseError(.timing, "dated \(date), after today (\(asOf))") }
            guard !note.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the findings or the complaint") }
            try PlainText.require(note, "note", as: .note)
            switch kind {
            case .inspection:
                guard let score, (0...100).contains(score) else { throw CaseError(.invalidInput, "an inspection needs a score from 0 to 100") }
            case .complaint:
                guard score == nil else { throw CaseError(.invalidInput, "a complaint has no score") }
            }
            if let person, try tx.people.person(id: person) == nil { throw CaseError(.notFound, "no person \(person)") }
            if let draw {
                guard kind == .inspection, let drawn = try tx.supervision.draw(id: draw) else { throw CaseError(.notFound, "no inspection draw \(draw)") }
                guard drawn.picks.contains(where: { $0.institution == institution }) else {
                    throw CaseError(.invalidInput, "draw \(draw) did not pick \(institution); it picked \(drawn.picks.map(\.institution).joined(separator: ", "))")
                }
                guard date >= drawn.drawnOn else { throw CaseError(.timing, "the inspection on \(date) is before draw \(draw) on \(drawn.drawnOn)") }
            }
            var record = SupervisionRecord(id: 0, kind: kind, institution: institution, date: date, score: score, person: person,
                                           note: note, recordedBy: actor.description)
            record.draw = draw
            if kind == .inspection {
                let type = inspectionType ?? .routine
                let matter = matter ?? type.rawValue
                try PlainText.require(matter, "matter", as: .id)
                record.inspectionType = type
                record.matter = matter
                if let days = try Self.enforcement(institution: institution, asOf: asOf, in: tx)?.reinspectionDays, days > 0 {
                    let window = try tx.supervision.records(institution: institution, from: date.adding(days: -(days - 1)), to: date.adding(days: days - 1))
                    if let earlier = window.first(where: { $0.kind == .inspection && ($0.matter ?? $0.inspectionType?.rawValue ?? "routine") == matter }) {
                        throw CaseError(.duplicate, "\(institution) was inspected for \(matter) on \(earlier.date) (inspection \(earlier.id)); "
                                        + "the scheme allows another inspection for the same matter \(days) days apart, from \(earlier.date.adding(days: days))")
                    }
                }
            } else if inspectionType != nil || matter != nil {
                throw CaseError(.invalidInput, "a complaint has no inspection type or matter")
            }
            record.id = try tx.supervision.insert(record)
            return Outcome(record, after: record.json)
        }
    }

    /// An institution without an on-site inspection in a year, with its last one before.
    public struct Uninspected: Sendable, Equatable {
        public var institution: String
        public var name: String
        public var lastInspection: CalendarDate?

        public var json: JSONValue {
            ["institution": .string(institution), "name": .string(name), "lastInspection": lastInspection.map { .string($0.description) } ?? .null]
        }
    }

    /// The institutions with an agreement in force on the year's last day
    /// (or on `asOf` within the year) and no on-site inspection dated in the
    /// year (seed 002 ch. 7: an on-site inspection of every institution each
    /// year), by id, a page of institutions at a time: administrators and auditors.
    public func uninspected(year: Int, actor: Actor, asOf: CalendarDate, page: PageRequest<String>) throws -> Page<Uninspected, String> {
        try Access.require(actor, .readAll)
        guard let first = CalendarDate(year: year, month: 1, day: 1), let last = CalendarDate(year: year, month: 12, day: 31) else {
            throw CaseError(.invalidInput, "\(year) is not a year")
        }
        let day = min(last, max(first, asOf))
        return try store.read { tx in
            let listed = try tx.institutions.list(page: page)
            let agreements = try tx.agreements.agreements(institutions: Set(listed.items.map(\.id)))
            var gaps: [Uninspected] = []
            for institution in listed.items where (agreements[institution.id] ?? []).contains(where: { $0.terms(coveringDay: day) != nil }) {
                let latest = try tx.supervision.lastInspection(institution: institution.id, onOrBefore: last)
                if let latest, latest >= first { continue }
                gaps.append(Uninspected(institution: institution.id, name: institution.name, lastInspection: latest))
            }
            return Page(items: gaps, next: listed.next)
        }
    }

    /// Draws `count` institutions at random from those with an agreement in
    /// force today, and two inspectors for each from the staff registry,
    /// none deactivated on the day (双随机); the seed (given, or made here)
    /// and the pools are kept with the draw so that it can be replayed.
    public func drawInspections(count: Int, seed: UInt64?, actor: Actor, asOf: CalendarDate) throws -> InspectionDraw {
        try work.change(Operation("inspection.draw", subject: "inspections:\(asOf)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard (1...1000).contains(count) else { throw CaseError(.invalidInput, "draw 1 to 1000 institutions, not \(count)") }
            var institutions: [String] = []
            var page = PageRequest<String>.largest()
            while true {
                let listed = try tx.agreements.list(institution: nil, page: page)
                institutions += listed.items.filter { $0.terms(coveringDay: asOf) != nil }.map(\.institution)
                guard let next = listed.next else { break }
                page = .largest(after: next)
            }
            var staff: [StaffMember] = []
            var staffPage = PageRequest<String>.largest()
            while true {
                let listed = try tx.staff.list(page: staffPage)
                staff += listed.items
                guard let next = listed.next else { break }
                staffPage = .largest(after: next)
            }
            let deactivated = try tx.deactivations.deactivations(of: Set(staff.map(\.actor))).filter { $0.value.isInForce(on: asOf) }
            let inspectors = staff.filter { deactivated[$0.actor] == nil }.map(\.id)
            let pool = Array(Set(institutions)).sorted()
            guard pool.count >= count else {
                throw CaseError(.invalidInput, "\(pool.count) institutions have an agreement in force on \(asOf); cannot draw \(count)")
            }
            guard inspectors.count >= InspectionDraw.inspectorsPerInspection else {
                throw CaseError(.invalidInput, "the staff registry holds \(inspectors.count) people; an inspection needs \(InspectionDraw.inspectorsPerInspection) inspectors")
            }
            let seed = seed ?? UInt64.random(in: .min ... .max)
            var draw = InspectionDraw(id: 0, drawnOn: asOf, seed: seed, institutionPool: pool, inspectorPool: inspectors.sorted(),
                                      picks: InspectionDraw.choose(institutions: pool, inspectors: inspectors, seed: seed, count: count),
                                      drawnBy: actor.description)
            draw.id = try tx.supervision.insert(draw)
            return Outcome(draw, subject: "inspection-draw:\(draw.id)", after: draw.json)
        }
    }

    /// A draw and the results of the inspections it sent, published: anyone
    /// registered may read them (一公开).
    public func inspectionResults(draw id: Int, actor: Actor) throws -> (draw: InspectionDraw, results: [SupervisionRecord]) {
        try store.read { tx in
            guard let draw = try tx.supervision.draw(id: id) else { throw CaseError(.notFound, "no inspection draw \(id)") }
            var results: [SupervisionRecord] = []
            for pick in draw.picks {
                results += try tx.supervision.records(institution: pick.institution, from: draw.drawnOn, to: CalendarDate(year: 9999, month: 12, day: 31)!)
                    .filter { $0.draw == id }
            }
            return (draw, results)
        }
    }
}
