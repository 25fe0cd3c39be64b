import LTCCore

/// Running totals of what accepted services have used, kept up to date in
/// the same transaction as the logs, so that a check reads a person's use
/// of a week or a month, and a settlement an institution's month, without
/// reading the logs:
/// - per person, month, grade and service mode: services, billed, allowed
///   (what the month's ceiling let through) and the fund's share;
/// - per person and week (Monday first): hours (in minutes) and visits;
/// - per institution and month: logs received and rejected, and the money
///   of the accepted ones.
///
/// Invariants, to the fen: an open month's totals equal the sums over its
/// stored logs; a settled month's money is closed with it (the store
/// refuses changes), equal to its statements, and later corrections of its
/// logs are adjustments on a later statement; receipts (logs received and
/// rejected) and weeks always equal the stored logs' counts and hours.
public protocol UsageLedger {
    /// What each of these people has used in `month` and in the weeks that overlap it.
    func use(of people: Set<Int>, in month: YearMonth) throws -> [Int: PersonUse]
    /// Adds a chunk's changes to the totals.
    func add(_ changes: UsageChanges) throws
    /// Per institution, the accepted services of a month added up (for its statement).
    func statementTotals(month: YearMonth) throws -> [Statement]
    /// The month's accepted services added up by grade and service mode.
    func fundUse(month: YearMonth) throws -> [FundUse]
    /// Per institution, the month's logs received and rejected.
    func receipts(month: YearMonth) throws -> [Receipts]
}

/// A person's use of one month and of the weeks that overlap it.
public struct PersonUse: Sendable, Equatable {
    /// Allowed so far against the month's ceiling, over all grades and modes.
    public var allowed: Money
    /// By week number (see ``Week``): minutes of hourly items and visits.
    public var weeks: [Int: WeekUse]

    public init(allowed: Money = .zero, weeks: [Int: WeekUse] = [:]) {
        self.allowed = allowed
        self.weeks = weeks
    }
}

/// Hours (in minutes) and visits used in one week.
public struct WeekUse: Sendable, Equatable {
    public var minutes: Int
    public var visits: Int

    public init(minutes: Int = 0, visits: Int = 0) {
        self.minutes = minutes
        self.visits = visits
    }
}

/// Weeks as the care plans count them: Monday to Sunday, numbered from the
/// week of 1970-01-01 (a Thursday).
public enum Week {
    public static func number(of day: CalendarDate) -> Int { (day.dayNumber + 3).floorDivided(by: 7) }
    public static func monday(_ week: Int) -> CalendarDate { CalendarDate(dayNumber: week * 7 - 3) }
    /// The weeks that overlap a month.
    public static func overlapping(_ month: YearMonth) -> ClosedRange<Int> { number(of: month.firstDay)...number(of: month.lastDay) }
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

/// What one chunk of a submission adds to (or, for a corrected log's old
/// version, takes from) the running totals.
public struct UsageChanges: Sendable, Equatable {
    public struct MonthKey: Hashable, Sendable {
        public var person: Int
        public var month: YearMonth
        public var grade: Int
        public var mode: String
    }

    public struct MonthAmounts: Sendable, Equatable {
        public var logs = 0
        public var billed = Money.zero
        public var allowed = Money.zero
        public var fund = Money.zero
    }

    public struct WeekKey: Hashable, Sendable {
        public var person: Int
        public var week: Int
    }

    public struct InstitutionKey: Hashable, Sendable {
        public var institution: String
        public var month: YearMonth
    }

    public struct InstitutionAmounts: Sendable, Equatable {
        public var received = 0
        public var rejected = 0
        public var logs = 0
        public var billed = Money.zero
        public var allowed = Money.zero
        public var fund = Money.zero
    }

    public var months: [MonthKey: MonthAmounts] = [:]
    public var weeks: [WeekKey: WeekUse] = [:]
    public var institutions: [InstitutionKey: InstitutionAmounts] = [:]

    public init() {}

    public var isEmpty: Bool { months.isEmpty && weeks.isEmpty && institutions.isEmpty }
}
