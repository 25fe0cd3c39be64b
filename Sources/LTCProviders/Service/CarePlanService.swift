import LTCAssessment
import LTCCases
import LTCCore
import LTCSchemes

/// Individual care plans (``CarePlan``): proposed from the person's care
/// needs, set again by hand within the catalogue's rules, agreed by the
/// person, and reviewed when the grade or mode changes, on a change of
/// condition, and at the scheme's interval. Every version is kept.
///
/// ```swift
/// let plans = CarePlanService(store: store, clock: SystemClock(), forms: try FormCatalog.load())
/// _ = try plans.propose(caseID: 1, answers: ["needs.pressure": 0, "needs.tube": 0, "needs.medication": 1,
///                                            "needs.rehabilitation": 0, "needs.carer": 1], actor: admin, asOf: day)
/// _ = try plans.confirm(caseID: 1, by: "陈老伯", actor: admin, asOf: day)
/// ```
public struct CarePlanService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork
    let forms: FormCatalog

    public init(store: any ProviderStore, clock: any WallClock, forms: FormCatalog) {
        self.store = store
        work = UnitOfWork(clock: clock)
        self.forms = forms
    }

    /// A case's plan as it stands: the one in force, a proposal waiting for
    /// the person's agreement, and why the plan in force is due for review.
    public struct View: Sendable {
        public var inForce: CarePlan?
        public var proposal: CarePlan?
        public var review: CarePlanReview?

        public var json: JSONValue {
            ["inForce": inForce?.json ?? .null, "proposal": proposal?.json ?? .null, "review": review?.json ?? .null]
        }
    }

    /// What a proposal will ask: the case's care-needs form and the answers
    /// its derived items read off the latest assessment (the rest are asked).
    public func careNeeds(caseID: Int, actor: Actor, asOf: CalendarDate) throws -> (form: AssessmentForm, derived: [String: Int]) {
        try store.read { tx in
            let (_, rules) = try Self.basis(caseID: caseID, actor: actor, on: asOf, in: tx)
            let form = try needsForm(rules), assessment = try Self.assessment(caseID: caseID, in: tx)
            return (form, form.derivedAnswers(from: assessment.formID, answers: assessment.answers))
        }
    }

    /// Proposes a plan from the care needs: the needs form's derived items
    /// read off the case's latest assessment, the rest from `answers`
    /// (item id → score); the items the needs open, within the package and
    /// the ceiling (``CarePlanRules/propose(needs:)``). A proposal waiting
    /// before is discarded (kept in the history).
    public func propose(caseID: Int, answers: [String: Int], actor: Actor, asOf: CalendarDate) throws -> CarePlan {
        try work.change(Operation("plan.propose", subject: "case:\(caseID)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            let (record, rules) = try Self.basis(caseID: caseID, actor: actor, on: asOf, in: tx)
            let form = try needsForm(rules)
            let assessment = try Self.assessment(caseID: caseID, in: tx)
            let derived = form.derivedAnswers(from: assessment.formID, answers: assessment.answers)
            for (item, _) in answers.sorted(by: { $0.key < $1.key }) {
                guard let asked = form.item(item) else {
                    throw CaseError(.invalidInput, "'\(item)' is not an item of \(form.id); its items: \(form.items.map(\.id).joined(separator: ", "))")
                }
                if let rule = asked.derivation, derived[item] != nil {
                    throw CaseError(.invalidInput, "\(item) is read from the assessment (\(rule.item) \(assessment.answers[rule.item]?.intValue.map(String.init) ?? "?")), not asked")
                }
            }
            let all = derived.merging(answers) { first, _ in first }
            let result: AssessmentResult
            do { result = try form.score(all) } catch {
                throw CaseError(.invalidInput, "the care needs: \(error)")
            }
            let needs = form.items.filter { item in all[item.id].map { $0 != (form.higherIsWorse ? item.minimumScore : item.maximumScore) } ?? false }.map(\.id)
            let history = try tx.plans.plans(caseID: caseID)
            try Self.discardProposals(history, in: tx)
            let plan = CarePlan(caseID: caseID, person: record.personID, version: (history.last?.version ?? 0) + 1, status: .proposed,
                                schemeID: rules.scheme.id, grade: rules.grade, mode: rules.mode, needsForm: form.id, answers: all, needs: needs,
                                needLevel: result.grade.level, items: rules.propose(needs: Set(needs)), madeOn: asOf, madeBy: actor.description,
                                reason: "proposed from the care needs")
            try tx.plans.insert(plan)
            return Outcome(plan, after: plan.json)
        }
    }

    /// Sets the plan's items by hand, within the catalogue's rules, the
    /// package and the ceiling (``CarePlanRules/check(_:needs:)``), keeping
    /// the latest plan's needs; `reason` says why, and the audit trail keeps it.
    /// Returns the new proposal and the version it replaces (the proposal
    /// waiting, else the plan in force), so that what it drops is said.
    public func set(caseID: Int, items: [CarePlan.Item], reason: String, actor: Actor,
                    asOf: CalendarDate) throws -> (plan: CarePlan, replaced: CarePlan) {
        try work.change(Operation("plan.set", subject: "case:\(caseID)", actor: actor, asOf: asOf, reason: reason), on: store.transactions) { tx in
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "say why the plan changes (--reason)") }
            guard !items.isEmpty else { throw CaseError(.invalidInput, "a plan needs at least one item; give each as CODE=PER-WEEK (items in rpc)") }
            try PlainText.require(reason, "reason", as: .note)
            let (record, rules) = try Self.basis(caseID: caseID, actor: actor, on: asOf, in: tx)
            let history = try tx.plans.plans(caseID: caseID)
            guard let base = history.last(where: { $0.status == .proposed || $0.status == .inForce }) else {
                throw CaseError(.transitionNotAllowed, "case \(caseID) has no plan to change: propose one first (ltc plan propose)")
            }
            let items = rules.withUsualMinutes(items)
            try rules.check(items, needs: Set(base.needs))
            try Self.discardProposals(history, in: tx)
            var plan = base
            (plan.version, plan.status, plan.grade, plan.mode, plan.schemeID) = ((history.last?.version ?? 0) + 1, .proposed, rules.grade, rules.mode, rules.scheme.id)
            (plan.items, plan.madeOn, plan.madeBy, plan.reason) = (items, asOf, actor.description, reason)
            (plan.confirmation, plan.from, plan.until, plan.person) = (nil, nil, nil, record.personID)
            try tx.plans.insert(plan)
            return Outcome((plan, base), after: plan.json)
        }
    }

    /// Records the person's agreement to the proposal: it binds from
    /// `asOf`, and the plan in force before ends the day before.
    public func confirm(caseID: Int, by person: String, actor: Actor, asOf: CalendarDate) throws -> CarePlan {
        try work.change(Operation("plan.confirm", subject: "case:\(caseID)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            guard !person.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the name of who agreed (the person or their agent)") }
            try PlainText.require(person, "by", as: .name)
            let (_, rules) = try Self.basis(caseID: caseID, actor: actor, on: asOf, in: tx)
            let history = try tx.plans.plans(caseID: caseID)
            guard var plan = history.last, plan.status == .proposed else {
                throw CaseError(.transitionNotAllowed, "case \(caseID) has no proposed plan to agree to")
            }
            guard plan.grade == rules.grade, plan.mode == rules.mode else {
                throw CaseError(.transitionNotAllowed, "the proposal was made for grade \(plan.grade) in \(plan.mode); the case is now grade \(rules.grade) in \(rules.mode): propose again")
            }
            if var current = history.last(where: { $0.status == .inForce }) {
                guard let from = current.from, from < asOf else {
                    throw CaseError(.timing, "the plan in force binds from \(current.from?.description ?? "?"); a new one can bind from the day after")
                }
                current.status = .superseded
                current.until = asOf.adding(days: -1)
                try tx.plans.update(current)
            }
            plan.status = .inForce
            plan.confirmation = CarePlan.Confirmation(by: person, on: asOf, recordedBy: actor.description)
            plan.from = asOf
            try tx.plans.update(plan)
            return Outcome(plan, after: plan.json)
        }
    }

    /// The plan in force, the proposal waiting, and whether a review is due on `asOf`.
    public func show(caseID: Int, actor: Actor, asOf: CalendarDate) throws -> View {
        try work.read(Operation("plan.show", subject: "case:\(caseID)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            let record = try Self.readable(caseID: caseID, actor: actor, in: tx)
            let history = try tx.plans.plans(caseID: caseID)
            let inForce = history.last { $0.status == .inForce }
            var view = View(inForce: inForce, proposal: history.last.flatMap { $0.status == .proposed ? $0 : nil })
            if let inForce, let scheme = try tx.schemes.scheme(id: inForce.schemeID) {
                view.review = CarePlanReview(plan: inForce, record: record, reviewMonths: scheme.benefits?.carePlans?.reviewMonths, on: asOf)
            }
            return view
        }
    }

    /// Every version of the case's plan, oldest first.
    public func history(caseID: Int, actor: Actor) throws -> [CarePlan] {
        try store.read { tx in
            _ = try Self.readable(caseID: caseID, actor: actor, in: tx)
            return try tx.plans.plans(caseID: caseID)
        }
    }

    // MARK: Machinery

    private func needsForm(_ rules: CarePlanRules) throws -> AssessmentForm {
        do { return try forms.form(id: rules.settings.needsForm) } catch {
            throw CaseError(.invalidScheme, "scheme '\(rules.scheme.id)' assesses care needs on form '\(rules.settings.needsForm)', which is not loaded: \(error)")
        }
    }

    /// The latest assessment on a form (a recognized result has no item scores to read).
    private static func assessment(caseID: Int, in tx: any ProviderTransaction) throws -> AssessmentRecord {
        guard let assessment = try tx.assessments.assessments(caseID: caseID).last(where: { $0.recognition == nil }) else {
            throw CaseError(.transitionNotAllowed, "case \(caseID) has no assessment on a form to read the care needs from")
        }
        return assessment
    }

    /// The case, if `actor` may read it ("not found or not yours" otherwise).
    static func readable(caseID: Int, actor: Actor, in tx: any ProviderTransaction) throws -> Case {
        let scope = Access.scope(of: actor)
        guard let record = try tx.cases.caseRecord(id: caseID) else {
            throw scope == .all ? CaseError(.notFound, "no case \(caseID)") : .notYours("case \(caseID)", refused: false)
        }
        guard try scope == .all || tx.cases.contains(caseID: caseID, in: scope) else { throw CaseError.notYours("case \(caseID)", refused: true) }
        return record
    }

    /// The case and the rules of its grade and mode on `day`, once `actor` may plan its care.
    static func basis(caseID: Int, actor: Actor, on day: CalendarDate, in tx: any ProviderTransaction) throws -> (Case, CarePlanRules) {
        let record = try readable(caseID: caseID, actor: actor, in: tx)
        let assessors = Set(record.assessors + (try tx.assessments.assessments(caseID: caseID).last?.assessors ?? []))
        let enrolled = try tx.enrolments.enrolments(people: [record.personID])[record.personID, default: []]
            .filter { $0.caseID == caseID && $0.period.contains(day) }.map(\.institution)
        try Access.require(actor, .planCare(caseID: caseID, assessors: assessors.sorted(), enrolledWith: enrolled))
        guard record.state == .effective, let determination = record.determination(on: day) else {
            throw CaseError(.transitionNotAllowed, "case \(caseID) has no grade in force on \(day) to plan care for")
        }
        guard let mode = record.mode(on: day) else {
            throw CaseError(.transitionNotAllowed, "case \(caseID) has no service mode on \(day): choose one first (ltc case mode)")
        }
        guard let scheme = try tx.schemes.scheme(id: record.schemeID) else { throw CaseError(.notFound, "no scheme \(record.schemeID)") }
        return (record, try CarePlanRules(scheme: scheme, grade: determination.grade, mode: mode, insured: record.insured))
    }

    private static func discardProposals(_ history: [CarePlan], in tx: any ProviderTransaction) throws {
        for var waiting in history where waiting.status == .proposed {
            waiting.status = .discarded
            try tx.plans.update(waiting)
        }
    }
}
