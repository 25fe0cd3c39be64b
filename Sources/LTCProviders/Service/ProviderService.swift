import Foundation
import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// The designated-institution side of the scheme: the registry, agreements,
/// caregivers, enrolments, service-log intake and monthly settlement. Every
/// change is one transaction with its audit event, as in ``CaseService``.
///
/// ```swift
/// let providers = ProviderService(store: store)
/// let report = try providers.submit(bytes, actor: Actor("institution:I001")!, asOf: day)
/// let run = try providers.settle(month: YearMonth("2026-03")!, actor: admin, asOf: day)
/// ```
public struct ProviderService {
    public let store: any ProviderStore

    public init(store: any ProviderStore) {
        self.store = store
    }

    // MARK: Registry

    public func register(_ institution: Institution, actor: Actor, asOf: CalendarDate) throws -> Institution {
        try perform("institution.register", subject: "institution:\(institution.id)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            if try tx.institution(id: institution.id) != nil {
                throw CaseError(.duplicate, "institution \(institution.id) is already registered")
            }
            try tx.insert(institution)
            return (institution, nil, institution.json)
        }
    }

    public func institutions() throws -> [Institution] {
        try store.readProviders { try $0.institutions() }
    }

    // MARK: Agreements

    /// An institution applies for designation under a scheme with proposed terms.
    public func applyForAgreement(institution: String, schemeID: String, start: CalendarDate, end: CalendarDate,
                                  modes: [String], prices: [String: Money], capacity: Int,
                                  actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try perform("agreement.apply", subject: "institution:\(institution)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            guard try tx.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard let scheme = try tx.schemes().first(where: { $0.id == schemeID }), let benefits = scheme.benefits else {
                throw CaseError(.notFound, "no scheme '\(schemeID)' with benefits is loaded")
            }
            guard start <= end else { throw CaseError(.invalidInput, "the term ends \(end), before it starts \(start)") }
            for mode in modes where benefits.mode(mode) == nil {
                throw CaseError(.invalidInput, "mode '\(mode)' is not a mode of scheme \(schemeID); its modes: \(benefits.modes.map(\.id).joined(separator: ", "))")
            }
            for (code, price) in prices {
                guard let item = benefits.item(code) else {
                    throw CaseError(.invalidInput, "item '\(code)' is not in the catalogue of scheme \(schemeID)")
                }
                guard price.fen > 0, price <= item.price else {
                    throw CaseError(.invalidInput, "the price of \(code), \(price), must be above 0 and at most the catalogue price \(item.price)")
                }
            }
            guard capacity >= 0 else { throw CaseError(.invalidInput, "capacity must not be negative") }
            let violations = try tx.violations().filter { $0.institution == institution }
            if let bar = violations.compactMap(\.barredUntil).max(), asOf <= bar {
                throw CaseError(.forbidden, "\(institution) may not apply again until \(bar.adding(days: 1)) (agreement terminated for a violation)")
            }
            if let rules = scheme.supervision?.credit {
                let good = try tx.supervisionRecords().filter { $0.institution == institution && ($0.score ?? -1) >= rules.goodInspectionScore }
                let credit = CreditRecord(subject: "institution:\(institution)", violations: violations, goodInspections: good, rules: rules, asOf: asOf)
                if credit.barred {
                    throw CaseError(.forbidden, "\(institution)'s credit score \(credit.score) is below \(rules.barLine), the line for designation")
                }
            }
            let count = try tx.agreements().filter { $0.institution == institution }.count
            let terms = Agreement.Terms(version: 1, effectiveFrom: start, start: start, end: end, modes: modes, prices: prices, capacity: capacity)
            let agreement = Agreement(id: "AG-\(institution)-\(count + 1)", institution: institution, schemeID: schemeID, terms: terms)
            try tx.insert(agreement)
            return (agreement, nil, agreement.json)
        }
    }

    /// The agency reviews an application.
    public func review(agreement id: String, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.review", actor: actor, asOf: asOf, from: [.applied]) { agreement in
            agreement.status = .reviewed
        }
    }

    /// Signing puts the agreement in force from its start (or the signing day, if later).
    public func sign(agreement id: String, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.sign", actor: actor, asOf: asOf, from: [.reviewed]) { agreement in
            agreement.status = .active
            agreement.signedOn = asOf
            agreement.versions[0].effectiveFrom = max(asOf, agreement.versions[0].start)
        }
    }

    /// A new version of the terms from `effectiveFrom`; earlier days keep the earlier version.
    public func amend(agreement id: String, effectiveFrom: CalendarDate, end: CalendarDate?, modes: [String]?,
                      prices: [String: Money]?, capacity: Int?, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.amend", actor: actor, asOf: asOf, from: [.active, .suspended]) { agreement in
            var terms = agreement.current
            guard effectiveFrom > terms.effectiveFrom else {
                throw CaseError(.timing, "an amendment must take effect after the current version's \(terms.effectiveFrom)")
            }
            terms.version += 1
            terms.effectiveFrom = effectiveFrom
            if let end { terms.end = end }
            if let modes { terms.modes = modes }
            if let prices { terms.prices = prices }
            if let capacity { terms.capacity = capacity }
            guard terms.start <= terms.end else { throw CaseError(.invalidInput, "the term would end \(terms.end), before it starts \(terms.start)") }
            agreement.versions.append(terms)
        }
    }

    public func suspend(agreement id: String, from: CalendarDate, reason: String, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.suspend", actor: actor, asOf: asOf, reason: reason, from: [.active]) { agreement in
            agreement.status = .suspended
            agreement.suspensions.append(DatePeriod(from: from, to: nil))
        }
    }

    /// Ends a suspension: the agreement covers again from `on`.
    public func resume(agreement id: String, on day: CalendarDate, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.resume", actor: actor, asOf: asOf, from: [.suspended]) { agreement in
            let last = agreement.suspensions.count - 1
            guard day > agreement.suspensions[last].from else {
                throw CaseError(.timing, "resume on \(day) is not after the suspension began (\(agreement.suspensions[last].from))")
            }
            agreement.suspensions[last].to = day.adding(days: -1)
            agreement.status = .active
        }
    }

    /// The agreement covers nothing after `on`.
    public func terminate(agreement id: String, on day: CalendarDate, reason: String, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.terminate", actor: actor, asOf: asOf, reason: reason, from: [.applied, .reviewed, .active, .suspended]) { agreement in
            agreement.status = .terminated
            agreement.terminatedOn = day
        }
    }

    public func agreements() throws -> [Agreement] {
        try store.readProviders { try $0.agreements() }
    }

    private func change(_ id: String, _ action: String, actor: Actor, asOf: CalendarDate, reason: String? = nil,
                        from allowed: [Agreement.Status], _ body: (inout Agreement) throws -> Void) throws -> Agreement {
        try perform(action, subject: "agreement:\(id)", actor: actor, asOf: asOf, reason: reason) { tx in
            try require(actor, .administrator)
            guard var agreement = try tx.agreement(id: id) else { throw CaseError(.notFound, "no agreement \(id)") }
            guard allowed.contains(agreement.status) else {
                throw CaseError(.transitionNotAllowed, "agreement \(id) is \(agreement.status.rawValue); \(action) needs \(allowed.map(\.rawValue).joined(separator: " or "))")
            }
            let before = agreement.json
            try body(&agreement)
            try tx.update(agreement)
            return (agreement, before, agreement.json)
        }
    }

    // MARK: Caregivers and enrolments

    public func register(_ caregiver: Caregiver, actor: Actor, asOf: CalendarDate) throws -> Caregiver {
        try perform("caregiver.register", subject: "caregiver:\(caregiver.institution)/\(caregiver.id)", actor: actor, asOf: asOf) { tx in
            try requireAdministratorOr(institution: caregiver.institution, actor)
            guard try tx.institution(id: caregiver.institution) != nil else { throw CaseError(.notFound, "no institution \(caregiver.institution)") }
            for name in caregiver.qualifications where !Qualification.isKnown(name) {
                throw CaseError(.invalidInput, "unknown qualification '\(name)'; known: \(Qualification.all.joined(separator: ", "))")
            }
            guard !caregiver.employment.isEmpty else { throw CaseError(.invalidInput, "give at least one employment period") }
            try tx.upsert(caregiver)
            return (caregiver, nil, caregiver.json)
        }
    }

    /// Enrols a case's beneficiary with an institution in a mode; the care
    /// plan is the weekly quantity of the grade's package in that mode.
    public func enrol(caseID: Int, institution: String, mode: String, from: CalendarDate, home: GeoPoint?,
                      actor: Actor, asOf: CalendarDate) throws -> Enrolment {
        try perform("enrolment.add", subject: "case:\(caseID)", actor: actor, asOf: asOf) { tx in
            try require(actor, .administrator)
            guard let record = try tx.caseRecord(id: caseID) else { throw CaseError(.notFound, "no case \(caseID)") }
            guard try tx.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            guard let scheme = try tx.schemes().first(where: { $0.id == record.schemeID }), let benefits = scheme.benefits,
                  benefits.mode(mode) != nil else {
                throw CaseError(.invalidInput, "mode '\(mode)' is not a mode of the case's scheme \(record.schemeID)")
            }
            guard let determination = record.determination(on: from) ?? record.determination else {
                throw CaseError(.transitionNotAllowed, "case \(caseID) has no grade to plan care for")
            }
            let rule = benefits.rule(grade: determination.grade, mode: mode)
            var weeklyMinutes: Int?, weeklyVisits: Int?
            if case .perWeek(let quantity)? = rule?.quantity {
                if rule?.pricing == .hourly { weeklyMinutes = quantity * 60 }
                if rule?.pricing == .visit { weeklyVisits = quantity }
            }
            let enrolments = try tx.enrolments()
            if let open = enrolments.first(where: { $0.caseID == caseID && $0.institution == institution && $0.mode == mode && $0.period.to == nil }) {
                throw CaseError(.duplicate, "case \(caseID) is already enrolled with \(institution) in \(mode) (enrolment \(open.id))")
            }
            var enrolment = Enrolment(id: 0, caseID: caseID, personID: record.personID, institution: institution, mode: mode,
                                      period: DatePeriod(from: from, to: nil), weeklyMinutes: weeklyMinutes, weeklyVisits: weeklyVisits, home: home)
            enrolment.id = try tx.insert(enrolment)
            return (enrolment, nil, enrolment.json)
        }
    }

    public func enrolments() throws -> [Enrolment] {
        try store.readProviders { try $0.enrolments() }
    }

    // MARK: Helpers

    func perform<T>(_ action: String, subject: String, actor: Actor, asOf: CalendarDate, reason: String? = nil,
                    _ body: (any ProviderStoreWriter) throws -> (T, JSONValue?, JSONValue?)) throws -> T {
        do {
            return try store.writeProviders { tx in
                let (result, before, after) = try body(tx)
                try tx.append(AuditEvent(sequence: 0, recordedAt: Self.now(), asOf: asOf, actor: actor.description, subject: subject,
                                         action: action, outcome: .done, reason: reason, before: before, after: after))
                return result
            }
        } catch let error as any LTCError where !(error is StorageFailure) {
            try store.writeProviders { tx in
                try tx.append(AuditEvent(sequence: 0, recordedAt: Self.now(), asOf: asOf, actor: actor.description, subject: subject,
                                         action: action, outcome: .refused, reason: error.description, before: nil, after: nil))
            }
            throw error
        }
    }

    func require(_ actor: Actor, _ role: Actor.Role) throws(CaseError) {
        guard actor.role == role else {
            throw CaseError(.forbidden, "\(actor) may not do this: it needs the \(role.rawValue) role",
                            details: ["actor": .string(actor.description), "required": .string(role.rawValue)])
        }
    }

    /// Administrators act for every institution; an institution only for itself.
    func requireAdministratorOr(institution: String, _ actor: Actor) throws(CaseError) {
        guard actor.role == .administrator || (actor.role == .institution && actor.id == institution) else {
            throw CaseError(.forbidden, "\(actor) may not act for institution \(institution)")
        }
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
