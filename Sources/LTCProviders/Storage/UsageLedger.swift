import LTCCore

/// What accepted services have used, kept up to date in the same
/// transaction as the logs, so that a check reads a person's week or month
/// and a caregiver's week, and a settlement an institution's month, without
/// reading the logs:
/// - per person and week (Monday first): hours (in minutes), visits, and the
///   busy times of the accepted services that start in it;
/// - per caregiver and week: the busy times of their accepted services;
/// - per person, month, grade and service mode: services, billed, allowed
///   (what the month's ceiling let through), the fund's share, and the
///   minutes of hour-priced and the visits of visit-priced services (against
///   a row's hours or visits a month, across institutions);
/// - per institution and month: logs received and rejected, and the money
///   of the accepted ones.
///
/// Weeks are written whole (what the checks hold of them); money is added
/// as changes. Invariants, to the fen: an open month's totals equal the
/// sums over its stored logs; a settled month's money is closed with it
/// (the store refuses changes), equal to its statements, and later
/// corrections of its logs are adjustments on a later statement; receipts,
/// and the weeks' hours, visits and busy times, always equal what the
/// stored logs say.
public protocol UsageLedger {
    /// Waits for and takes these locks, in the order given, until the
    /// transaction ends (``LedgerLock``); nothing where writes run one at a time.
    func lock(_ locks: [LedgerLock]) throws
    /// What each of these people has been allowed so far in `month`, over all grades and modes.
    func allowed(people: Set<Int>, month: YearMonth) throws -> [Int: Money]
    /// What each of these people has used so far in `month`, over all grades
    /// and modes: the money allowed, the minutes and the visits (those with any use).
    func use(people: Set<Int>, month: YearMonth) throws -> [Int: MonthUse]
    /// The fund's share of these people's accepted services in a month.
    func fund(people: Set<Int>, month: YearMonth) throws -> [Int: Money]
    /// These people's weeks (those with any use).
    func weeks(people: Set<Int>, weeks: Set<Int>) throws -> [PersonWeek]
    /// A person's weeks from `week` on (those with any use), in order.
    func weeks(person: Int, from week: Int) throws -> [PersonWeek]
    /// These caregivers' weeks (those with any busy time). Their busy times
    /// keep what the caregiver overlap check reads: institution, caregiver,
    /// log id, start and end (`person` comes back 0 and `item` empty).
    func weeks(caregivers: Set<CaregiverKey>, weeks: Set<Int>) throws -> [CaregiverWeek]
    /// Stores these weeks as they now are (a week with nothing in it is removed).
    func save(_ weeks: [PersonWeek], _ caregiverWeeks: [CaregiverWeek]) throws
    /// Adds a chunk's money and receipts to the totals.
    func add(_ changes: UsageChanges) throws
    /// Per institution, the accepted services of a month added up (for its statement).
    func statementTotals(month: YearMonth) throws -> [Statement]
    /// The month's accepted services added up by grade and service mode.
    func fundUse(month: YearMonth) throws -> [FundUse]
    /// The month's accepted services of beneficiaries living outside the
    /// scheme's region (异地, as their newest case says), added up by the region lived in.
    func fundUseAway(month: YearMonth) throws -> [(region: String, use: FundUse)]
    /// Per institution, the month's logs received and rejected.
    func receipts(month: YearMonth) throws -> [Receipts]
}

/// A person's week: hours and visits used against the weekly plan, the
/// amount allowed on each day (against a scheme's daily cap), and the busy
/// times of their accepted services that start in it.
public struct PersonWeek: Sendable, Equatable {
    public var person: Int
    /// The week number (see ``Week``).
    public var week: Int
    public var minutes: Int
    public var visits: Int
    /// What the accepted services starting on each day were allowed, Monday first (seven days).
    public var allowed: [Money]
    public var busy: [BusyTime]

    public init(person: Int, week: Int, minutes: Int = 0, visits: Int = 0, allowed: [Money] = Week.noMoney, busy: [BusyTime] = []) {
        self.person = person
        self.week = week
        self.minutes = minutes
        self.visits = visits
        self.allowed = allowed
        self.busy = busy
    }

    /// Nothing used: such a week is not kept.
    public var isEmpty: Bool { busy.isEmpty && minutes == 0 && visits == 0 && allowed.allSatisfy { $0 == .zero } }
}

/// A caregiver's week: the busy times of their accepted services that start in it.
public struct CaregiverWeek: Sendable, Equatable {
    public var caregiver: CaregiverKey
    public var week: Int
    public var busy: [BusyTime]

    public init(caregiver: CaregiverKey, week: Int, busy: [BusyTime] = []) {
        self.caregiver = caregiver
        self.week = week
        self.busy = busy
    }
}

/// Weeks as the care plans count them: Monday to Sunday, numbered from the
/// week of 1970-01-01 (a Thursday).
public enum Week {
    public static func number(of day: CalendarDate) -> Int { (day.dayNumber + 3).floorDivided(by: 7) }
    public static func monday(_ week: Int) -> CalendarDate { CalendarDate(dayNumber: week * 7 - 3) }
    /// The weeks that overlap a month.
    public static func overlapping(_ month: YearMonth) -> ClosedRange<Int> { number(of: month.firstDay)...number(of: month.lastDay) }
    /// The week of a minute.
    public static func number(of minute: LocalMinute) -> Int { (minute.value.floorDivided(by: 1440) + 3).floorDivided(by: 7) }
    /// A day's place in its week: 0 for Monday to 6 for Sunday.
    public static func weekday(of day: CalendarDate) -> Int { day.dayNumber + 3 - number(of: day) * 7 }
    /// Seven days of nothing.
    public static let noMoney = [Money](repeating: .zero, count: 7)
}

/// What a person has used of a month, over all grades and modes: the money
/// allowed against the ceiling, the minutes of hour-priced services and the
/// visits of visit-priced ones (against a row's hours or visits a month).
public struct MonthUse: Sendable, Equatable {
    public var allowed: Money
    public var minutes: Int
    public var visits: Int

    public init(allowed: Money = .zero, minutes: Int = 0, visits: Int = 0) {
        self.allowed = allowed
        self.minutes = minutes
        self.visits = visits
    }
}

/// The month's accepted services of one grade and mode, added up.
public struct FundUse: Sendable, Equatable {
    public var grade: Int
    public var mode: String
    public var logs: Int
    public var allowed: Money
    public var fund: Money

    public init(grade: Int, mode: String, logs: Int, allowed: Money, fund: Money) {
        self.grade = grade
        self.mode = mode
        self.logs = logs
        self.allowed = allowed
        self.fund = fund
    }
}

/// An institution's logs of a month: received and rejected.
public struct Receipts: Sendable, Equatable {
    public var institution: String
    public var received: Int
    public var rejected: Int

    public init(institution: String, received: Int, rejected: Int) {
        self.institution = institution
        self.received = received
        self.rejected = rejected
    }
}

/// The money and receipts one chunk of a submission adds to (or, for a
/// corrected log's old version, takes from) the running totals.
public struct UsageChanges: Sendable, Equatable {
    public struct MonthKey: Hashable, Sendable {
        public var person: Int
        public var month: YearMonth
        public var grade: Int
        public var mode: String

        public init(person: Int, month: YearMonth, grade: Int, mode: String) {
            self.person = person
            self.month = month
            self.grade = grade
            self.mode = mode
        }
    }

    public struct MonthAmounts: Sendable, Equatable {
        public var logs = 0
        public var billed = Money.zero
        public var allowed = Money.zero
        public var fund = Money.zero
        /// Minutes of hour-priced services, and visits of visit-priced ones.
        public var minutes = 0
        public var visits = 0

        public init(logs: Int = 0, billed: Money = .zero, allowed: Money = .zero, fund: Money = .zero, minutes: Int = 0, visits: Int = 0) {
            self.logs = logs
            self.billed = billed
            self.allowed = allowed
            self.fund = fund
            self.minutes = minutes
            self.visits = visits
        }
    }

    public struct InstitutionKey: Hashable, Sendable {
        public var institution: String
        public var month: YearMonth

        public init(institution: String, month: YearMonth) {
            self.institution = institution
            self.month = month
        }
    }

    public struct InstitutionAmounts: Sendable, Equatable {
        public var received = 0
        public var rejected = 0
        public var logs = 0
        public var billed = Money.zero
        public var allowed = Money.zero
        public var fund = Money.zero

        public init(received: Int = 0, rejected: Int = 0, logs: Int = 0, billed: Money = .zero, allowed: Money = .zero, fund: Money = .zero) {
            self.received = received
            self.rejected = rejected
            self.logs = logs
            self.billed = billed
            self.allowed = allowed
            self.fund = fund
        }
    }

    public var months: [MonthKey: MonthAmounts] = [:]
    public var institutions: [InstitutionKey: InstitutionAmounts] = [:]

    public init() {}

    public var isEmpty: Bool { months.isEmpty && institutions.isEmpty }
}
