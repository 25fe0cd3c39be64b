import Foundation
import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes
import Synchronization

/// What a submission's checks hold in memory: what was read from the store
/// for the logs seen so far (cases, enrolments, months' allowances, weeks of
/// people and caregivers, institutions' agreements and caregivers, closed
/// months), changed as logs are accepted. A chunk's needs are read ahead on
/// the storage thread (``IntakeNeeds``); what changed goes back to the store
/// with the chunks (``flush(after:all:)``); ``clear()`` bounds the memory
/// whatever the submission's length, since what is dropped is in the store.
struct IntakeWorkspace {
    let asOf: CalendarDate
    /// The latest a service may start or end (T01): now, in the scheme's
    /// time zone, for a submission sent today; the end of `asOf` for one an
    /// administrator dates another day.
    let latest: LocalMinute
    private(set) var schemes: [String: Scheme] = [:]
    private(set) var rules: [String: SchemeRules] = [:]
    /// Item code → unit, over the schemes held.
    private(set) var units: [String: ServiceItem.Unit] = [:]
    private(set) var settled = SmallMap<YearMonth, Bool>()
    private(set) var people = IntMap<PersonState>()
    private(set) var caregivers: [CaregiverKey: CaregiverState] = [:]
    private(set) var institutions: [String: InstitutionState] = [:]
    /// Whether each institution seen had logs stored before this submission
    /// began, as first read: kept through ``clear()``, since the
    /// submission's own logs are in ``SentKeys`` and read again only when
    /// one may be sent twice. (Read again after a clear, the store would say
    /// yes for every institution the submission has stored logs of, and
    /// every later log id would be looked up for nothing.)
    private var hadLogs: [String: Bool] = [:]
    /// Caregivers by their number in this workspace.
    private var caregiverKeys: [CaregiverKey] = []
    /// The log of each busy time held, for messages.
    private(set) var owners: [LogKey] = []
    /// Item codes, interned.
    private var items: [String: Int32] = [:]
    private var itemNames: [String] = []
    /// States changed since they were last written.
    private var dirtyPeople: [PersonState] = []
    private var dirtyCaregivers: [CaregiverState] = []
    /// Benefit quotes by grade, mode and days, shared by everyone alike.
    private let quotes = QuoteCache()
    /// Months of entitlement by the basis of the case and the month: shared by every case with the same basis.
    private var views: [BasisMonth: MonthView?] = [:]
    /// Bases of cases, numbered as first seen.
    private var bases: [Entitlement.Basis: Int] = [:]
    /// Modes of service, interned.
    private var modes: [String: Int32] = [:]
    /// Busy times held: the measure of memory that ``clear()`` bounds.
    private(set) var intervals = 0

    /// - Parameter now: the local minute the submission is sent at, when `asOf` is today.
    init(asOf: CalendarDate, now: LocalMinute? = nil) {
        self.asOf = asOf
        latest = now ?? LocalMinute(day: asOf.adding(days: 1), minute: 0)
    }

    // MARK: State

    /// A beneficiary as the checks see them.
    final class PersonState {
        let id: Int
        /// The case benefits follow; `nil`: none (the logs fail B01).
        let record: Case?
        let caseID: Int?
        /// The number of what the case's day statuses depend on (``Entitlement/Basis``).
        let basis: Int?
        let enrolments: [Enrolment]
        /// The care plans that bind the person's logs, oldest first.
        let plans: [CarePlan]
        var months = SmallMap<YearMonth, MonthState>()
        var weeks = SmallMap<Int, PersonWeekState>()
        /// Money accepted (or taken back) since last written, by month, grade and mode.
        var money: [MoneyChange] = []
        /// The last chunk that uses this person: it is written back after it.
        var lastUse = 0
        var queued = false

        init(id: Int, record: Case?, basis: Int?, enrolments: [Enrolment], plans: [CarePlan] = []) {
            self.id = id
            self.record = record
            caseID = record?.id
            self.basis = basis
            self.enrolments = enrolments
            self.plans = plans
        }
    }

    struct MoneyChange {
        var month: YearMonth
        var grade: Int
        var mode: String
        var amounts = UsageChanges.MonthAmounts()
    }

    /// A month of a person's entitlement and what is used of it.
    struct MonthState {
        /// Each day's status and the month's ceiling; `nil` until worked out,
        /// `.some(nil)` when no scheme with benefits covers the month.
        var view: MonthView??
        /// Allowed so far against the ceiling.
        var allowed: Money
        /// Minutes of hour-priced and visits of visit-priced services so far (against the month's hours or visits).
        var minutes: Int
        var visits: Int
    }

    /// A month of a person's entitlement, as the checks need it; shared by
    /// every person with the same basis, so held by reference.
    final class MonthView {
        /// Per day of the month, an index into ``palette``: a month has few distinct statuses.
        let statusIndex: [UInt8]
        let palette: [Entitlement.DayStatus]
        /// Per palette entry, a paid day's rules, resolved once.
        var paid: [PaidDay?] = []
        let firstDay: CalendarDate
        let ceiling: Money
        /// The month's hours (in minutes) and visits, where the rows of its
        /// paid days count them by the month (`hoursPerMonth`,
        /// `visitsPerMonth`, prorated as the ceiling is); `nil`: no such limit.
        let minutes: Int?
        let visits: Int?
        /// The person's insured group, which picks the benefit rows where the scheme prices groups apart.
        let insured: InsuredGroup?

        init(statusIndex: [UInt8], palette: [Entitlement.DayStatus], firstDay: CalendarDate, ceiling: Money, minutes: Int? = nil, visits: Int? = nil,
             insured: InsuredGroup?) {
            self.statusIndex = statusIndex
            self.palette = palette
            self.firstDay = firstDay
            self.ceiling = ceiling
            self.minutes = minutes
            self.visits = visits
            self.insured = insured
        }

        func index(on day: CalendarDate) -> Int { Int(statusIndex[firstDay.days(until: day)]) }
    }

    /// A paid day's mode, grade, scheme rules and benefit rule.
    final class PaidDay {
        let mode: String
        let grade: Int
        let scheme: SchemeRules
        let rule: RuleBox?

        init(mode: String, grade: Int, insured: InsuredGroup?, scheme: SchemeRules) {
            self.mode = mode
            self.grade = grade
            self.scheme = scheme
            // The group's tier's row, else its insurance type's, else the row for everyone (as BenefitSettings.rule reads them).
            rule = insured?.tier.flatMap { scheme.table[RuleKey(grade: grade, mode: mode, insured: insured?.insurance, tier: $0)] }
                ?? scheme.table[RuleKey(grade: grade, mode: mode, insured: insured?.insurance, tier: nil)]
                ?? scheme.table[RuleKey(grade: grade, mode: mode, insured: nil, tier: nil)]
        }
    }

    /// A person's week: hours and visits used, each day's allowed amount, and the busy times that start in it.
    final class PersonWeekState {
        var minutes = 0
        var visits = 0
        var allowed = Week.noMoney
        var busy: [Interval] = []
        var dirty = false
    }

    /// A beneficiary's service time, with enough to tell a duplicate (the
    /// caregiver's number and the interned item) and whose log it is (an index into ``owners``).
    struct Interval {
        var start: Int32
        var end: Int32
        var owner: Int32
        var caregiver: Int32
        var item: Int32
    }

    final class CaregiverState {
        let key: CaregiverKey
        /// A number of its own in this workspace, for comparing intervals.
        let number: Int32
        var weeks = SmallMap<Int, CaregiverWeekState>()
        var lastUse = 0
        var queued = false
        /// The registry's record (nil: not registered), once read.
        var registered: RegisteredCaregiver?
        var registryRead = false
        /// The same person's other registrations (one national ID), once
        /// the registry is read: their busy times are this caregiver's too.
        var peers: [CaregiverState] = []

        init(key: CaregiverKey, number: Int32) {
            self.key = key
            self.number = number
        }

        /// A busy time of this person, at this registration or another,
        /// that overlaps `start..<end` in `week` (a service is kept in the
        /// week it starts in, so the week before is looked at too).
        func clash(start: Int32, end: Int32, week: Int) -> Slot? {
            if let clash = ownClash(start: start, end: end, week: week) { return clash }
            for peer in peers {
                if let clash = peer.ownClash(start: start, end: end, week: week) { return clash }
            }
            return nil
        }

        private func ownClash(start: Int32, end: Int32, week: Int) -> Slot? {
            weeks[week]?.busy.first(where: { $0.start < end && start < $0.end })
                ?? weeks[week - 1]?.busy.first(where: { $0.start < end && start < $0.end })
        }
    }

    /// A registered caregiver, held by reference so that checking copies nothing.
    final class RegisteredCaregiver {
        let qualifications: [String]
        let employment: [DatePeriod]

        init(_ caregiver: Caregiver) {
            qualifications = caregiver.qualifications
            employment = caregiver.employment
        }

        func isEmployed(on day: CalendarDate) -> Bool {
            employment.contains { $0.contains(day) }
        }

    }

    final class CaregiverWeekState {
        var busy: [Slot] = []
        var dirty = false
    }

    /// A caregiver's busy time.
    struct Slot {
        var start: Int32
        var end: Int32
        var owner: Int32
    }

    final class InstitutionState {
        let id: String
        let facts: InstitutionFacts
        /// The terms its agreements give on a day, by day number, worked out once.
        var termsByDay: [Int: TermsBox] = [:]
        /// Receipts and money since last written, by month.
        var changes: [(month: YearMonth, amounts: UsageChanges.InstitutionAmounts)] = []

        init(id: String, facts: InstitutionFacts) {
            self.id = id
            self.facts = facts
        }
    }

    /// The terms an institution's agreements give on a day, held by reference so that checking copies nothing.
    final class TermsBox {
        let terms: Agreement.Terms?
        let modes: [String]
        /// Agreed prices by item number, looked up once.
        private var prices: [Money??] = []

        init(_ terms: Agreement.Terms?) {
            self.terms = terms
            modes = terms?.modes ?? []
        }

        func price(_ item: Int32, _ code: String) -> Money? {
            let index = Int(item)
            if index < prices.count, let known = prices[index] { return known }
            if index >= prices.count { prices += [Money??](repeating: nil, count: index - prices.count + 1) }
            prices[index] = .some(terms?.prices[code])
            return terms?.prices[code]
        }
    }

    /// A scheme's rules as the checks read them, held by reference.
    final class SchemeRules {
        let id: String
        let monitoring: MonitoringSettings?
        let table: [RuleKey: RuleBox]
        private let catalogue: [String: ServiceItem]
        /// Items by number, looked up once.
        private var items: [ItemRules??] = []

        init(id: String, _ benefits: BenefitSettings) {
            self.id = id
            monitoring = benefits.monitoring
            catalogue = Dictionary(benefits.catalogue.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            table = Dictionary(benefits.table.map { (RuleKey(grade: $0.grade, mode: $0.mode, insured: $0.insured, tier: $0.tier), RuleBox($0)) },
                               uniquingKeysWith: { first, _ in first })
        }

        func item(_ number: Int32, _ code: String) -> ItemRules? {
            let index = Int(number)
            if index < items.count, let known = items[index] { return known }
            if index >= items.count { items += [ItemRules??](repeating: nil, count: index - items.count + 1) }
            let rules = catalogue[code].map { ItemRules($0, monitoring: monitoring) }
            items[index] = .some(rules)
            return rules
        }
    }

    /// An item of a scheme's catalogue with what monitoring asks of it.
    final class ItemRules {
        let item: ServiceItem
        let qualifications: [String]?
        let duration: MonitoringSettings.Duration?

        init(_ item: ServiceItem, monitoring: MonitoringSettings?) {
            self.item = item
            qualifications = monitoring?.qualifications[item.code]
            duration = monitoring?.duration[item.unit]
        }
    }

    struct RuleKey: Hashable {
        var grade: Int
        var mode: String
        var insured: InsuranceType?
        var tier: Int?
    }

    final class RuleBox {
        let items: Set<String>
        let itemList: String
        let ratio: Ratio?
        /// The most a day may be allowed (daily-priced rules: bed-days, a per-day home-care cap).
        let dailyCap: Money?
        /// What the person pays of each visit before the fund's share.
        let copayPerVisit: Money?
        /// The row's unit standard (`unitPrice` of an hourly or a visit row):
        /// the most the fund's cost is per hour or per visit, whatever the
        /// agreed price; and the unit it is per.
        let standard: Money?
        let standardUnit: ServiceItem.Unit?
        /// Whether the rule covers an item, by item number, looked up once.
        private var covers: [Bool?] = []

        init(_ rule: BenefitRule) {
            items = Set(rule.items)
            itemList = rule.items.joined(separator: ", ")
            ratio = rule.ratio
            dailyCap = rule.dailyCap
            copayPerVisit = rule.copayPerVisit
            switch rule.pricing {
            case .hourly: (standard, standardUnit) = (rule.unitPrice, .hour)
            case .visit: (standard, standardUnit) = (rule.unitPrice, .visit)
            case .daily, .monthly, .cash: (standard, standardUnit) = (nil, nil)
            }
        }

        func covers(_ item: Int32, _ code: String) -> Bool {
            guard !items.isEmpty else { return true }
            let index = Int(item)
            if index < covers.count, let known = covers[index] { return known }
            if index >= covers.count { covers += [Bool?](repeating: nil, count: index - covers.count + 1) }
            covers[index] = items.contains(code)
            return items.contains(code)
        }
    }

    /// What one log touches, looked up once.
    struct Touch {
        var person: PersonState?
        var caregiver: CaregiverState
        var institution: InstitutionState?
        /// The log's item, interned.
        var item: Int32
    }

    // MARK: What a chunk needs

    /// What these logs (chunk number `chunk`) need that is not held; ids are
    /// asked for where the institution may have stored them (it sent logs
    /// before, or this submission may have sent the id already: `maybeResent`
    /// holds those logs' indexes). Marks what is held as used by the chunk,
    /// so that it is written back after it.
    func needs(for logs: [ServiceLog], chunk: Int, maybeResent: Set<Int>) -> IntakeNeeds {
        var needs = IntakeNeeds()
        needs.knownSchemes = Set(schemes.keys)
        for (index, log) in logs.enumerated() {
            let month = YearMonth(containing: log.day)
            let week = Week.number(of: log.start)
            let person = people[log.person]
            person?.lastUse = chunk
            let key = CaregiverKey(institution: log.institution, caregiver: log.caregiver)
            let caregiver = caregivers[key]
            caregiver?.lastUse = chunk
            if caregiver?.registryRead != true { needs.addRegistry(key, start: log.start) }
            needs.add(person: log.person, caregiver: key, start: log.start, personKnown: person != nil, monthKnown: person?.months[month] != nil,
                      weekKnown: (person?.weeks[week] != nil, person?.weeks[week - 1] != nil),
                      caregiverWeekKnown: (caregiver?.weeks[week] != nil, caregiver?.weeks[week - 1] != nil))
            for peer in caregiver?.peers ?? [] where peer.weeks[week] == nil || peer.weeks[week - 1] == nil {
                peer.lastUse = chunk
                needs.addPeerWeeks(peer.key, start: log.start)
            }
            if settled[month] == nil { needs.months.insert(month) }
            let institution = institutions[log.institution]
            if institution == nil { needs.institutions.insert(log.institution) }
            if (institution?.facts.hasLogs ?? hadLogs[log.institution]) != false || maybeResent.contains(index) {
                needs.ids[log.institution, default: []].append(log.logID)
            }
        }
        return needs
    }

    /// Takes in what the store read for chunk number `chunk`; what is held already is newer and is kept.
    mutating func merge(_ load: IntakeLoad, chunk: Int) {
        for scheme in load.schemes where schemes[scheme.id] == nil {
            schemes[scheme.id] = scheme
            if let benefits = scheme.benefits {
                rules[scheme.id] = SchemeRules(id: scheme.id, benefits)
                for item in benefits.catalogue where units[item.code] == nil { units[item.code] = item.unit }
            }
        }
        for (month, closed) in load.settled where settled[month] == nil { settled[month] = closed }
        for (institution, read) in load.institutions where institutions[institution] == nil {
            var facts = read
            if let had = hadLogs[institution] { facts.hasLogs = had } else { hadLogs[institution] = read.hasLogs }
            institutions[institution] = InstitutionState(id: institution, facts: facts)
        }
        for (person, record) in load.cases where people[person] == nil {
            let basis = record.map { record -> Int in
                let basis = Entitlement.Basis(record)
                if let known = bases[basis] { return known }
                bases[basis] = bases.count
                return bases.count - 1
            }
            let state = PersonState(id: person, record: record, basis: basis, enrolments: load.enrolments[person] ?? [], plans: load.plans[person] ?? [])
            state.lastUse = chunk
            people[person] = state
        }
        for (month, people) in load.personMonths {
            for person in people {
                guard let state = self.people[person], state.months[month] == nil else { continue }
                let used = load.use[month]?[person] ?? MonthUse()
                state.months[month] = MonthState(view: nil, allowed: used.allowed, minutes: used.minutes, visits: used.visits)
            }
        }
        for row in load.personWeekRows {
            guard let state = people[row.person], state.weeks[row.week] == nil else { continue }
            let week = PersonWeekState()
            week.minutes = row.minutes
            week.visits = row.visits
            week.allowed = row.allowed
            week.busy = row.busy.map { time in
                Interval(start: Int32(time.start.value), end: Int32(time.end.value), owner: own(LogKey(institution: time.institution, logID: time.logID)),
                         caregiver: caregiver(CaregiverKey(institution: time.institution, caregiver: time.caregiver), chunk: chunk).number,
                         item: item(time.item))
            }
            intervals += week.busy.count
            state.weeks[row.week] = week
        }
        for person in load.weekPeople {
            guard let state = people[person] else { continue }
            for week in load.weeks where state.weeks[week] == nil { state.weeks[week] = PersonWeekState() }
        }
        for row in load.caregiverWeekRows {
            let state = caregiver(row.caregiver, chunk: chunk)
            guard state.weeks[row.week] == nil else { continue }
            let week = CaregiverWeekState()
            week.busy = row.busy.map { time in
                Slot(start: Int32(time.start.value), end: Int32(time.end.value), owner: own(LogKey(institution: time.institution, logID: time.logID)))
            }
            intervals += week.busy.count
            state.weeks[row.week] = week
        }
        for key in load.weekCaregivers {
            let state = caregiver(key, chunk: chunk)
            for week in load.weeks where state.weeks[week] == nil { state.weeks[week] = CaregiverWeekState() }
        }
        for key in load.registry {
            let state = caregiver(key, chunk: chunk)
            guard !state.registryRead else { continue }
            state.registryRead = true
            state.registered = load.registered[key].map(RegisteredCaregiver.init)
            state.peers = (load.peers[key] ?? []).map { caregiver($0, chunk: chunk) }
        }
    }

    /// The state of a caregiver, made if not held yet.
    private mutating func caregiver(_ key: CaregiverKey, chunk: Int) -> CaregiverState {
        if let known = caregivers[key] { return known }
        let state = CaregiverState(key: key, number: Int32(caregiverKeys.count))
        state.lastUse = chunk
        caregivers[key] = state
        caregiverKeys.append(key)
        return state
    }

    /// What a log touches, once per log. (Its needs were read before it is
    /// checked, so its caregiver is held; a caregiver of no stored service is held empty.)
    mutating func touch(_ log: ServiceLog) -> Touch {
        let key = CaregiverKey(institution: log.institution, caregiver: log.caregiver)
        let caregiver = caregivers[key] ?? caregiver(key, chunk: 0)
        return Touch(person: people[log.person], caregiver: caregiver, institution: institutions[log.institution], item: item(log.item))
    }

    /// Works out the months of entitlement these logs need and no one has
    /// worked out yet, on the process's workers at once (``Threads/workers``):
    /// once per basis and month, shared by every case with that basis.
    mutating func prepare(_ logs: [ServiceLog]) {
        var wanted: [BasisMonth: Case] = [:]
        var waiting: [(person: PersonState, key: BasisMonth)] = []
        for log in logs {
            let month = YearMonth(containing: log.day)
            guard let person = people[log.person], let record = person.record, let basis = person.basis,
                  let state = person.months[month], state.view == nil else { continue }
            let key = BasisMonth(basis: basis, month: month)
            if let known = views[key] {
                person.months[month]?.view = .some(known)
            } else {
                if wanted[key] == nil { wanted[key] = record }
                waiting.append((person, key))
            }
        }
        guard !wanted.isEmpty else { return }
        let keys = Array(wanted.keys), records = keys.map { wanted[$0]! }, quotes = quotes
        let schemes = Array(self.schemes.values)
        // Lane l works out keys l, l + lanes, l + 2 × lanes, …
        let lanes = min(Threads.workers, keys.count)
        let results = Threads.parallel(lanes: lanes) { lane in
            stride(from: lane, to: keys.count, by: lanes).map { index in
                Self.view(records[index], schemes: schemes, month: keys[index].month, quotes: quotes)
            }
        }
        for (index, key) in keys.enumerated() { views[key] = results[index % lanes][index / lanes].map(resolve) }
        for entry in waiting { entry.person.months[entry.key.month]?.view = .some(views[entry.key] ?? nil) }
    }

    struct BasisMonth: Hashable {
        var basis: Int
        var month: YearMonth
    }

    /// A month's paid days with their rules resolved.
    private func resolve(_ view: MonthView) -> MonthView {
        view.paid = view.palette.map { status in
            guard case .paid(let mode, let grade, let scheme) = status, let rules = rules[scheme] else { return nil }
            return PaidDay(mode: mode, grade: grade, insured: view.insured, scheme: rules)
        }
        return view
    }

    /// A person's month, worked out if not yet.
    mutating func monthView(_ person: PersonState, month: YearMonth) -> MonthView? {
        if let view = person.months[month]?.view { return view }
        guard let record = person.record, let basis = person.basis else { return nil }
        let key = BasisMonth(basis: basis, month: month)
        let view = views[key] ?? Self.view(record, schemes: Array(schemes.values), month: month, quotes: quotes).map(resolve)
        views[key] = view
        person.months[month, default: MonthState(view: nil, allowed: .zero, minutes: 0, visits: 0)].view = .some(view)
        return view
    }

    /// A month of a case's entitlement: each day's status, and the ceiling
    /// (the eligible cost of each grade and mode for its paid days, from the
    /// benefit engine; quotes are shared by everyone with the same grade, mode and days).
    static func view(_ record: Case, schemes: [Scheme], month: YearMonth, quotes: QuoteCache) -> MonthView? {
        guard let statuses = try? Entitlement.dayStatuses(case: record, schemes: schemes, month: month) else { return nil }
        var palette: [Entitlement.DayStatus] = []
        var statusIndex: [UInt8] = []
        statusIndex.reserveCapacity(statuses.count)
        var paidDays: [QuoteKey: (days: Int, last: CalendarDate)] = [:]
        for (day, status) in zip(month.days, statuses) {
            let index = palette.firstIndex(of: status) ?? { palette.append(status); return palette.count - 1 }()
            statusIndex.append(UInt8(index))
            if case .paid(let mode, let grade, let scheme) = status {
                let key = QuoteKey(scheme: scheme, grade: grade, mode: mode, insured: record.insured, month: month, days: 0)
                paidDays[key, default: (0, day)].days += 1
                paidDays[key]!.last = day
            }
        }
        var ceiling = Money.zero
        var minutes = MonthQuantity(), visits = MonthQuantity()
        for (key, paid) in paidDays {
            guard let scheme = schemes.first(where: { $0.id == key.scheme }) else { continue }
            var full = key
            full.days = paid.days
            full.continuity = Entitlement.continuity(record, scheme: scheme, grade: key.grade, mode: key.mode, month: month, lastPaid: paid.last)
            let cost = quotes.cost(full, scheme: scheme)
            ceiling = ceiling + cost.eligible
            minutes.add(cost.minutes)
            visits.add(cost.visits)
        }
        return MonthView(statusIndex: statusIndex, palette: palette, firstDay: month.firstDay, ceiling: ceiling, minutes: minutes.limit,
                         visits: visits.limit, insured: record.insured)
    }

    // MARK: Using time and money

    /// How an interned item is counted, as the schemes' catalogues say.
    func unit(ofItem number: Int32) -> ServiceItem.Unit? {
        units[itemNames[Int(number)]]
    }

    /// How an item is counted, by its code.
    func unit(ofCode code: String) -> ServiceItem.Unit? {
        units[code]
    }

    mutating func item(_ code: String) -> Int32 {
        if let known = items[code] { return known }
        itemNames.append(code)
        let next = Int32(items.count)
        items[code] = next
        return next
    }

    func knownItem(_ code: String) -> Int32? { items[code] }

    private mutating func own(_ owner: LogKey) -> Int32 {
        owners.append(owner)
        return Int32(owners.count - 1)
    }

    /// Whose log a busy time is, as told to `institution`: its own log by id;
    /// another institution's only as such (rejections never show another's data).
    func owner(_ index: Int32, toldTo institution: String) -> String {
        ownLog(index, toldTo: institution) ?? "a log of another institution"
    }

    /// `log L17` when the busy time is `institution`'s own log; `nil` for
    /// another institution's, whose times a rejection does not show either.
    func ownLog(_ index: Int32, toldTo institution: String) -> String? {
        let key = owners[Int(index)]
        return key.institution == institution ? "log \(key.logID)" : nil
    }

    private mutating func dirty(_ person: PersonState, week: PersonWeekState?) {
        week?.dirty = true
        if !person.queued {
            person.queued = true
            dirtyPeople.append(person)
        }
    }

    private mutating func dirty(_ caregiver: CaregiverState, week: CaregiverWeekState) {
        week.dirty = true
        if !caregiver.queued {
            caregiver.queued = true
            dirtyCaregivers.append(caregiver)
        }
    }

    /// Records an accepted log as using its time, its week's hours and its
    /// part of the month's ceiling, and its money as to be added to the ledger.
    mutating func register(_ log: ServiceLog, _ touch: Touch, money: AcceptedService, unit: ServiceItem.Unit, monthOpen: Bool) {
        let owner = own(LogKey(institution: log.institution, logID: log.logID))
        let start = Int32(log.start.value), end = Int32(log.end.value), weekNumber = Week.number(of: log.start)
        let slotWeek = touch.caregiver.weeks[weekNumber] ?? CaregiverWeekState()
        touch.caregiver.weeks[weekNumber] = slotWeek
        slotWeek.busy.append(Slot(start: start, end: end, owner: owner))
        dirty(touch.caregiver, week: slotWeek)
        intervals += 1
        guard let person = touch.person else { return }
        let week = person.weeks[weekNumber] ?? PersonWeekState()
        person.weeks[weekNumber] = week
        week.busy.append(Interval(start: start, end: end, owner: owner, caregiver: touch.caregiver.number, item: touch.item))
        if unit == .hour { week.minutes += log.minutes }
        if unit == .visit { week.visits += 1 }
        week.allowed[Week.weekday(of: log.day)] = week.allowed[Week.weekday(of: log.day)] + money.allowed
        dirty(person, week: week)
        intervals += 1
        let month = YearMonth(containing: log.day)
        if person.months[month] != nil {
            person.months[month]!.allowed = person.months[month]!.allowed + money.allowed
            if unit == .hour { person.months[month]!.minutes += log.minutes }
            if unit == .visit { person.months[month]!.visits += 1 }
        }
        if monthOpen { add(money, of: log, unit: unit, sign: 1, to: person) }
        dirty(person, week: nil)
    }

    /// Takes back what an earlier version of a log used, before its correction is checked.
    mutating func unregister(_ stored: StoredLog, monthOpen: Bool) {
        let log = stored.log
        guard let money = stored.money, stored.status == .accepted else { return }
        let start = Int32(log.start.value), end = Int32(log.end.value), weekNumber = Week.number(of: log.start)
        func isIt(_ owner: Int32) -> Bool { owners[Int(owner)] == LogKey(institution: log.institution, logID: log.logID) }
        if let caregiver = caregivers[CaregiverKey(institution: log.institution, caregiver: log.caregiver)], let week = caregiver.weeks[weekNumber] {
            week.busy.removeAll { $0.start == start && $0.end == end && isIt($0.owner) }
            dirty(caregiver, week: week)
        }
        guard let person = people[log.person] else { return }
        if let week = person.weeks[weekNumber] {
            week.busy.removeAll { $0.start == start && $0.end == end && isIt($0.owner) }
            if units[log.item] == .hour { week.minutes -= log.minutes }
            if units[log.item] == .visit { week.visits -= 1 }
            week.allowed[Week.weekday(of: log.day)] = week.allowed[Week.weekday(of: log.day)] - money.allowed
            dirty(person, week: week)
        }
        let month = YearMonth(containing: log.day)
        if person.months[month] != nil {
            person.months[month]!.allowed = person.months[month]!.allowed - money.allowed
            if units[log.item] == .hour { person.months[month]!.minutes -= log.minutes }
            if units[log.item] == .visit { person.months[month]!.visits -= 1 }
        }
        if monthOpen { add(money, of: log, unit: units[log.item], sign: -1, to: person) }
        dirty(person, week: nil)
    }

    private func add(_ money: AcceptedService, of log: ServiceLog, unit: ServiceItem.Unit?, sign: Int, to person: PersonState) {
        let month = YearMonth(containing: log.day)
        var index = person.money.firstIndex { $0.month == month && $0.grade == money.grade && $0.mode == log.mode }
        if index == nil {
            person.money.append(MoneyChange(month: month, grade: money.grade, mode: log.mode))
            index = person.money.count - 1
        }
        person.money[index!].amounts.add(money, sign: sign)
        if unit == .hour { person.money[index!].amounts.minutes += sign * log.minutes }
        if unit == .visit { person.money[index!].amounts.visits += sign }
    }

    /// Counts a log version in (`sign` 1) or out (-1) of its institution's
    /// month: receipts always, money only while the month is open.
    func receive(_ stored: StoredLog, sign: Int, monthOpen: Bool, at institution: InstitutionState) {
        let month = YearMonth(containing: stored.log.day)
        var index = institution.changes.firstIndex { $0.month == month }
        if index == nil {
            institution.changes.append((month, UsageChanges.InstitutionAmounts()))
            index = institution.changes.count - 1
        }
        institution.changes[index!].amounts.received += sign
        if stored.status == .rejected { institution.changes[index!].amounts.rejected += sign }
        if let money = stored.money, stored.status == .accepted, monthOpen {
            institution.changes[index!].amounts.add(money, sign: sign)
        }
    }

    func institution(_ id: String) -> InstitutionState? { institutions[id] }

    /// The terms an institution's agreements give on a day.
    func terms(_ institution: InstitutionState, on day: CalendarDate) -> TermsBox {
        if let known = institution.termsByDay[day.dayNumber] { return known }
        let box = TermsBox(institution.facts.agreements.lazy.compactMap { $0.terms(coveringDay: day) }.first)
        institution.termsByDay[day.dayNumber] = box
        return box
    }

    // MARK: Writing back and memory

    /// What changed and is not needed by a later chunk (everything, with
    /// `all`): weeks to write whole, and the money and receipts to add.
    mutating func flush(after chunk: Int, all: Bool) -> (usage: UsageChanges, weeks: [PersonWeek], caregiverWeeks: [CaregiverWeek]) {
        var usage = UsageChanges()
        var weeks: [PersonWeek] = [], caregiverWeeks: [CaregiverWeek] = []
        var keptPeople: [PersonState] = []
        for person in dirtyPeople {
            for change in person.money {
                let key = UsageChanges.MonthKey(person: person.id, month: change.month, grade: change.grade, mode: change.mode)
                usage.months[key, default: UsageChanges.MonthAmounts()].add(change.amounts)
            }
            person.money = []
            guard all || person.lastUse <= chunk else {
                keptPeople.append(person)
                continue
            }
            person.queued = false
            for (number, week) in person.weeks where week.dirty {
                week.dirty = false
                weeks.append(PersonWeek(person: person.id, week: number, minutes: week.minutes, visits: week.visits, allowed: week.allowed, busy: week.busy.map { interval in
                    let owner = owners[Int(interval.owner)]
                    return BusyTime(institution: owner.institution, logID: owner.logID, person: person.id,
                                    caregiver: caregiverKeys[Int(interval.caregiver)].caregiver, item: itemNames[Int(interval.item)],
                                    start: LocalMinute(minutes: Int(interval.start)), end: LocalMinute(minutes: Int(interval.end)))
                }))
            }
        }
        dirtyPeople = keptPeople
        var keptCaregivers: [CaregiverState] = []
        for caregiver in dirtyCaregivers {
            guard all || caregiver.lastUse <= chunk else {
                keptCaregivers.append(caregiver)
                continue
            }
            caregiver.queued = false
            for (number, week) in caregiver.weeks where week.dirty {
                week.dirty = false
                caregiverWeeks.append(CaregiverWeek(caregiver: caregiver.key, week: number, busy: week.busy.map { slot in
                    BusyTime(institution: caregiver.key.institution, logID: owners[Int(slot.owner)].logID, person: 0,
                             caregiver: caregiver.key.caregiver, item: "",
                             start: LocalMinute(minutes: Int(slot.start)), end: LocalMinute(minutes: Int(slot.end)))
                }))
            }
        }
        dirtyCaregivers = keptCaregivers
        for institution in institutions.values where !institution.changes.isEmpty {
            for change in institution.changes {
                let key = UsageChanges.InstitutionKey(institution: institution.id, month: change.month)
                usage.institutions[key, default: UsageChanges.InstitutionAmounts()].add(change.amounts)
            }
            institution.changes = []
        }
        return (usage, weeks, caregiverWeeks)
    }


    /// The most busy times held before the workspace is written back and emptied.
    static let intervalLimit = 500_000

    var isOverLimit: Bool { intervals > Self.intervalLimit || people.count > Self.intervalLimit / 20 }

    /// Drops everything read (schemes, closed months and whether institutions had logs aside); call after
    /// everything changed is flushed. What a later chunk needs is read again.
    mutating func clear() {
        people = IntMap()
        caregivers = [:]
        caregiverKeys = []
        institutions = [:]
        owners = []
        dirtyPeople = []
        dirtyCaregivers = []
        intervals = 0
    }
}

/// The money of accepted services that the ledger adds up, per person and
/// month or per institution and month.
protocol ServiceMoneyTotals {
    var logs: Int { get set }
    var billed: Money { get set }
    var allowed: Money { get set }
    var fund: Money { get set }
}

extension ServiceMoneyTotals {
    /// Adds an accepted service (`sign` 1), or takes it back (`sign` -1).
    mutating func add(_ money: AcceptedService, sign: Int) {
        logs += sign
        billed = billed + money.billed.times(sign)
        allowed = allowed + money.allowed.times(sign)
        fund = fund + money.fund.times(sign)
    }

    mutating func addMoney(of other: some ServiceMoneyTotals) {
        logs += other.logs
        billed = billed + other.billed
        allowed = allowed + other.allowed
        fund = fund + other.fund
    }
}

extension UsageChanges.MonthAmounts: ServiceMoneyTotals {
    mutating func add(_ other: UsageChanges.MonthAmounts) {
        addMoney(of: other)
        minutes += other.minutes
        visits += other.visits
    }
}

extension UsageChanges.InstitutionAmounts: ServiceMoneyTotals {
    mutating func add(_ other: UsageChanges.InstitutionAmounts) {
        received += other.received
        rejected += other.rejected
        addMoney(of: other)
    }
}

extension Money {
    func times(_ sign: Int) -> Money { sign < 0 ? Money.zero - self : self }
}

/// The key of a benefit quote: scheme, grade, mode, insured group, month and days paid.
struct QuoteKey: Hashable, Sendable {
    var scheme: String
    var grade: Int
    var mode: String
    var insured: InsuredGroup?
    var month: YearMonth
    var days: Int
    var continuity: ContinuousCare? = nil
}

/// What a quote gives the checks: its eligible cost (service modes only;
/// cash is not a ceiling for services) and, where its row counts hours or
/// visits by the month, how many (``QuoteCost/Quantity``).
struct QuoteCost: Sendable {
    /// A part's hours (in minutes) or visits of the month: a limit where the
    /// row counts them by the month, none where it counts them by the week
    /// (the enrolment's weekly package is checked instead), and nothing to
    /// count where the row is not priced in that unit.
    enum Quantity: Sendable, Equatable {
        case notCounted
        case weekly
        case monthly(Int)
    }

    var eligible: Money
    var minutes: Quantity
    var visits: Quantity
}

/// A month's limit of hours or visits over the parts of its paid days: the
/// sum of the parts' monthly quantities, unless a part of that unit has no
/// monthly quantity (its week is checked instead) or none has one.
struct MonthQuantity {
    private var total = 0
    private var monthly = false
    private var unlimited = false

    mutating func add(_ quantity: QuoteCost.Quantity) {
        switch quantity {
        case .notCounted: break
        case .weekly: unlimited = true
        case .monthly(let count):
            monthly = true
            total += count
        }
    }

    var limit: Int? { monthly && !unlimited ? total : nil }
}

/// Benefit quotes' costs, worked out once per key and shared by threads.
/// Two threads may work out the same key at once; both get the same cost.
final class QuoteCache: Sendable {
    private let costs = Mutex<[QuoteKey: QuoteCost]>([:])

    func cost(_ key: QuoteKey, scheme: Scheme) -> QuoteCost {
        if let known = costs.withLock({ $0[key] }) { return known }
        // Worked out outside the lock, so that other lanes' lookups do not wait for it.
        let quote = try? BenefitQuote(scheme: scheme, grade: key.grade, mode: key.mode, insured: key.insured, month: key.month, days: key.days,
                                     continuity: key.continuity)
        let rule = scheme.benefits?.rule(grade: key.grade, mode: key.mode, insured: key.insured)
        func quantity(_ pricing: BenefitRule.Pricing, _ count: Int?) -> QuoteCost.Quantity {
            guard let rule, rule.pricing == pricing, quote != nil, let count else { return .notCounted }
            if case .perMonth = rule.quantity { return .monthly(count) }
            return .weekly
        }
        let cost = QuoteCost(eligible: quote.map { $0.pricing == .cash ? .zero : $0.eligibleCost } ?? .zero,
                             minutes: quantity(.hourly, quote?.minutes), visits: quantity(.visit, quote?.visits))
        costs.withLock { $0[key] = cost }
        return cost
    }
}
