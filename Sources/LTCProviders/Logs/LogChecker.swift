import Foundation
import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// What a submission is checked against, read from storage once per
/// submission, and what the accepted logs have used up so far (busy times,
/// weekly hours, the month's ceiling). Checking is in memory: no storage
/// round trip per log.
public struct IntakeContext: Sendable {
    public var asOf: CalendarDate
    public var closedMonths: Set<YearMonth>
    public var schemes: [Scheme]
    /// By person id: the person's case and enrolments.
    public var beneficiaries: [Int: (record: Case, enrolments: [Enrolment])]
    /// By institution, then caregiver id.
    public var caregivers: [String: [String: Caregiver]]
    /// By institution.
    public var agreements: [String: [Agreement]]

    public init(asOf: CalendarDate, closedMonths: Set<YearMonth>, schemes: [Scheme],
                beneficiaries: [Int: (record: Case, enrolments: [Enrolment])],
                caregivers: [String: [String: Caregiver]], agreements: [String: [Agreement]]) {
        self.asOf = asOf
        self.closedMonths = closedMonths
        self.schemes = schemes
        self.beneficiaries = beneficiaries
        self.caregivers = caregivers
        self.agreements = agreements
    }
}

/// A log that passed every rule, with its money: the billed amount at the
/// agreed price, what the month's ceiling allows of it, and the fund's and
/// the person's shares of that.
public struct AcceptedService: Sendable, Equatable {
    public var billed: Money
    public var allowed: Money
    public var fund: Money
    public var personal: Money { allowed - fund }

    public init(billed: Money, allowed: Money, fund: Money) {
        self.billed = billed
        self.allowed = allowed
        self.fund = fund
    }
    /// Billed above the ceiling: not paid by the fund.
    public var overCap: Money { billed - allowed }
}

/// Checks service logs one by one against the rules of ``MonitoringRule``,
/// in order, and keeps what accepted logs use up so that later logs are
/// checked against them.
///
/// ```swift
/// var checker = LogChecker(context: context)
/// switch checker.check(log) { case .success(let money): …; case .failure(let rejection): … }
/// ```
public struct LogChecker {
    public private(set) var context: IntakeContext

    /// Per person: the case, enrolments, months of entitlement with what is
    /// left of each ceiling, hours used per week, and busy times.
    private var people: [Int: PersonState] = [:]
    /// Busy intervals of accepted logs, by institution and caregiver.
    private var caregiverBusy: [CaregiverKey: [Slot]] = [:]
    /// Benefit quotes by grade, mode and days, shared by everyone alike.
    private let quotes = QuoteCache()
    /// Per scheme id, the parts of its rules the checks read, looked up once.
    private var rules: [String: SchemeRules] = [:]

    /// A caregiver's busy time (minutes since 1970, local) and whose log it is
    /// (an index into ``owners``): compact, as a month of a city holds millions.
    struct Slot {
        var start: Int32
        var end: Int32
        var owner: Int32
    }

    /// A beneficiary's service time, with enough to tell a duplicate
    /// (caregiver and item as indexes into ``symbols``).
    struct Interval {
        var start: Int32
        var end: Int32
        var owner: Int32
        var caregiver: Int32
        var item: Int32
    }

    /// `institution/log id` of each registered log, for messages.
    private var owners: [String] = []
    /// Caregiver ids and item codes, interned.
    private var symbols: [String: Int32] = [:]

    private mutating func symbol(_ text: String) -> Int32 {
        if let known = symbols[text] { return known }
        let next = Int32(symbols.count)
        symbols[text] = next
        return next
    }

    struct CaregiverKey: Hashable {
        var institution: String
        var caregiver: String
    }

    /// A month of a person's entitlement, as the checks need it.
    struct MonthView {
        /// Per day of the month, an index into ``palette``: a month has few distinct statuses.
        var statusIndex: [UInt8]
        var palette: [Entitlement.DayStatus]
        var firstDay: CalendarDate
        var ceiling: Money
        var left: Money
    }

    final class PersonState {
        let record: Case
        let enrolments: [Enrolment]
        var months: [YearMonth: MonthView] = [:]
        var weekly: [Int: (minutes: Int, visits: Int)] = [:]
        var busy: [Interval] = []

        init(record: Case, enrolments: [Enrolment]) {
            self.record = record
            self.enrolments = enrolments
        }
    }

    /// A scheme's rules as the checks read them, held by reference so that
    /// checking a log copies nothing.
    final class SchemeRules {
        let monitoring: MonitoringSettings?
        let items: [String: ServiceItem]
        let rules: [RuleKey: RuleBox]

        init(_ benefits: BenefitSettings) {
            monitoring = benefits.monitoring
            items = Dictionary(benefits.catalogue.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            rules = Dictionary(benefits.table.map { (RuleKey(grade: $0.grade, mode: $0.mode), RuleBox($0)) }, uniquingKeysWith: { first, _ in first })
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

    /// The terms an institution's agreements give on a day, worked out once per institution and day.
    final class TermsBox {
        let terms: Agreement.Terms?
        let modes: Set<String>
        init(_ terms: Agreement.Terms?) {
            self.terms = terms
            modes = Set(terms?.modes ?? [])
        }
    }

    struct InstitutionDay: Hashable {
        var institution: String
        var day: Int
    }

    private var termsByDay: [InstitutionDay: TermsBox] = [:]
    private var caregiverIndex: [CaregiverKey: Caregiver] = [:]

    public init(context: IntakeContext) {
        self.context = context
        for (person, entry) in context.beneficiaries {
            people[person] = PersonState(record: entry.record, enrolments: entry.enrolments)
        }
        for scheme in context.schemes {
            if let benefits = scheme.benefits { rules[scheme.id] = SchemeRules(benefits) }
        }
        for (institution, caregivers) in context.caregivers {
            for (id, caregiver) in caregivers { caregiverIndex[CaregiverKey(institution: institution, caregiver: id)] = caregiver }
        }
    }

    private mutating func terms(_ institution: String, on day: CalendarDate) -> TermsBox {
        let key = InstitutionDay(institution: institution, day: day.dayNumber)
        if let known = termsByDay[key] { return known }
        let box = TermsBox((context.agreements[institution] ?? []).lazy.compactMap { $0.terms(coveringDay: day) }.first)
        termsByDay[key] = box
        return box
    }

    /// Records an already accepted log (from an earlier submission) as using
    /// its time, its week's hours and its part of the ceiling.
    public mutating func register(_ log: ServiceLog, allowed: Money, unit: ServiceItem.Unit?) {
        let owner = Int32(owners.count)
        owners.append(Self.owner(log))
        let start = Int32(log.start.value), end = Int32(log.end.value)
        caregiverBusy[CaregiverKey(institution: log.institution, caregiver: log.caregiver), default: []]
            .append(Slot(start: start, end: end, owner: owner))
        guard let person = people[log.person] else { return }
        person.busy.append(Interval(start: start, end: end, owner: owner, caregiver: symbol(log.caregiver), item: symbol(log.item)))
        let week = Self.week(of: log.day)
        var use = person.weekly[week] ?? (0, 0)
        if unit == .hour { use.minutes += log.minutes }
        if unit == .visit { use.visits += 1 }
        person.weekly[week] = use
        let month = YearMonth(containing: log.day)
        if monthView(person, month: month) != nil { person.months[month]!.left = person.months[month]!.left - allowed }
    }

    /// Takes back what an earlier version of a log used, before its correction is checked.
    public mutating func unregister(_ log: ServiceLog, allowed: Money, unit: ServiceItem.Unit?) {
        let name = Self.owner(log)
        let start = Int32(log.start.value), end = Int32(log.end.value)
        caregiverBusy[CaregiverKey(institution: log.institution, caregiver: log.caregiver)]?.removeAll {
            $0.start == start && $0.end == end && owners[Int($0.owner)] == name
        }
        guard let person = people[log.person] else { return }
        person.busy.removeAll { $0.start == start && $0.end == end && owners[Int($0.owner)] == name }
        let week = Self.week(of: log.day)
        if var use = person.weekly[week] {
            if unit == .hour { use.minutes -= log.minutes }
            if unit == .visit { use.visits -= 1 }
            person.weekly[week] = use
        }
        let month = YearMonth(containing: log.day)
        if person.months[month] != nil { person.months[month]!.left = person.months[month]!.left + allowed }
    }

    /// Checks one log; an accepted one is registered at once. A correction of
    /// a log in a settled month is checked like any other, except that the
    /// month is closed.
    public mutating func check(_ log: ServiceLog, correctingSettled: Bool = false) -> Result<AcceptedService, Rejection> {
        let day = log.day
        guard log.end.day <= context.asOf, log.start.day <= context.asOf else {
            return .failure(Rejection(.future, "the service ends \(max(log.start, log.end)), after today (\(context.asOf))"))
        }
        guard let person = people[log.person] else {
            return .failure(Rejection(.unknownBeneficiary, "no case for person \(log.person)"))
        }
        let month = YearMonth(containing: day)
        guard let view = monthView(person, month: month) else {
            return .failure(Rejection(.beneficiaryNotInForce, "no scheme with benefits for case \(person.record.id) in \(month)"))
        }
        let status = view.palette[Int(view.statusIndex[view.firstDay.days(until: day)])]
        guard case .paid(let mode, let grade, let schemeID) = status, let schemeRules = rules[schemeID] else {
            return .failure(Rejection(.beneficiaryNotInForce, "case \(person.record.id) on \(day): \(status.label)"))
        }
        guard let monitoring = schemeRules.monitoring else {
            return .failure(Rejection(.malformed, "scheme \(schemeID) has no monitoring settings, so it takes no service logs"))
        }
        if context.asOf > day.adding(days: monitoring.lateDays), !correctingSettled {
            return .failure(Rejection(.late, "served \(day), received \(context.asOf): more than \(monitoring.lateDays) days later"))
        }
        if context.closedMonths.contains(month), !correctingSettled {
            return .failure(Rejection(.monthClosed, "\(month) is settled"))
        }
        guard let enrolment = person.enrolments.first(where: {
            $0.institution == log.institution && $0.mode == log.mode && $0.period.contains(day)
        }) else {
            return .failure(Rejection(.notEnrolled, "person \(log.person) is not enrolled with \(log.institution) in mode \(log.mode) on \(day)"))
        }
        guard mode == log.mode else {
            return .failure(Rejection(.notEnrolled, "case \(person.record.id)'s mode on \(day) is \(mode), not \(log.mode)"))
        }
        let covering = terms(log.institution, on: day)
        guard let terms = covering.terms else {
            let why = (context.agreements[log.institution] ?? []).map { $0.gap(on: day) }.joined(separator: "; ")
            return .failure(Rejection(.agreementNotInForce, why.isEmpty ? "\(log.institution) has no agreement" : why))
        }
        guard covering.modes.contains(log.mode) else {
            return .failure(Rejection(.modeNotCovered, "the agreement covers \(terms.modes.joined(separator: ", ")), not \(log.mode)"))
        }
        guard let item = schemeRules.items[log.item], let price = terms.prices[log.item] else {
            return .failure(Rejection(.itemNotCovered, "item \(log.item) has no agreed price"))
        }
        let rule = schemeRules.rules[RuleKey(grade: grade, mode: mode)]
        if let rule, !rule.items.isEmpty, !rule.items.contains(log.item) {
            return .failure(Rejection(.itemNotCovered, "grade \(grade) in \(mode) covers \(rule.itemList), not \(log.item)"))
        }
        guard let caregiver = caregiverIndex[CaregiverKey(institution: log.institution, caregiver: log.caregiver)] else {
            return .failure(Rejection(.unknownCaregiver, "\(log.caregiver) is not registered with \(log.institution)"))
        }
        guard caregiver.isEmployed(on: day) else {
            return .failure(Rejection(.caregiverNotEmployed, "\(log.caregiver) is not employed by \(log.institution) on \(day)"))
        }
        if let needed = monitoring.qualifications[log.item], !needed.contains(where: caregiver.qualifications.contains) {
            return .failure(Rejection(.caregiverUnqualified, "\(log.item) needs \(needed.joined(separator: " or ")); \(log.caregiver) has \(caregiver.qualifications.joined(separator: ", "))"))
        }
        if let limits = monitoring.duration[item.unit], !(limits.minimumMinutes...limits.maximumMinutes).contains(log.minutes) {
            return .failure(Rejection(.implausibleDuration, "\(log.minutes) minutes; a \(item.unit.rawValue) item takes \(limits.minimumMinutes)–\(limits.maximumMinutes)"))
        }
        guard log.minutes > 0 else {
            return .failure(Rejection(.implausibleDuration, "ends \(log.end), not after it starts (\(log.start))"))
        }
        if let location = log.location, let home = enrolment.home {
            let distance = Int(location.meters(to: home).rounded())
            if distance > monitoring.checkInRadiusMeters {
                return .failure(Rejection(.checkInTooFar, "checked in \(distance) m from the home; the scheme allows \(monitoring.checkInRadiusMeters) m"))
            }
        }
        let start = Int32(log.start.value), end = Int32(log.end.value)
        let caregiverSymbol = symbols[log.caregiver], itemSymbol = symbols[log.item]
        if let same = person.busy.first(where: { $0.start == start && $0.caregiver == caregiverSymbol && $0.item == itemSymbol }) {
            return .failure(Rejection(.duplicate, "\(log.caregiver) already logged \(log.item) for person \(log.person) at \(log.start) (\(owners[Int(same.owner)]))"))
        }
        if let clash = caregiverBusy[CaregiverKey(institution: log.institution, caregiver: log.caregiver)]?.first(where: { $0.start < end && start < $0.end }) {
            return .failure(Rejection(.caregiverOverlap, "\(log.caregiver) is also logged from \(LocalMinute(minutes: Int(clash.start))) (\(owners[Int(clash.owner)]))"))
        }
        if let clash = person.busy.first(where: { $0.start < end && start < $0.end }) {
            return .failure(Rejection(.beneficiaryOverlap, "person \(log.person) is also served from \(LocalMinute(minutes: Int(clash.start))) (\(owners[Int(clash.owner)]))"))
        }
        let week = Self.week(of: day)
        let used = person.weekly[week] ?? (0, 0)
        if item.unit == .hour, let plan = enrolment.weeklyMinutes, used.minutes + log.minutes > plan {
            return .failure(Rejection(.beyondWeeklyPackage, "\(used.minutes + log.minutes) minutes in the week of \(Self.monday(of: day)); the plan allows \(plan)"))
        }
        if item.unit == .visit, let plan = enrolment.weeklyVisits, used.visits + 1 > plan {
            return .failure(Rejection(.beyondWeeklyPackage, "\(used.visits + 1) visits in the week of \(Self.monday(of: day)); the plan allows \(plan)"))
        }
        let left = person.months[month]?.left ?? view.left
        guard left.fen > 0 else {
            return .failure(Rejection(.beyondMonthlyCap, "the \(month) ceiling of \(view.ceiling) is used up"))
        }
        let billed: Money = switch item.unit {
        case .hour: price.prorated(days: log.minutes, of: 60)
        case .visit, .day: price
        }
        let allowed = min(billed, left)
        let fund = rule?.ratio.map { $0.apply(to: allowed) } ?? allowed
        register(log, allowed: allowed, unit: item.unit)
        return .success(AcceptedService(billed: billed, allowed: allowed, fund: fund))
    }

    /// Works out, on all cores, the months of entitlement these logs will
    /// need and no one has worked out yet.
    public func prepare(_ logs: [ServiceLog]) {
        var seen: Set<PersonMonth> = []
        var work: [(person: PersonState, month: YearMonth)] = []
        for log in logs {
            let month = YearMonth(containing: log.day)
            guard let person = people[log.person], person.months[month] == nil,
                  seen.insert(PersonMonth(person: log.person, month: month)).inserted else { continue }
            work.append((person, month))
        }
        guard !work.isEmpty else { return }
        let records = work.map(\.person.record), months = work.map(\.month), schemes = context.schemes, quotes = quotes
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
            if let view = views[index] { entry.person.months[entry.month] = view }
        }
    }

    struct PersonMonth: Hashable {
        var person: Int
        var month: YearMonth
    }

    private func monthView(_ person: PersonState, month: YearMonth) -> MonthView? {
        if let view = person.months[month] { return view }
        guard let view = Self.view(person.record, schemes: context.schemes, month: month, quotes: quotes) else { return nil }
        person.months[month] = view
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
        return MonthView(statusIndex: statusIndex, palette: palette, firstDay: month.firstDay, ceiling: ceiling, left: ceiling)
    }

    static func owner(_ log: ServiceLog) -> String { "\(log.institution)/\(log.logID)" }

    /// Weeks start on Monday; 1970-01-01 (day 0) was a Thursday.
    static func week(of day: CalendarDate) -> Int { (day.dayNumber + 3).floorDivided(by: 7) }
    static func monday(of day: CalendarDate) -> CalendarDate { CalendarDate(dayNumber: week(of: day) * 7 - 3) }
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
