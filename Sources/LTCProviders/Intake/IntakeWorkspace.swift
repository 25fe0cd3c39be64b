import Dispatch
import Foundation
import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// What a submission's checks hold in memory: what was read from the store
/// for the logs seen so far (cases, enrolments, the months' use and busy
/// times, institutions' agreements and caregivers, closed months), updated
/// as logs are accepted. A chunk's needs are read ahead on the storage
/// thread (``IntakeNeeds``); ``evict(keeping:)`` bounds the memory whatever
/// the submission's length: what is dropped is in the store (with the
/// chunks written since) and is read again if needed.
struct IntakeWorkspace {
    let asOf: CalendarDate
    private(set) var schemes: [String: Scheme] = [:]
    private(set) var rules: [String: SchemeRules] = [:]
    /// Item code → unit, over the schemes held.
    private(set) var units: [String: ServiceItem.Unit] = [:]
    private(set) var settled: [YearMonth: Bool] = [:]
    private(set) var people: [Int: PersonState] = [:]
    private(set) var caregivers: [CaregiverKey: CaregiverState] = [:]
    private(set) var institutions: [String: InstitutionState] = [:]
    /// `institution/log id` of each interval held, for messages.
    private(set) var owners: [String] = []
    /// Caregiver ids and item codes, interned.
    private var symbols: [String: Int32] = [:]
    /// Benefit quotes by grade, mode and days, shared by everyone alike.
    private let quotes = QuoteCache()
    /// Intervals held: the measure of memory that ``evict(keeping:)`` bounds.
    private(set) var intervals = 0

    init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    // MARK: State

    /// A beneficiary as the checks see them.
    final class PersonState {
        /// The case benefits follow; `nil`: none (the logs fail B01).
        let record: Case?
        let enrolments: [Enrolment]
        var months: [YearMonth: MonthState] = [:]
        var weeks: [Int: WeekUse] = [:]
        var busy: [Interval] = []

        init(record: Case?, enrolments: [Enrolment]) {
            self.record = record
            self.enrolments = enrolments
        }
    }

    /// A month of a person's entitlement and what is used of it.
    struct MonthState {
        /// Each day's status and the month's ceiling; `nil` until worked out,
        /// `.some(nil)` when no scheme with benefits covers the month.
        var view: MonthView??
        /// Allowed so far against the ceiling.
        var allowed: Money
    }

    /// A month of a person's entitlement, as the checks need it.
    struct MonthView {
        /// Per day of the month, an index into ``palette``: a month has few distinct statuses.
        var statusIndex: [UInt8]
        var palette: [Entitlement.DayStatus]
        var firstDay: CalendarDate
        var ceiling: Money

        func status(on day: CalendarDate) -> Entitlement.DayStatus {
            palette[Int(statusIndex[firstDay.days(until: day)])]
        }
    }

    /// A beneficiary's service time, with enough to tell a duplicate
    /// (caregiver and item as interned symbols) and whose log it is (an index into ``owners``).
    struct Interval {
        var start: Int32
        var end: Int32
        var owner: Int32
        var caregiver: Int32
        var item: Int32
    }

    /// A caregiver's busy time.
    struct Slot {
        var start: Int32
        var end: Int32
        var owner: Int32
    }

    final class CaregiverState {
        var months: Set<YearMonth> = []
        var busy: [Slot] = []
    }

    final class InstitutionState {
        let facts: InstitutionFacts
        /// The terms its agreements give on a day, by day number, worked out once.
        var termsByDay: [Int: TermsBox] = [:]

        init(facts: InstitutionFacts) {
            self.facts = facts
        }
    }

    /// The terms an institution's agreements give on a day, held by reference so that checking copies nothing.
    final class TermsBox {
        let terms: Agreement.Terms?
        let modes: Set<String>
        init(_ terms: Agreement.Terms?) {
            self.terms = terms
            modes = Set(terms?.modes ?? [])
        }
    }

    /// A scheme's rules as the checks read them, held by reference.
    final class SchemeRules {
        let monitoring: MonitoringSettings?
        let items: [String: ServiceItem]
        let table: [RuleKey: RuleBox]

        init(_ benefits: BenefitSettings) {
            monitoring = benefits.monitoring
            items = Dictionary(benefits.catalogue.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            table = Dictionary(benefits.table.map { (RuleKey(grade: $0.grade, mode: $0.mode), RuleBox($0)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    struct RuleKey: Hashable {
        var grade: Int
        var mode: String
    }

    final class RuleBox {
        let items: Set<String>
        let itemList: String
        let ratio: Ratio?

        init(_ rule: BenefitRule) {
            items = Set(rule.items)
            itemList = rule.items.joined(separator: ", ")
            ratio = rule.ratio
        }
    }

    // MARK: What a chunk needs

    /// What these logs need that is not held; ids are asked for where the
    /// institution may have stored them (it sent logs before, or this
    /// submission may have sent the id already).
    func needs(for logs: [ServiceLog], sent: SentKeys) -> IntakeNeeds {
        var needs = IntakeNeeds()
        needs.knownSchemes = Set(schemes.keys)
        for log in logs {
            let month = YearMonth(containing: log.day)
            if people[log.person] == nil { needs.people.insert(log.person) }
            if people[log.person]?.months[month] == nil { needs.personMonths[month, default: []].insert(log.person) }
            let caregiver = CaregiverKey(institution: log.institution, caregiver: log.caregiver)
            if caregivers[caregiver]?.months.contains(month) != true { needs.caregiverMonths[month, default: []].insert(caregiver) }
            if settled[month] == nil { needs.months.insert(month) }
            let institution = institutions[log.institution]
            if institution == nil { needs.institutions.insert(log.institution) }
            if institution?.facts.hasLogs != false || sent.mayContain(institution: log.institution, logID: log.logID) {
                needs.ids[log.institution, default: []].append(log.logID)
            }
        }
        return needs
    }

    /// Takes in what the store read; what is held already is newer and is kept.
    mutating func merge(_ load: IntakeLoad) {
        for scheme in load.schemes where schemes[scheme.id] == nil {
            schemes[scheme.id] = scheme
            if let benefits = scheme.benefits {
                rules[scheme.id] = SchemeRules(benefits)
                for item in benefits.catalogue where units[item.code] == nil { units[item.code] = item.unit }
            }
        }
        for (month, closed) in load.settled where settled[month] == nil { settled[month] = closed }
        for (institution, facts) in load.institutions where institutions[institution] == nil {
            institutions[institution] = InstitutionState(facts: facts)
        }
        for (person, record) in load.cases where people[person] == nil {
            people[person] = PersonState(record: record, enrolments: load.enrolments[person] ?? [])
        }
        for (month, people) in load.personMonths {
            for person in people {
                guard let state = self.people[person], state.months[month] == nil else { continue }
                let use = load.use[month]?[person] ?? PersonUse()
                state.months[month] = MonthState(view: nil, allowed: use.allowed)
                for (week, used) in use.weeks where state.weeks[week] == nil { state.weeks[week] = used }
                // Busy times read for this month's window; an adjacent month's window may hold some of them already.
                let fresh = state.busy.isEmpty
                for time in load.personBusy[month]?[person] ?? [] {
                    let owner = "\(time.institution)/\(time.logID)"
                    let start = Int32(time.start.value), end = Int32(time.end.value)
                    if !fresh, state.busy.contains(where: { $0.start == start && $0.end == end && owners[Int($0.owner)] == owner }) { continue }
                    state.busy.append(Interval(start: start, end: end, owner: own(owner), caregiver: symbol(time.caregiver), item: symbol(time.item)))
                    intervals += 1
                }
            }
        }
        for (month, keys) in load.caregiverMonths {
            for key in keys {
                let state = caregivers[key] ?? CaregiverState()
                caregivers[key] = state
                guard state.months.insert(month).inserted else { continue }
                let fresh = state.busy.isEmpty
                for time in load.caregiverBusy[month]?[key] ?? [] {
                    let owner = "\(time.institution)/\(time.logID)"
                    let start = Int32(time.start.value), end = Int32(time.end.value)
                    if !fresh, state.busy.contains(where: { $0.start == start && $0.end == end && owners[Int($0.owner)] == owner }) { continue }
                    state.busy.append(Slot(start: start, end: end, owner: own(owner)))
                    intervals += 1
                }
            }
        }
    }

    /// Works out, on all cores, the months of entitlement these logs need and no one has worked out yet.
    func prepare(_ logs: [ServiceLog]) {
        var seen: Set<PersonMonth> = []
        var work: [(state: MonthOwner, month: YearMonth)] = []
        for log in logs {
            let month = YearMonth(containing: log.day)
            guard let person = people[log.person], let record = person.record, let state = person.months[month], state.view == nil,
                  seen.insert(PersonMonth(person: log.person, month: month)).inserted else { continue }
            work.append((MonthOwner(person: person, record: record), month))
        }
        guard !work.isEmpty else { return }
        let records = work.map(\.state.record), months = work.map(\.month), quotes = quotes
        let schemes = Array(self.schemes.values)
        var views = [MonthView?](repeating: nil, count: work.count)
        views.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let lanes = min(ProcessInfo.processInfo.activeProcessorCount, 8)
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for index in stride(from: lane, to: records.count, by: lanes) {
                    results[index] = Self.view(records[index], schemes: schemes, month: months[index], quotes: quotes)
                }
            }
        }
        for (index, entry) in work.enumerated() {
            entry.state.person.months[entry.month]?.view = .some(views[index])
        }
    }

    struct PersonMonth: Hashable {
        var person: Int
        var month: YearMonth
    }

    struct MonthOwner {
        let person: PersonState
        let record: Case
    }

    /// A person's month, worked out if not yet.
    func monthView(_ person: PersonState, month: YearMonth) -> MonthView? {
        if let view = person.months[month]?.view { return view }
        guard let record = person.record else { return nil }
        let view = Self.view(record, schemes: Array(schemes.values), month: month, quotes: quotes)
        person.months[month, default: MonthState(view: nil, allowed: .zero)].view = .some(view)
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
        var paidDays: [QuoteKey: Int] = [:]
        for status in statuses {
            let index = palette.firstIndex(of: status) ?? { palette.append(status); return palette.count - 1 }()
            statusIndex.append(UInt8(index))
            if case .paid(let mode, let grade, let scheme) = status {
                paidDays[QuoteKey(scheme: scheme, grade: grade, mode: mode, month: month, days: 0), default: 0] += 1
            }
        }
        var ceiling = Money.zero
        for (key, days) in paidDays {
            var full = key
            full.days = days
            guard let scheme = schemes.first(where: { $0.id == key.scheme }) else { continue }
            ceiling = ceiling + quotes.eligibleCost(full, scheme: scheme)
        }
        return MonthView(statusIndex: statusIndex, palette: palette, firstDay: month.firstDay, ceiling: ceiling)
    }

    // MARK: Using time and money

    mutating func symbol(_ text: String) -> Int32 {
        if let known = symbols[text] { return known }
        let next = Int32(symbols.count)
        symbols[text] = next
        return next
    }

    func knownSymbol(_ text: String) -> Int32? { symbols[text] }

    private mutating func own(_ owner: String) -> Int32 {
        owners.append(owner)
        return Int32(owners.count - 1)
    }

    /// Records an accepted log as using its time, its week's hours and its part of the month's ceiling.
    mutating func register(_ log: ServiceLog, allowed: Money) {
        let owner = own(Self.owner(log))
        let start = Int32(log.start.value), end = Int32(log.end.value)
        let key = CaregiverKey(institution: log.institution, caregiver: log.caregiver)
        let caregiver = caregivers[key] ?? CaregiverState()
        caregivers[key] = caregiver
        caregiver.busy.append(Slot(start: start, end: end, owner: owner))
        intervals += 1
        guard let person = people[log.person] else { return }
        person.busy.append(Interval(start: start, end: end, owner: owner, caregiver: symbol(log.caregiver), item: symbol(log.item)))
        intervals += 1
        let week = Week.number(of: log.day)
        var use = person.weeks[week] ?? WeekUse()
        if units[log.item] == .hour { use.minutes += log.minutes }
        if units[log.item] == .visit { use.visits += 1 }
        person.weeks[week] = use
        let month = YearMonth(containing: log.day)
        if let used = person.months[month]?.allowed { person.months[month]?.allowed = used + allowed }
    }

    /// Takes back what an earlier version of a log used, before its correction is checked.
    mutating func unregister(_ log: ServiceLog, allowed: Money) {
        let name = Self.owner(log)
        let start = Int32(log.start.value), end = Int32(log.end.value)
        caregivers[CaregiverKey(institution: log.institution, caregiver: log.caregiver)]?.busy.removeAll {
            $0.start == start && $0.end == end && owners[Int($0.owner)] == name
        }
        guard let person = people[log.person] else { return }
        person.busy.removeAll { $0.start == start && $0.end == end && owners[Int($0.owner)] == name }
        let week = Week.number(of: log.day)
        if var use = person.weeks[week] {
            if units[log.item] == .hour { use.minutes -= log.minutes }
            if units[log.item] == .visit { use.visits -= 1 }
            person.weeks[week] = use
        }
        let month = YearMonth(containing: log.day)
        if let used = person.months[month]?.allowed { person.months[month]?.allowed = used - allowed }
    }

    func institution(_ id: String) -> InstitutionState? { institutions[id] }

    /// The terms an institution's agreements give on a day.
    func terms(_ institution: InstitutionState, on day: CalendarDate) -> TermsBox {
        if let known = institution.termsByDay[day.dayNumber] { return known }
        let box = TermsBox(institution.facts.agreements.lazy.compactMap { $0.terms(coveringDay: day) }.first)
        institution.termsByDay[day.dayNumber] = box
        return box
    }

    static func owner(_ log: ServiceLog) -> String { "\(log.institution)/\(log.logID)" }

    // MARK: Memory

    /// The most intervals held before the workspace drops what the next chunk does not need.
    static let intervalLimit = 3_000_000

    var isOverLimit: Bool { intervals > Self.intervalLimit || people.count > Self.intervalLimit / 20 }

    /// Drops every person, caregiver and institution that `logs` do not touch.
    mutating func evict(keeping logs: [ServiceLog]) {
        let keptPeople = Set(logs.map(\.person))
        let keptCaregivers = Set(logs.map { CaregiverKey(institution: $0.institution, caregiver: $0.caregiver) })
        let keptInstitutions = Set(logs.map(\.institution))
        people = people.filter { keptPeople.contains($0.key) }
        caregivers = caregivers.filter { keptCaregivers.contains($0.key) }
        institutions = institutions.filter { keptInstitutions.contains($0.key) }
        // Number the owners of what is kept afresh.
        var renumbered: [String] = []
        func renumber(_ owner: Int32) -> Int32 {
            renumbered.append(owners[Int(owner)])
            return Int32(renumbered.count - 1)
        }
        intervals = 0
        for state in people.values {
            state.busy = state.busy.map { Interval(start: $0.start, end: $0.end, owner: renumber($0.owner), caregiver: $0.caregiver, item: $0.item) }
            intervals += state.busy.count
        }
        for state in caregivers.values {
            state.busy = state.busy.map { Slot(start: $0.start, end: $0.end, owner: renumber($0.owner)) }
            intervals += state.busy.count
        }
        owners = renumbered
    }
}

/// The key of a benefit quote: scheme, grade, mode, month and days paid.
struct QuoteKey: Hashable, Sendable {
    var scheme: String
    var grade: Int
    var mode: String
    var month: YearMonth
    var days: Int
}

/// Benefit quotes' eligible cost (service modes only; cash is not a
/// ceiling for services), worked out once per key and shared by threads.
final class QuoteCache: @unchecked Sendable {
    // `costs` is read and written with `lock` held.
    private let lock = NSLock()
    private var costs: [QuoteKey: Money] = [:]

    func eligibleCost(_ key: QuoteKey, scheme: Scheme) -> Money {
        lock.lock()
        if let known = costs[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let quote = try? BenefitQuote(scheme: scheme, grade: key.grade, mode: key.mode, month: key.month, days: key.days)
        let cost = quote.map { $0.pricing == .cash ? .zero : $0.eligibleCost } ?? .zero
        lock.lock()
        costs[key] = cost
        lock.unlock()
        return cost
    }
}
