import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// Due process before a penalty, disclosure, and the fund's public notice
/// (issue 33; seed 000 §12–13, §17–19; seed 002 ch. 7; seed 004), by the
/// scheme's `enforcement` section (``EnforcementSettings``):
///
/// - a penalty is first notified, with its facts and grounds, and checked
///   against the discretion benchmarks; the institution reads its own
///   notices and states its defence within the defence period; the decision
///   then records the violation and applies the penalty (it takes effect
///   only then) and sets the appeal deadlines;
/// - decided violations and exits are published to every registered actor,
///   with no personal data; typical cases are marked for publication;
/// - the fund's income is recorded by month and source, and a month's
///   notice adds income and spending up to the balance carried, with the
///   risk warning.
///
/// Every change is one audited transaction (``UnitOfWork``); every date is
/// the operation's (`asOf`, from the injected clock).
///
/// ```swift
/// let enforcement = EnforcementService(store: store, clock: clock)
/// let notice = try enforcement.notify(institution: "I001", type: "V02", penalty: "refusal", amount: Money(yuan: 300), …, actor: admin, asOf: day)
/// try enforcement.defend(notice.id, statement: "the visits were given", actor: try Actor("institution:I001"), asOf: day.adding(days: 2))
/// try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day.adding(days: 8))
/// ```
public struct EnforcementService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    // MARK: - Due process

    /// Notifies an institution of an intended penalty (行政处罚告知): the
    /// facts and the grounds, the benchmark range the penalty is checked
    /// against (by the type's severity, the amount concerned and the earlier
    /// violations of the same type within `repeatMonths`, moved lighter by
    /// `selfReport.steps` where the notice names the institution's own
    /// self-reports), and the last day of the defence period (`defenceDays`
    /// from the notice's date, or from the day it is recorded if the notice
    /// is backdated: see ``defenceStart(notifiedOn:institution:clock:in:)``). A penalty
    /// outside its range needs a reason. Nothing takes effect yet.
    public func notify(institution: String, caregiver: String?, person: Int?, type: String, penalty: String, amount: Money, foundOn: CalendarDate,
                       facts: String, grounds: String, selfReports: [Int], reason: String?, actor: Actor, asOf: CalendarDate) throws -> PenaltyNotice {
        try work.change(Operation("penalty.notify", subject: "institution:\(institution)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard try tx.institutions.institution(id: institution) != nil else { throw CaseError(.notFound, "no institution \(institution)") }
            let (rules, enforcement) = try Self.settings(institution: institution, asOf: asOf, in: tx)
            guard let kind = rules.violation(type) else {
                throw CaseError(.invalidInput, "'\(type)' is not on the negative list; its codes: \(rules.violations.map(\.code).joined(separator: ", "))")
            }
            guard kind.penalties.contains(penalty) else {
                throw CaseError(.invalidInput, "penalty '\(penalty)' is not allowed for \(type); allowed: \(kind.penalties.joined(separator: ", "))")
            }
            guard foundOn <= asOf else { throw CaseError(.timing, "found on \(foundOn), after the notice (\(asOf))") }
            guard amount >= .zero else { throw CaseError(.invalidInput, "the amount concerned must not be negative") }
            for (text, name) in [(facts, "facts"), (grounds, "grounds")] {
                guard !text.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the \(name)") }
                try PlainText.require(text, name, as: .note)
            }
            if let caregiver, try tx.caregivers.caregiver(institution: institution, id: caregiver) == nil {
                throw CaseError(.notFound, "no caregiver \(caregiver) at \(institution)")
            }
            if let person, try tx.people.person(id: person) == nil { throw CaseError(.notFound, "no person \(person)") }
            let own = Set(try tx.enforcement.selfReports(institution: institution).map(\.id))
            for id in selfReports where !own.contains(id) { throw CaseError(.notFound, "\(institution) made no self-report \(id)") }

            let since = asOf.adding(months: -enforcement.repeatMonths)
            let repeats = try tx.supervision.violations(institution: institution).filter { $0.type == type && $0.decidedOn > since }.count
            let range = try Self.range(type: type, amount: amount, repeats: repeats, mitigated: !selfReports.isEmpty, rules: rules, enforcement: enforcement)
            try Self.requireWithin(range, penalty: penalty, reason: reason, rules: rules, type: type)
            var notice = PenaltyNotice(id: 0, institution: institution, caregiver: caregiver, person: person, type: type, penalty: penalty,
                                       amount: amount, foundOn: foundOn, facts: facts, grounds: grounds, notifiedOn: asOf,
                                       notifiedBy: actor.description, defenceUntil: try Self.defenceStart(notifiedOn: asOf, institution: institution, clock: work.clock, in: tx)
                                           .adding(days: enforcement.defenceDays),
                                       selfReports: Array(Set(selfReports)).sorted(), range: range, reason: reason)
            notice.id = try tx.enforcement.insert(notice)
            return Outcome(notice, subject: "penalty-notice:\(notice.id)", after: notice.json)
        }
    }

    /// A notice: an institution reads its own, administrators and auditors
    /// every one; to anyone else a notice is "not found or not yours",
    /// whether it exists or not.
    public func notice(_ id: Int, actor: Actor) throws -> PenaltyNotice {
        try store.read { tx in try Self.readable(id, actor: actor, in: tx) }
    }

    /// Notices by id, a page at a time: an institution lists its own only.
    public func notices(institution: String? = nil, actor: Actor, page: PageRequest<Int>) throws -> Page<PenaltyNotice, Int> {
        try AgreementService.listing(Access.reach(actor, asking: institution)) { reach in
            try store.read { try $0.enforcement.notices(institution: reach, page: page) }
        }
    }

    /// The institution states its defence (陈述申辩), through its own actor,
    /// within the defence period, once; it is recorded with the notice.
    public func defend(_ id: Int, statement: String, actor: Actor, asOf: CalendarDate) throws -> PenaltyNotice {
        try work.change(Operation("penalty.defend", subject: "penalty-notice:\(id)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            guard actor.role == .institution else {
                throw CaseError(.forbidden, "\(actor) may not state an institution's defence: the institution the notice is addressed to does, as itself")
            }
            var notice = try Self.readable(id, actor: actor, in: tx)
            guard notice.decision == nil else { throw CaseError(.timing, "penalty notice \(id) was decided on \(notice.decision!.on)") }
            if let given = notice.statement { throw CaseError(.duplicate, "\(notice.institution) stated its defence to notice \(id) on \(given.on)") }
            guard asOf <= notice.defenceUntil else {
                throw CaseError(.timing, "the defence period of notice \(id) ended on \(notice.defenceUntil)")
            }
            guard !statement.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the statement") }
            try PlainText.require(statement, "statement", as: .note)
            let before = notice.json
            notice.statement = PenaltyNotice.Statement(text: statement, on: asOf, by: actor.description)
            try tx.enforcement.update(notice)
            return Outcome(notice, before: before, after: notice.json)
        }
    }

    /// Decides a notice (处罚决定): after the defence period, or once the
    /// institution has stated its defence. The penalty (the notice's unless
    /// given) may not be heavier than the one notified, nor its amount larger
    /// (notify again for a heavier one), and needs a reason outside the benchmark range. The
    /// violation is recorded and its penalty applied now
    /// (``SupervisionService/recordViolation(institution:caregiver:person:type:foundOn:evidence:amount:penalty:actor:asOf:)``),
    /// and the decision carries the last days to apply for reconsideration
    /// and to sue (the scheme's `appeal`).
    public func decide(_ id: Int, penalty: String?, amount: Money?, reason: String?, actor: Actor, asOf: CalendarDate) throws -> PenaltyNotice {
        try work.change(Operation("penalty.decide", subject: "penalty-notice:\(id)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard var notice = try tx.enforcement.notice(id: id) else { throw CaseError(.notFound, "no penalty notice \(id)") }
            if let decided = notice.decision { throw CaseError(.duplicate, "penalty notice \(id) was decided on \(decided.on) (violation \(decided.violation))") }
            // A decision dated before the notice, or before the defence it answers, would skip the procedure.
            let heard = max(notice.notifiedOn, notice.statement?.on ?? notice.notifiedOn)
            guard asOf >= heard else {
                throw CaseError(.timing, "a decision on notice \(id) is dated \(heard) or later (its notice or the institution's statement), not \(asOf)")
            }
            guard notice.statement != nil || asOf > notice.defenceUntil else {
                throw CaseError(.timing, "the defence period of notice \(id) runs until \(notice.defenceUntil): decide from \(notice.defenceUntil.adding(days: 1)), "
                                + "or once \(notice.institution) has stated its defence")
            }
            let (rules, enforcement) = try Self.settings(institution: notice.institution, asOf: asOf, in: tx)
            let chosen = penalty ?? notice.penalty
            let ladder = rules.penalties.map(\.id)
            if let rank = ladder.firstIndex(of: chosen), let notified = ladder.firstIndex(of: notice.penalty), rank > notified {
                throw CaseError(.invalidInput, "'\(chosen)' is heavier than the penalty notified ('\(notice.penalty)'): notify the institution again")
            }
            let amount = amount ?? notice.amount
            // A larger amount is a heavier penalty too (more recovered, more deducted).
            guard amount <= notice.amount else {
                throw CaseError(.invalidInput, "the amount \(amount) is more than the \(notice.amount) notified: notify the institution again")
            }
            if let reason { try PlainText.require(reason, "reason", as: .note) }
            try Self.requireWithin(notice.range, penalty: chosen, reason: reason ?? (chosen == notice.penalty ? notice.reason : nil), rules: rules, type: notice.type)
            let violation = try SupervisionService.decideViolation(
                institution: notice.institution, caregiver: notice.caregiver, person: notice.person, type: notice.type, foundOn: notice.foundOn,
                evidence: notice.facts, amount: amount, penalty: chosen, notice: id, actor: actor, asOf: asOf, in: tx)
            let before = notice.json
            notice.decision = PenaltyNotice.Decision(on: asOf, by: actor.description, penalty: chosen, amount: amount, reason: reason,
                                                     violation: violation.id, reconsiderationBy: asOf.adding(days: enforcement.reconsiderationDays),
                                                     lawsuitBy: asOf.adding(days: enforcement.lawsuitDays))
            try tx.enforcement.update(notice)
            return Outcome(notice, before: before, after: notice.json)
        }
    }

    /// The supervision and enforcement rules of an institution's scheme, both required.
    static func settings(institution: String, asOf: CalendarDate, in tx: any ProviderTransaction) throws -> (SupervisionSettings, EnforcementSettings) {
        guard let rules = try SupervisionService.rules(institution: institution, asOf: asOf, in: tx) else {
            throw CaseError(.invalidScheme, "the scheme of \(institution) has no supervision section (negative list, penalties, credit)")
        }
        guard let enforcement = try SupervisionService.enforcement(institution: institution, asOf: asOf, in: tx) else {
            throw CaseError(.invalidScheme, "the scheme of \(institution) has no enforcement section (defence days, appeal deadlines, benchmarks)")
        }
        return (rules, enforcement)
    }

    /// The day the defence period runs from: the notice's own date, or the
    /// day it is actually recorded (the injected clock's today, in the
    /// institution's scheme's time zone) if that is later. A notice dated in
    /// the past is kept at its date, but it cannot shorten the defence the
    /// institution is owed (issue 33: notice, then a defence period, then the
    /// decision): the institution can only answer a notice it has been given.
    static func defenceStart(notifiedOn: CalendarDate, institution: String, clock: any WallClock,
                             in tx: any ProviderTransaction) throws -> CalendarDate {
        let zone = try tx.agreements.agreements(institution: institution).last.flatMap { try tx.schemes.scheme(id: $0.schemeID) }?.timeZone
        return max(notifiedOn, clock.today(in: zone))
    }

    /// The benchmark range of a violation, moved lighter for a self-report.
    static func range(type: String, amount: Money, repeats: Int, mitigated: Bool, rules: SupervisionSettings,
                      enforcement: EnforcementSettings) throws -> PenaltyNotice.Range? {
        guard let row = enforcement.benchmark(type: type, amount: amount, repeats: repeats) else { return nil }
        let ladder = rules.penalties.map(\.id)
        guard var low = ladder.firstIndex(of: row.lightest), var high = ladder.firstIndex(of: row.heaviest) else { return nil }
        let steps = mitigated ? enforcement.selfReportSteps : 0
        low = max(0, low - steps)
        high = max(0, high - steps)
        return PenaltyNotice.Range(severity: row.severity, repeats: repeats, lightest: ladder[low], heaviest: ladder[high], mitigated: mitigated && steps > 0)
    }

    /// Refuses a penalty outside its range without a reason.
    static func requireWithin(_ range: PenaltyNotice.Range?, penalty: String, reason: String?, rules: SupervisionSettings, type: String) throws {
        let ladder = rules.penalties.map(\.id)
        guard let range, let rank = ladder.firstIndex(of: penalty), let low = ladder.firstIndex(of: range.lightest),
              let high = ladder.firstIndex(of: range.heaviest) else { return }
        let within = low <= rank && rank <= high
        if !within && (reason ?? "").allSatisfy(\.isWhitespace) {
            throw CaseError(.invalidInput, "penalty '\(penalty)' is outside the benchmark for \(type) (\(range.severity), \(range.repeats) earlier, "
                            + "\(range.mitigated ? "self-reported, " : "")from '\(range.lightest)' to '\(range.heaviest)'): give a reason")
        }
    }

    /// A notice the actor may read; the same refusal whether it exists or not.
    static func readable(_ id: Int, actor: Actor, in tx: any ProviderTransaction) throws -> PenaltyNotice {
        let notice = try tx.enforcement.notice(id: id)
        if let notice, Access.reach(actor, asking: notice.institution) != .none { return notice }
        if notice == nil, Access.reach(actor, asking: nil) == .every { throw CaseError(.notFound, "no penalty notice \(id)") }
        throw CaseError.notYours("penalty notice \(id)", refused: true)
    }

    // MARK: - Disclosure

    /// A decided violation as published: institution, type, decision and date, no personal data.
    public struct PublishedViolation: Sendable, Equatable {
        public var id: Int
        public var institution: String
        public var type: String
        public var penalty: String
        public var decidedOn: CalendarDate
        public var typical: String?

        public var json: JSONValue {
            ["id": .integer(id), "institution": .string(institution), "type": .string(type), "decision": .string(penalty),
             "date": .string(decidedOn.description), "typical": typical.map(JSONValue.string) ?? .null]
        }
    }

    /// An institution's exit (退出) as published: its agreement ended, when and on what ground.
    public struct PublishedExit: Sendable, Equatable {
        public var agreement: String
        public var institution: String
        public var ground: String?
        public var terminatedOn: CalendarDate?

        public var json: JSONValue {
            ["agreement": .string(agreement), "institution": .string(institution), "type": "exit",
             "decision": ground.map(JSONValue.string) ?? "terminated", "date": terminatedOn.map { .string($0.description) } ?? .null]
        }
    }

    /// Decided violations, published to every registered actor (处罚结果公开), by
    /// id, a page at a time; only the typical cases where asked. A page may
    /// hold fewer than its limit and still have a next.
    public func publishedViolations(typicalOnly: Bool, actor: Actor, page: PageRequest<Int>) throws -> Page<PublishedViolation, Int> {
        try store.read { tx in
            let listed = try tx.supervision.list(institution: nil, page: page)
            return Page(items: listed.items.filter { !typicalOnly || $0.typical != nil }.map {
                PublishedViolation(id: $0.id, institution: $0.institution, type: $0.type, penalty: $0.penalty, decidedOn: $0.decidedOn, typical: $0.typical)
            }, next: listed.next)
        }
    }

    /// Agreements ended (institutions' exits), published to every registered
    /// actor, by agreement id, a page at a time.
    public func publishedExits(actor: Actor, page: PageRequest<String>) throws -> Page<PublishedExit, String> {
        try store.read { tx in
            let listed = try tx.agreements.list(institution: nil, page: page)
            return Page(items: listed.items.filter { $0.status == .terminated }.map {
                PublishedExit(agreement: $0.id, institution: $0.institution, ground: $0.exitGround?.rawValue, terminatedOn: $0.terminatedOn)
            }, next: listed.next)
        }
    }

    /// Marks a decided violation as a typical case for publication (典型案例),
    /// with a summary, which must name no person: it is published as given.
    public func markTypical(violation id: Int, summary: String, actor: Actor, asOf: CalendarDate) throws -> Violation {
        try work.change(Operation("violation.typical", subject: "violation:\(id)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard var violation = try tx.supervision.list(institution: nil, page: PageRequest(after: id - 1, limit: 1)).items.first,
                  violation.id == id else { throw CaseError(.notFound, "no violation \(id)") }
            guard !summary.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the case's summary") }
            try PlainText.require(summary, "summary", as: .note)
            let before = violation.json
            violation.typical = summary
            try tx.supervision.update(violation)
            return Outcome(violation, before: before, after: violation.json)
        }
    }

    // MARK: - The fund's income and notice

    /// Records an amount of the fund's income for a month, by source: not
    /// zero, within ``FundIncome/limit`` either way (a negative entry puts a
    /// mistake right).
    public func addIncome(month: YearMonth, source: FundIncomeSource, amount: Money, note: String, actor: Actor, asOf: CalendarDate) throws -> FundIncome {
        try work.change(Operation("fund.income", subject: "fund:\(month)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .settle)
            try FundIncome.requireAccountMonth(month)
            guard amount != .zero, amount.fen.magnitude <= FundIncome.limit.fen.magnitude else {
                throw CaseError(.invalidInput, "an amount of income is not zero and at most \(FundIncome.limit) either way, not \(amount)")
            }
            try PlainText.require(note, "note", as: .note)
            var income = FundIncome(id: 0, month: month, source: source, amount: amount, note: note, recordedOn: asOf, recordedBy: actor.description)
            income.id = try tx.enforcement.insert(income)
            return Outcome(income, subject: "fund-income:\(income.id)", after: income.json)
        }
    }

    /// A month's public notice of the fund, published to every registered actor.
    public func fundNotice(month: YearMonth, actor: Actor) throws -> FundNotice {
        try FundIncome.requireAccountMonth(month)
        return try store.read { tx in
            guard let notice = try Self.fundNotice(month: month, in: tx) else {
                throw CaseError(.notFound, "no fund income is recorded up to \(month): record the balance brought in with `ltc fund income add --source opening` first")
            }
            return notice
        }
    }

    /// The fund's notice for `month`, `nil` where no income is recorded up to
    /// it. The account starts in the first month with income recorded (the
    /// balance brought into ltc is income of source `opening`); each month's
    /// spending is its settled care (the statements' payable) and its cash
    /// run (``FundSpending``). Every sum is checked for overflow.
    public static func fundNotice(month: YearMonth, in tx: any ProviderTransaction) throws -> FundNotice? {
        let totals = try tx.enforcement.incomeTotals(through: month)
        guard let first = totals.first?.month else { return nil }
        func add(_ a: Money, _ b: Money) throws -> Money {
            let (sum, overflow) = a.fen.addingReportingOverflow(b.fen)
            guard !overflow else { throw CaseError(.invalidInput, "the fund's sums up to \(month) are beyond what ltc can add up") }
            return Money(fen: sum)
        }
        var incomeByMonth: [YearMonth: Money] = [:]
        for row in totals { incomeByMonth[row.month] = try add(incomeByMonth[row.month] ?? .zero, row.amount) }
        let warnings = try tx.schemes.inForce(on: month.lastDay).lazy.compactMap(\.enforcement).first
        var balance = Money.zero
        var spent: [(month: YearMonth, amount: Money, settled: Bool)] = []
        var notice: FundNotice?
        var current = first
        while current <= month {
            let settlement = try tx.settlements.settlement(month: current)
            let cash = try tx.cash.run(month: current)
            let care = settlement?.fundTotal ?? .zero, paid = cash?.total ?? .zero
            let spending = try add(care, paid)
            if current == month {
                var income: [(source: FundIncomeSource, amount: Money)] = []
                for source in FundIncomeSource.allCases {
                    income.append((source, try totals.filter { $0.month == month && $0.source == source }.reduce(Money.zero) { try add($0, $1.amount) }))
                }
                notice = FundNotice(month: month, income: income, care: care, cash: paid, settled: settlement != nil, cashRun: cash != nil,
                                    broughtForward: balance)
            }
            balance = try add(try add(balance, incomeByMonth[current] ?? .zero), Money(fen: -spending.fen))
            spent.append((current, spending, settlement != nil))
            guard current < month else { break }          // never past the month asked for (9999-12 has no next)
            current = current.adding(months: 1)
        }
        guard var notice else { return nil }
        if let warnings {
            let measured = spent.filter { $0.settled }.suffix(warnings.averageMonths).map { $0.amount }
            notice.risk = FundRisk(balance: balance, spent: Array(measured), warnings: warnings.fundWarnings)
        }
        return notice
    }
}
