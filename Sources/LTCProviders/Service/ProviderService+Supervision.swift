import LTCCases
import LTCCore
import LTCSchemes

extension ProviderService {
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
        try perform("violation.record", subject: "institution:\(institution)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            guard try tx.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            let agreements = try tx.agreements().filter { $0.institution == institution }
            let schemeID = agreements.last?.schemeID
            guard let scheme = try tx.schemes().first(where: { $0.id == schemeID }) ?? tx.schemes().first(where: { $0.isInForce(on: asOf) }),
                  let rules = scheme.supervision else {
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
            if let caregiver, try !tx.caregivers().contains(where: { $0.institution == institution && $0.id == caregiver }) {
                throw CaseError(.notFound, "no caregiver \(caregiver) at \(institution)")
            }
            if let person, try tx.person(id: person) == nil { throw CaseError(.notFound, "no person \(person)") }

            var violation = Violation(id: 0, institution: institution, caregiver: caregiver, person: person, type: type, foundOn: foundOn,
                                      evidence: evidence, amount: amount, penalty: penaltyID, decidedOn: asOf, decidedBy: actor.description,
                                      credit: penalty.credit)
            switch penalty.effect {
            case .warning, .rectification:
                break
            case .refusal, .recovery:
                let damages = penalty.effect == .recovery ? (penalty.liquidatedDamages?.apply(to: amount) ?? .zero) : .zero
                violation.deducted = amount + damages
            case .suspension:
                let until = asOf.adding(days: (penalty.suspensionDays ?? 1) - 1)
                violation.suspendedUntil = until
                // A suspension with an end: the agreement covers nothing until then, and again after.
                for var agreement in agreements where agreement.status == .active {
                    agreement.suspensions.append(DatePeriod(from: asOf, to: until))
                    try tx.update(agreement)
                }
            case .termination:
                violation.barredUntil = asOf.adding(months: 12 * (penalty.barYears ?? 1))
                for var agreement in agreements where agreement.status != .terminated {
                    agreement.status = .terminated
                    agreement.terminatedOn = asOf
                    try tx.update(agreement)
                }
            }
            violation.id = try tx.insert(violation)
            if violation.deducted.fen > 0 {
                try tx.insert(SettlementAdjustment(institution: institution, logID: "violation \(violation.id)", serviceMonth: YearMonth(containing: foundOn),
                                                   amount: Money.zero - violation.deducted,
                                                   reason: "\(penalty.name.en) for \(type) (violation \(violation.id))"))
            }
            return (violation, nil, violation.json)
        }
    }

    public func violations() throws -> [Violation] {
        try store.readProviders { try $0.violations() }
    }

    /// The credit record of `institution:ID`, `caregiver:INSTITUTION/ID` or `person:ID` on a day.
    public func credit(of subject: String, asOf: CalendarDate) throws -> CreditRecord {
        try store.readProviders { tx in
            guard let rules = try tx.schemes().lazy.compactMap(\.supervision).first?.credit else {
                throw CaseError(.invalidScheme, "no loaded scheme has a supervision section")
            }
            let all = try tx.violations()
            let parts = subject.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CaseError(.invalidInput, "subject '\(subject)' is not institution:ID, caregiver:INSTITUTION/ID or person:ID") }
            let mine: [Violation]
            switch parts[0] {
            case "institution": mine = all.filter { $0.institution == parts[1] }
            case "caregiver": mine = all.filter { violation in violation.caregiver.map { "\(violation.institution)/\($0)" } == parts[1] }
            case "person": mine = all.filter { $0.person.map(String.init) == parts[1] }
            default: throw CaseError(.invalidInput, "subject '\(subject)' is not institution:ID, caregiver:INSTITUTION/ID or person:ID")
            }
            let good = parts[0] == "institution"
                ? try tx.supervisionRecords().filter { $0.institution == parts[1] && ($0.score ?? -1) >= rules.goodInspectionScore }
                : []
            return CreditRecord(subject: subject, violations: mine, goodInspections: good, rules: rules, asOf: asOf)
        }
    }
}

extension ProviderService {
    /// Assesses an institution's performance for a period (a quarter or a
    /// year) by the scheme's indicators: measured ones from the period's logs,
    /// care plans and violations, scored ones from `inspector` (indicator id →
    /// 0–100). The rating decides what was withheld from the period's
    /// statements: released on the next statement for a rating the scheme
    /// lists, kept otherwise. One assessment per institution and period.
    public func assessPerformance(institution: String, from: CalendarDate, to: CalendarDate, inspector: [String: Int],
                                  actor: Actor, asOf: CalendarDate) throws -> PerformanceAssessment {
        try perform("performance.assess", subject: "institution:\(institution)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            guard try tx.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard from <= to, to < asOf else { throw CaseError(.timing, "the period \(from) to \(to) must have ended before \(asOf)") }
            guard let rules = try tx.schemes().lazy.compactMap(\.supervision?.assessment).first else {
                throw CaseError(.invalidScheme, "no loaded scheme defines a performance assessment (supervision.assessment)")
            }
            if try tx.performanceAssessments().contains(where: { $0.institution == institution && $0.from == from && $0.to == to }) {
                throw CaseError(.duplicate, "\(institution) is already assessed for \(from) to \(to)")
            }
            var activity = try tx.activity(institution: institution, from: from, to: to, timelyDays: rules.timelyDays)
            activity.violations = try tx.violations().filter { $0.institution == institution && from <= $0.decidedOn && $0.decidedOn <= to }.count
            let records = try tx.supervisionRecords().filter { $0.institution == institution && from <= $0.date && $0.date <= to }
            activity.complaints = records.filter { $0.kind == .complaint }.count
            // Re-assessments of the institution's clients in the period: found lower than the grade in force?
            let clients = Set(try tx.enrolments().filter { $0.institution == institution && $0.period.from <= to && ($0.period.to ?? to) >= from }.map(\.caseID))
            for caseID in clients.sorted() {
                guard let record = try tx.caseRecord(id: caseID) else { continue }
                for assessment in try tx.assessments(caseID: caseID)
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
            for enrolment in try tx.enrolments() where enrolment.institution == institution {
                guard let weekly = enrolment.weeklyMinutes else { continue }
                let start = max(from, enrolment.period.from), end = min(to, enrolment.period.to ?? to)
                if start <= end { activity.plannedMinutes += weekly * (start.days(until: end) + 1) / 7 }
            }
            var result = try PerformanceAssessment(institution: institution, from: from, to: to, activity: activity, inspector: inspector, rules: rules)
            var withheld = Money.zero
            var month = YearMonth(containing: from)
            while month <= YearMonth(containing: to) {
                if let run = try tx.settlement(month: month), let statement = run.statements.first(where: { $0.institution == institution }) {
                    withheld = withheld + statement.withheld
                }
                month = month.adding(months: 1)
            }
            result.withheld = withheld
            result.released = rules.release.contains(result.rating)
            if result.released && withheld.fen > 0 {
                try tx.insert(SettlementAdjustment(institution: institution, logID: "assessment \(from)–\(to)", serviceMonth: YearMonth(containing: to),
                                                   amount: withheld, reason: "withholding released: rated \(result.rating) for \(from) to \(to)"))
            }
            try tx.insert(result)
            return (result, nil, result.json)
        }
    }

    /// Records an on-site inspection (with its score, 0–100) or a complaint.
    public func record(_ kind: SupervisionRecord.Kind, institution: String, date: CalendarDate, score: Int?, person: Int?, note: String,
                       actor: Actor, asOf: CalendarDate) throws -> SupervisionRecord {
        try perform("\(kind.rawValue).record", subject: "institution:\(institution)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            guard try tx.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard date <= asOf else { throw CaseError(.timing, "dated \(date), after today (\(asOf))") }
            guard !note.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the findings or the complaint") }
            switch kind {
            case .inspection:
                guard let score, (0...100).contains(score) else { throw CaseError(.invalidInput, "an inspection needs a score from 0 to 100") }
            case .complaint:
                guard score == nil else { throw CaseError(.invalidInput, "a complaint has no score") }
            }
            if let person, try tx.person(id: person) == nil { throw CaseError(.notFound, "no person \(person)") }
            var record = SupervisionRecord(id: 0, kind: kind, institution: institution, date: date, score: score, person: person,
                                           note: note, recordedBy: actor.description)
            record.id = try tx.insert(record)
            return (record, nil, record.json)
        }
    }

    public func supervisionRecords() throws -> [SupervisionRecord] {
        try store.readProviders { try $0.supervisionRecords() }
    }

    public func performanceAssessments() throws -> [PerformanceAssessment] {
        try store.readProviders { try $0.performanceAssessments() }
    }
}
