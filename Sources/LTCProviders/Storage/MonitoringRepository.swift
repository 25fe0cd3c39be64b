import LTCCore

/// The month's figures the monitoring rules read, each an aggregate in SQL
/// over the month's accepted logs (a month is a range of `start`: a
/// partition on PostgreSQL, a range of an index on SQLite), and the flags,
/// reviews and in-patient stays they keep.
public protocol MonitoringRepository {
    /// Per institution: visits, clients, minutes, caregiver-days and visits
    /// that start at the same minute as another of its visits.
    func institutionMeasures(month: YearMonth) throws -> [InstitutionMeasures]
    /// The month's logs checked in at a point shared by at least `minimumClients` clients, by point.
    func sharedCheckIns(month: YearMonth, minimumClients: Int) throws -> [SharedCheckInLog]
    /// Each caregiver's consecutive visits (by start) on the same day with two check-in points.
    /// `visit` is called once per pair, so that the month is never held whole.
    func consecutiveVisits(month: YearMonth, _ visit: (ConsecutiveVisits) -> Void) throws
    /// The logs of caregivers, known across institutions by national ID, who served two institutions on one day.
    func caregiversAcrossInstitutions(month: YearMonth) throws -> [CrossInstitutionLog]
    /// Clients served by one institution the month before and another in `month`, with their minutes.
    func movedClients(month: YearMonth, ratioPercent: Int, minimumIncrease: Int) throws -> [MovedClient]
    /// The month's accepted logs on a day strictly between a stay's admission and discharge.
    func servicesDuringStays(month: YearMonth) throws -> [StayService]
    /// The accepted logs on a day strictly between `stay`'s admission and discharge (by the index of person and start).
    func services(during stay: InpatientStay) throws -> [StayService]

    /// The keys (rule, subject) of the month's stored flags.
    func flagKeys(month: YearMonth) throws -> Set<String>
    /// Stores a flag and its items; returns its number.
    func insert(_ flag: MonitorFlag, items: [FlagItem]) throws -> Int
    func flag(id: Int) throws -> MonitorFlag?
    func update(_ flag: MonitorFlag) throws
    /// Flags by id, filtered, a page at a time.
    func flags(_ filter: FlagFilter, page: PageRequest<Int>) throws -> Page<MonitorFlag, Int>
    /// A flag's items in order, a page at a time (cursor: the item's position).
    func items(flag: Int, page: PageRequest<Int>) throws -> Page<FlagItem, Int>

    /// Stores a stay unless the same person, hospital and admission is stored; returns it as stored and whether it was new.
    func insert(_ stay: InpatientStay) throws -> (stay: InpatientStay, new: Bool)
}

/// Which flags a listing shows.
public struct FlagFilter: Sendable, Equatable {
    public var month: YearMonth?
    public var rule: MonitorRule?
    public var status: MonitorFlag.Status?
    public var institution: String?

    public init(month: YearMonth? = nil, rule: MonitorRule? = nil, status: MonitorFlag.Status? = nil, institution: String? = nil) {
        self.month = month
        self.rule = rule
        self.status = status
        self.institution = institution
    }
}

public struct InstitutionMeasures: Sendable, Equatable {
    public var institution: String
    public var visits: Int
    public var clients: Int
    public var minutes: Int
    public var caregiverDays: Int
    public var identicalStarts: Int

    public init(institution: String, visits: Int, clients: Int, minutes: Int, caregiverDays: Int, identicalStarts: Int) {
        self.institution = institution
        self.visits = visits
        self.clients = clients
        self.minutes = minutes
        self.caregiverDays = caregiverDays
        self.identicalStarts = identicalStarts
    }
}

public struct SharedCheckInLog: Sendable, Equatable {
    public var location: String
    public var institution: String
    public var logID: String
    public var person: Int
    public init(location: String, institution: String, logID: String, person: Int) {
        self.location = location
        self.institution = institution
        self.logID = logID
        self.person = person
    }
}

public struct ConsecutiveVisits: Sendable, Equatable {
    public var institution: String
    public var caregiver: String
    public var previousLog: String
    public var previousEnd: LocalMinute
    public var previousLocation: GeoPoint
    public var logID: String
    public var start: LocalMinute
    public var location: GeoPoint
    public init(institution: String, caregiver: String, previousLog: String, previousEnd: LocalMinute, previousLocation: GeoPoint,
                logID: String, start: LocalMinute, location: GeoPoint) {
        self.institution = institution
        self.caregiver = caregiver
        self.previousLog = previousLog
        self.previousEnd = previousEnd
        self.previousLocation = previousLocation
        self.logID = logID
        self.start = start
        self.location = location
    }
}

public struct CrossInstitutionLog: Sendable, Equatable {
    /// The caregiver's national ID (never shown: flags name the caregivers by institution and id).
    public var nationalID: String
    public var day: CalendarDate
    public var institution: String
    public var caregiver: String
    public var logID: String
    public init(nationalID: String, day: CalendarDate, institution: String, caregiver: String, logID: String) {
        self.nationalID = nationalID
        self.day = day
        self.institution = institution
        self.caregiver = caregiver
        self.logID = logID
    }
}

public struct MovedClient: Sendable, Equatable {
    public var person: Int
    public var before: String
    public var after: String
    public var minutesBefore: Int
    public var minutesAfter: Int
    public init(person: Int, before: String, after: String, minutesBefore: Int, minutesAfter: Int) {
        self.person = person
        self.before = before
        self.after = after
        self.minutesBefore = minutesBefore
        self.minutesAfter = minutesAfter
    }
}

public struct StayService: Sendable, Equatable {
    public var stay: Int
    public var person: Int
    public var institution: String
    public var logID: String
    public var start: LocalMinute
    public var settledMonth: YearMonth?
    public init(stay: Int, person: Int, institution: String, logID: String, start: LocalMinute, settledMonth: YearMonth?) {
        self.stay = stay
        self.person = person
        self.institution = institution
        self.logID = logID
        self.start = start
        self.settledMonth = settledMonth
    }
}
