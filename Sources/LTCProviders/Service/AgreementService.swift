import LTCCases
import LTCCore
import LTCSchemes

/// Designated institutions: the registry, designation agreements (apply →
/// review → sign, then amend, suspend, resume, terminate), caregivers and
/// enrolments. Every change is one audited transaction (``UnitOfWork``).
///
/// ```swift
/// let agreements = AgreementService(store: store, clock: SystemClock())
/// let applied = try agreements.applyForAgreement(institution: "I001", schemeID: "hours-home-care-2026", start: from, end: to,
///                                                 modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], capacity: 100,
///                                                 actor: admin, asOf: day)
/// ```
public struct AgreementService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    // MARK: Registry

    public func register(_ institution: Institution, actor: Actor, asOf: CalendarDate) throws -> Institution {
        try work.change(Operation("institution.register", subject: "institution:\(institution.id)", actor: actor, asOf: asOf),
                        on: store.transactions) { tx in
            try Access.require(actor, .manageInstitutions)
            try PlainText.require(institution.id, "institution id", as: .id)
            for (field, text) in [("name", institution.name), ("licence", institution.licence), ("address", institution.address),
                                  ("district", institution.district), ("contact", institution.contact)] {
                try PlainText.require(text, field)
            }
            if try tx.institutions.institution(id: institution.id) != nil {
                throw CaseError(.duplicate, "institution \(institution.id) is already registered")
            }
            if let principal = institution.principal {
                try SupervisionService.requireNotBarred(principal, as: "the principal of \(institution.id)", on: asOf, in: tx)
            }
            try tx.institutions.insert(institution)
            return Outcome(institution, after: institution.json)
        }
    }

    /// Registered institutions by id, a page at a time.
    public func institutions(page: PageRequest<String>) throws -> Page<Institution, String> {
        try store.read { try $0.institutions.list(page: page) }
    }

    // MARK: Agreements

    /// An institution applies for designation under a scheme with proposed terms.
    /// - Parameter facts: what the provider declares for the scheme's admission criteria, checked at review.
    public func applyForAgreement(institution: String, schemeID: String, start: CalendarDate, end: CalendarDate,
                                  modes: [String], prices: [String: Money], capacity: Int, facts: AdmissionFacts? = nil,
                                  actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try work.change(Operation("agreement.apply", subject: "institution:\(institution)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .manageInstitutions)
            guard let registered = try tx.institutions.institution(id: institution) else { throw CaseError(.notFound, "no institution \(institution)") }
            if registered.type == .assessmentAgency, !modes.isEmpty || !prices.isEmpty {
                throw CaseError(.invalidInput, "\(institution) is an assessment agency: its agreement covers assessments, not care modes or prices")
            }
            if registered.type != .assessmentAgency, modes.isEmpty {
                throw CaseError(.invalidInput, "a care institution's agreement covers at least one mode of the scheme")
            }
            guard let scheme = try tx.schemes.scheme(id: schemeID), let benefits = scheme.benefits else {
                throw CaseError(.notFound, "no scheme '\(schemeID)' with benefits is loaded")
            }
            try Agreement.Terms(version: 1, effectiveFrom: start, start: start, end: end, modes: modes, prices: prices, capacity: capacity)
                .validate(under: benefits, schemeID: schemeID)
            if let principal = registered.principal {
                try SupervisionService.requireNotBarred(principal, as: "the principal of \(institution)", on: asOf, in: tx)
            }
            if let bar = try tx.supervision.violations(institution: institution).compactMap(\.barredUntil).max(), asOf <= bar {
                throw CaseError(.forbidden, "\(institution) may not apply again until \(bar.adding(days: 1)) (agreement terminated for a violation)")
            }
            if let rules = scheme.supervision?.credit {
                let credit = try CreditRecord.institution(institution, asOf: asOf, rules: rules, in: tx)
                if credit.barred {
                    throw CaseError(.forbidden, "\(institution)'s credit score \(credit.score) is below \(rules.barLine), the line for designation")
                }
            }
            let count = try tx.agreements.agreements(institution: institution).count
            let terms = Agreement.Terms(version: 1, effectiveFrom: start, start: start, end: end, modes: modes, prices: prices, capacity: capacity)
            var agreement = Agreement(id: "AG-\(institution)-\(count + 1)", institution: institution, schemeID: schemeID, terms: terms)
            agreement.facts = facts
            try tx.agreements.insert(agreement)
            return Outcome(agreement, after: agreement.json)
        }
    }

    /// The agency reviews an application.
    /// The review checks the scheme's admission criteria, where it sets
    /// them, against what the provider declared and the violations on
    /// record: met, the agreement is reviewed (ready to sign); not met, it is
    /// refused, with each criterion that failed.
    public func review(agreement id: String, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.review", actor: actor, asOf: asOf, from: [.applied]) { agreement, tx in
            agreement.status = .reviewed
            // The admission criteria are a care provider's; an assessment agency is reviewed on its application.
            guard try tx.institutions.institution(id: agreement.institution)?.type != .assessmentAgency,
                  let rules = try tx.schemes.scheme(id: agreement.schemeID)?.admission else { return }
            guard let facts = agreement.facts else {
                agreement.status = .refused
                agreement.refusal = ["no admission facts were given with the application"]
                return
            }
            let benefits = try tx.schemes.scheme(id: agreement.schemeID)?.benefits
            let institutional = agreement.current.modes.contains { benefits?.mode($0)?.delivery == .institution }
            let since = asOf.adding(months: -12 * rules.cleanYears)
            let recent = try tx.supervision.violations(institution: agreement.institution).filter { $0.foundOn >= since && $0.foundOn <= asOf }.count
            let failures = facts.failures(of: rules, institutional: institutional, violationsInCleanYears: recent)
            if !failures.isEmpty {
                agreement.status = .refused
                agreement.refusal = failures
            }
        }
    }

    /// Signing puts the agreement in force from its start (or the signing day, if later).
    public func sign(agreement id: String, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.sign", actor: actor, asOf: asOf, from: [.reviewed]) { agreement, _ in
            agreement.status = .active
            agreement.signedOn = asOf
            agreement.versions[0].effectiveFrom = max(asOf, agreement.versions[0].start)
        }
    }

    /// A new version of the terms from `effectiveFrom`; earlier days keep the earlier version.
    public func amend(agreement id: String, effectiveFrom: CalendarDate, end: CalendarDate?, modes: [String]?,
                      prices: [String: Money]?, capacity: Int?, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.amend", actor: actor, asOf: asOf, from: [.active, .suspended]) { agreement, tx in
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
            // An amendment is checked exactly as an application is.
            guard let benefits = try tx.schemes.scheme(id: agreement.schemeID)?.benefits else {
                throw CaseError(.notFound, "no scheme '\(agreement.schemeID)' with benefits is loaded")
            }
            try terms.validate(under: benefits, schemeID: agreement.schemeID)
            agreement.versions.append(terms)
        }
    }

    /// - Parameter ground: why; a provider's own request (`voluntary`) needs
    ///   ``ExitGround/noticeMonths`` of notice before `from`.
    public func suspend(agreement id: String, from: CalendarDate, reason: String, ground: ExitGround = .other,
                        actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.suspend", actor: actor, asOf: asOf, reason: reason, from: [.active]) { agreement, _ in
            try Self.requireNotice(ground, from: from, asOf: asOf, what: "a suspension")
            agreement.status = .suspended
            agreement.exitGround = ground
            agreement.suspensions.append(DatePeriod(from: from, to: nil))
        }
    }

    /// A provider's own suspension, termination or non-renewal is given
    /// ``ExitGround/noticeMonths`` months ahead (医保办发〔2024〕21号).
    static func requireNotice(_ ground: ExitGround, from day: CalendarDate, asOf: CalendarDate, what: String) throws(CaseError) {
        guard ground.byProvider else { return }
        let earliest = asOf.adding(months: ExitGround.noticeMonths)
        guard day >= earliest else {
            throw CaseError(.timing, "\(what) the provider asks for needs \(ExitGround.noticeMonths) months' notice: from \(earliest) at the earliest, not \(day)")
        }
    }

    /// Ends a suspension: the agreement covers again from `on`.
    public func resume(agreement id: String, on day: CalendarDate, actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.resume", actor: actor, asOf: asOf, from: [.suspended]) { agreement, _ in
            let last = agreement.suspensions.count - 1
            guard day > agreement.suspensions[last].from else {
                throw CaseError(.timing, "resume on \(day) is not after the suspension began (\(agreement.suspensions[last].from))")
            }
            agreement.suspensions[last].to = day.adding(days: -1)
            agreement.status = .active
        }
    }

    /// The agreement covers nothing after `on`.
    /// - Parameter ground: why; a provider's own termination or
    ///   non-renewal needs ``ExitGround/noticeMonths`` of notice before `day`'s end.
    public func terminate(agreement id: String, on day: CalendarDate, reason: String, ground: ExitGround = .other,
                          actor: Actor, asOf: CalendarDate) throws -> Agreement {
        try change(id, "agreement.terminate", actor: actor, asOf: asOf, reason: reason, from: [.applied, .reviewed, .active, .suspended]) { agreement, _ in
            if agreement.status == .active || agreement.status == .suspended {
                try Self.requireNotice(ground, from: day.adding(days: 1), asOf: asOf, what: "an end")
            }
            agreement.status = .terminated
            agreement.exitGround = ground
            agreement.terminatedOn = day
        }
    }

    /// Suspended and terminated providers, published (公布) for everyone
    /// registered: each institution's agreements that are suspended or ended, a page of agreements at a time.
    public func exits(page: PageRequest<String>) throws -> Page<Agreement, String> {
        let listed = try store.read { try $0.agreements.list(institution: nil, page: page) }
        return Page(items: listed.items.filter { $0.status == .suspended || $0.status == .terminated }, next: listed.next)
    }

    /// Moves an institution's clients enrolled on `day` to another
    /// institution from that day, in the same modes, without a gap: each
    /// enrolment ends the day before and a new one starts on `day` (the new
    /// agreement's modes and capacity are checked as for any enrolment).
    /// All move, or none.
    public func transferClients(from source: String, to target: String, on day: CalendarDate, actor: Actor, asOf: CalendarDate) throws -> [Enrolment] {
        try work.change(Operation("enrolment.transfer", subject: "institution:\(source)", actor: actor, asOf: asOf, reason: "to \(target) from \(day)"),
                        on: store.transactions) { tx in
            try Access.require(actor, .manageInstitutions)
            guard source != target else { throw CaseError(.invalidInput, "a transfer needs another institution") }
            guard try tx.institutions.institution(id: target) != nil else { throw CaseError(.notFound, "no institution \(target)") }
            let moving = try tx.enrolments.enrolments(institution: source, from: day, to: day).filter { $0.period.contains(day) }
            var moved: [Enrolment] = []
            let covering = try tx.agreements.agreements(institution: target).compactMap { $0.terms(coveringDay: day) }
            for var old in moving {
                guard covering.contains(where: { $0.modes.contains(old.mode) }) else {
                    throw CaseError(.transitionNotAllowed, "\(target) has no agreement covering \(old.mode) on \(day): case \(old.caseID) cannot move there")
                }
                guard old.period.from < day else {
                    throw CaseError(.invalidInput, "enrolment \(old.id) starts on \(old.period.from): enrol case \(old.caseID) with \(target) instead")
                }
                old.period.to = day.adding(days: -1)
                try tx.enrolments.update(old)
                moved.append(try Self.enrol(caseID: old.caseID, institution: target, mode: old.mode, from: day, home: old.home, in: tx))
            }
            return Outcome(moved, after: ["from": .string(source), "to": .string(target), "on": .string(day.description),
                                          "enrolments": .array(moved.map { .integer($0.id) })])
        }
    }

    /// Agreements by id, optionally of one institution, a page at a time.
    public func agreements(institution: String? = nil, actor: Actor, page: PageRequest<String>) throws -> Page<Agreement, String> {
        try Self.listing(Access.reach(actor, asking: institution)) { reach in try store.read { try $0.agreements.list(institution: reach, page: page) } }
    }

    /// One agreement, for an actor who may read its institution's.
    public func agreement(id: String, actor: Actor) throws -> Agreement {
        guard let agreement = try store.read({ try $0.agreements.agreement(id: id) }) else { throw CaseError.notYours("agreement \(id)", refused: false) }
        try Access.requireReadable(actor, institution: agreement.institution, "agreement \(id)")
        return agreement
    }

    /// A page of a listing of institution records as `reach` allows: `read`
    /// with the institution to list (nil: all), or nothing at all.
    static func listing<Item, Cursor>(_ reach: InstitutionReach, _ read: (String?) throws -> Page<Item, Cursor>) rethrows -> Page<Item, Cursor> {
        switch reach {
        case .every: try read(nil)
        case .one(let institution): try read(institution)
        case .none: Page(items: [], next: nil)
        }
    }

    private func change(_ id: String, _ action: String, actor: Actor, asOf: CalendarDate, reason: String? = nil,
                        from allowed: [Agreement.Status], _ body: (inout Agreement, any ProviderTransaction) throws -> Void) throws -> Agreement {
        try work.change(Operation(action, subject: "agreement:\(id)", actor: actor, asOf: asOf, reason: reason), on: store.transactions) { tx in
            try Access.require(actor, .manageInstitutions)
            guard var agreement = try tx.agreements.agreement(id: id) else { throw CaseError(.notFound, "no agreement \(id)") }
            guard allowed.contains(agreement.status) else {
                // A refused agreement says why it was refused, whatever is asked of it next.
                let why = agreement.status == .refused && !agreement.refusal.isEmpty
                    ? " at review: " + agreement.refusal.joined(separator: "; ") + "; the institution applies again (ltc agreement apply, with --facts)" : ""
                throw CaseError(.transitionNotAllowed, "agreement \(id) is \(agreement.status.rawValue)\(why); \(action) needs \(allowed.map(\.rawValue).joined(separator: " or "))",
                                details: agreement.refusal.isEmpty ? [:] : ["refusal": .array(agreement.refusal.map { .string($0) })])
            }
            let before = agreement.json
            try body(&agreement, tx)
            try tx.agreements.update(agreement)
            return Outcome(agreement, before: before, after: agreement.json)
        }
    }

    // MARK: Caregivers and enrolments

    public func register(_ caregiver: Caregiver, actor: Actor, asOf: CalendarDate) throws -> Caregiver {
        let operation = Operation("caregiver.register", subject: "caregiver:\(caregiver.institution)/\(caregiver.id)", actor: actor, asOf: asOf)
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .actFor(institution: caregiver.institution))
            guard try tx.institutions.institution(id: caregiver.institution) != nil else { throw CaseError(.notFound, "no institution \(caregiver.institution)") }
            try PlainText.require(caregiver.id, "caregiver id", as: .id)
            try PlainText.require(caregiver.name, "name")
            for name in caregiver.qualifications where !Qualification.isKnown(name) {
                throw CaseError(.invalidInput, "unknown qualification '\(name)'; known: \(Qualification.all.joined(separator: ", "))")
            }
            guard !caregiver.employment.isEmpty else { throw CaseError(.invalidInput, "give at least one employment period") }
            if let nationalID = caregiver.nationalID {
                try SupervisionService.requireNotBarred(nationalID, as: "a caregiver", on: asOf, periods: caregiver.employment, in: tx)
            }
            try tx.caregivers.upsert(caregiver)
            return Outcome(caregiver, after: caregiver.json)
        }
    }

    /// Enrols a case's beneficiary with an institution in a mode; the care
    /// plan is the weekly quantity of the grade's package in that mode.
    public func enrol(caseID: Int, institution: String, mode: String, from: CalendarDate, home: GeoPoint?,
                      actor: Actor, asOf: CalendarDate) throws -> Enrolment {
        try work.change(Operation("enrolment.add", subject: "case:\(caseID)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .manageInstitutions)
            let enrolment = try Self.enrol(caseID: caseID, institution: institution, mode: mode, from: from, home: home, in: tx)
            return Outcome(enrolment, after: enrolment.json)
        }
    }

    /// An enrolment checked and stored in `tx`: the case's grade and scheme,
    /// the mode, no second open enrolment, and the agreement's capacity.
    static func enrol(caseID: Int, institution: String, mode: String, from: CalendarDate, home: GeoPoint?,
                      in tx: any ProviderTransaction) throws -> Enrolment {
        guard let record = try tx.cases.caseRecord(id: caseID) else { throw CaseError(.notFound, "no case \(caseID)") }
        guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
        guard let scheme = try tx.schemes.scheme(id: record.schemeID), let benefits = scheme.benefits,
              benefits.mode(mode) != nil else {
            throw CaseError(.invalidInput, "mode '\(mode)' is not a mode of the case's scheme \(record.schemeID)")
        }
        guard let determination = record.determination(on: from) ?? record.determination else {
            throw CaseError(.transitionNotAllowed, "case \(caseID) has no grade to plan care for")
        }
        // Every log of an enrolment in a mode the case has not chosen would be rejected (B02, E01): refused now instead. A mode
        // chosen to take effect later (a change from the next month) is chosen: the enrolment may start before it.
        let chosen = record.mode(on: from)
        guard chosen == mode || record.modes.contains(where: { $0.from > from && $0.mode == mode }) else {
            guard let chosen else {
                throw CaseError(.transitionNotAllowed, "case \(caseID) has no service mode chosen on \(from): choose one first (ltc case mode \(caseID) --mode \(mode))")
            }
            throw CaseError(.transitionNotAllowed, "case \(caseID)'s service mode on \(from) is \(chosen), not \(mode): enrol it in \(chosen), or change its mode first (ltc case mode)",
                            details: ["mode": .string(chosen)])
        }
        let rule = benefits.rule(grade: determination.grade, mode: mode, insured: record.insured)
        var weeklyMinutes: Int?, weeklyVisits: Int?
        if case .perWeek(let quantity)? = rule?.quantity {
            if rule?.pricing == .hourly { weeklyMinutes = quantity * 60 }
            if rule?.pricing == .visit { weeklyVisits = quantity }
        }
        if let open = try tx.enrolments.openEnrolment(caseID: caseID, institution: institution, mode: mode) {
            throw CaseError(.duplicate, "case \(caseID) is already enrolled with \(institution) in \(mode) (enrolment \(open.id))")
        }
        // The agreement's capacity: clients enrolled at once in the modes it covers (agreements.md, 协议内容).
        if let (agreement, terms) = try tx.agreements.agreements(institution: institution).lazy
            .compactMap({ agreement in agreement.terms(coveringDay: from).map { (agreement, $0) } })
            .first(where: { $0.1.modes.contains(mode) }) {
            let enrolled = try tx.enrolments.enrolments(institution: institution, from: from, to: from).filter { terms.modes.contains($0.mode) }.count
            guard enrolled < terms.capacity else {
                throw CaseError(.transitionNotAllowed, "\(institution) has \(enrolled) clients enrolled on \(from), the capacity of agreement \(agreement.id)")
            }
        }
        var enrolment = Enrolment(id: 0, caseID: caseID, personID: record.personID, institution: institution, mode: mode,
                                  period: DatePeriod(from: from, to: nil), weeklyMinutes: weeklyMinutes, weeklyVisits: weeklyVisits, home: home)
        enrolment.id = try tx.enrolments.insert(enrolment)
        return enrolment
    }

    /// Enrolments by id, optionally with one institution, a page at a time.
    public func enrolments(institution: String? = nil, actor: Actor, page: PageRequest<Int>) throws -> Page<Enrolment, Int> {
        try Self.listing(Access.reach(actor, asking: institution)) { reach in try store.read { try $0.enrolments.list(institution: reach, page: page) } }
    }

    /// Registered caregivers, optionally of one institution, a page at a time.
    public func caregivers(institution: String? = nil, actor: Actor, page: PageRequest<CaregiverKey>) throws -> Page<Caregiver, CaregiverKey> {
        try Self.listing(Access.reach(actor, asking: institution)) { reach in try store.read { try $0.caregivers.list(institution: reach, page: page) } }
    }
}
