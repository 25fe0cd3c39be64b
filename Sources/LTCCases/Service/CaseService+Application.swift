import LTCAssessment
import LTCCore
import LTCSchemes

/// The application and its acceptance review: the materials, the waiting
/// period, the eligibility rules and their coded grounds.
extension CaseService {
    /// Accepts an application (申请) under the scheme in force on the date,
    /// with the materials it came with (ids of the scheme's list) and, when
    /// someone applies for the person, who and how related.
    public func open(personID: Int, disabledSince: CalendarDate, institution: String?, schemeID: String?,
                     materials: [String] = [], agent: ApplyingAgent? = nil, actor: Actor, asOf: CalendarDate?) throws -> Case {
        let (scheme, date) = try store.read { tx in
            let date = try choice.day(asOf, in: tx.schemes)
            return (try choice.scheme(id: schemeID, on: date, in: tx.schemes), date)
        }
        let operation = Operation("case.open", subject: "person:\(personID)", actor: actor, asOf: date)
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .transition(Lifecycle.opening))
            guard scheme.isInForce(on: date) else {
                throw CaseError(.noSchemeInForce, "scheme '\(scheme.id)' is not in force on \(date) (\(scheme.effectiveFrom) to \(scheme.effectiveTo))")
            }
            guard let person = try tx.people.person(id: personID) else { throw CaseError(.notFound, "no person \(personID)") }
            // A death is final: no application is accepted for the person, rather than one refused later at the check (A01).
            guard person.status != .deceased else {
                throw CaseError(.invalidInput, "person \(person.id) is recorded as deceased: not accepted, \(NonAcceptanceGround.notInsured.rawValue)",
                                details: ["ground": .string(NonAcceptanceGround.notInsured.rawValue)])
            }
            guard disabledSince <= date else { throw CaseError(.invalidInput, "disabled since \(disabledSince) is after the application date \(date)") }
            if let open = try tx.cases.openCase(person: person.id) {
                throw CaseError(.duplicate, "person \(person.id) already has open case \(open.id) (\(open.state.rawValue)): not accepted, \(NonAcceptanceGround.caseOpen.rawValue)",
                                details: ["ground": .string(NonAcceptanceGround.caseOpen.rawValue)])
            }
            let known = Set(scheme.eligibility.materials.map(\.id))
            for material in materials where !known.contains(material) {
                throw CaseError(.invalidInput, "'\(material)' is not a material of scheme '\(scheme.id)'; its list: \(known.sorted().joined(separator: ", "))")
            }
            if let agent {
                guard !agent.name.allSatisfy(\.isWhitespace), !agent.relationship.allSatisfy(\.isWhitespace) else {
                    throw CaseError(.invalidInput, "an agent applying for the person needs a name and the relationship")
                }
                try PlainText.require(agent.name, "agent name")
                try PlainText.require(agent.relationship, "agent relationship")
            }
            var record = Case(id: 0, personID: person.id, schemeID: scheme.id, institution: institution, state: .applied,
                              openedOn: date, disabledSince: disabledSince)
            record.insured = person.group
            record.materials = Array(Set(materials)).sorted()
            record.agent = agent
            record.id = try tx.cases.insert(record)
            return Outcome(record, subject: "case:\(record.id)", after: record.json)
        }
    }

    /// The acceptance review: every eligibility rule of the scheme, each passed or failed.
    public func check(caseID: Int, actor: Actor, asOf: CalendarDate?) throws -> Case {
        try change(.check, caseID: caseID, actor: actor, asOf: asOf) { record, scheme, date, tx in
            guard let person = try tx.people.person(id: record.personID) else { throw CaseError(.notFound, "no person \(record.personID)") }
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
            ] + Self.materialsRule(record, rules) + (try Self.waitingRule(record, rules, scheme: scheme, on: date, in: tx)))
            record.eligibility = decision
            record.state = decision.passed ? .eligible : .rejected
            // Accepted: the on-site visit is due within the scheme's working days (or, without one, the conclusion).
            record.deadline = decision.passed ? (Self.deadline(.visit, for: record, scheme: scheme) ?? Self.deadline(.conclusion, for: record, scheme: scheme)) : nil
            if !decision.passed {
                record.closedReason = "ineligible: " + decision.rules.filter { !$0.passed }.map(\.id).joined(separator: ", ")
                    + " (not accepted: " + decision.grounds.map(\.rawValue).joined(separator: ", ") + ")"
            }
        }
    }

    /// The application's materials against the scheme's list, where it has one.
    static func materialsRule(_ record: Case, _ rules: Scheme.Eligibility) -> [EligibilityDecision.Rule] {
        guard !rules.materials.isEmpty else { return [] }
        let missing = rules.materials.filter { !record.materials.contains($0.id) }
        return [.init(id: "materials", requirement: "materials: \(rules.materials.map { "\($0.id) (\($0.name.zh))" }.joined(separator: ", "))",
                      found: missing.isEmpty ? "all given" : "missing " + missing.map(\.id).joined(separator: ", "), passed: missing.isEmpty)]
    }

    /// The waiting period after the person's last refusal or grade below the
    /// minimum, where the scheme sets one: the day of that decision and the
    /// scheme's months after it. A refusal for the waiting period alone does
    /// not start it again.
    static func waitingRule(_ record: Case, _ rules: Scheme.Eligibility, scheme: Scheme, on date: CalendarDate,
                            in tx: any CaseTransaction) throws -> [EligibilityDecision.Rule] {
        guard rules.waitingMonths > 0 else { return [] }
        var last: CalendarDate?
        for earlier in try tx.cases.cases(person: record.personID) where earlier.id != record.id {
            var days: [CalendarDate] = []
            if earlier.state == .rejected, let decision = earlier.eligibility, !decision.passed,
               decision.grounds.contains(where: { $0 != .waitingPeriod }) {
                days.append(decision.checkedOn)
            }
            for decided in [earlier.determination].compactMap({ $0 }) + earlier.pastDeterminations
            where decided.grade < scheme.assessment.minimumGrade {
                days.append(decided.decidedOn)
            }
            if let latest = days.max(), latest > (last ?? latest.adding(days: -1)) { last = latest }
        }
        guard let last else {
            return [.init(id: "waitingPeriod", requirement: "\(rules.waitingMonths) months after a refusal or a low grade", found: "none before", passed: true)]
        }
        let until = last.adding(months: rules.waitingMonths)
        return [.init(id: "waitingPeriod", requirement: "\(rules.waitingMonths) months after a refusal or a low grade",
                      found: "the last on \(last); may apply again from \(until)", passed: date >= until)]
    }
}
