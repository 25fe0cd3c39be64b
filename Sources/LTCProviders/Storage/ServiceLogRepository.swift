import LTCCore

/// Service logs, their submissions and their history of corrections.
public protocol ServiceLogRepository {
    /// Records a submission and returns its number.
    func insertSubmission(institution: String?, actor: String, asOf: CalendarDate, summary: JSONValue) throws -> Int
    /// Stores what became of a submission's lines, once all are checked.
    func finishSubmission(_ id: Int, summary: JSONValue) throws
    /// Submissions by number, of one institution or (`nil`) all, a page at a time.
    func submissions(institution: String?, page: PageRequest<Int>) throws -> Page<Submission, Int>
    /// Whether the institution has any log stored (if not, no id it sends can be a resubmission).
    func hasLogs(institution: String) throws -> Bool
    /// The stored versions of these log ids of an institution, by log id.
    func stored(institution: String, ids: [String]) throws -> [String: StoredLog]
    /// Stores checked logs of one submission: new ones inserted, corrected
    /// ones replacing their earlier version, which is kept in the history.
    func store(_ logs: [StoredLog], replacing: [StoredLog], submission: Int) throws
    /// A log's earlier versions, oldest first: each replaced by a correction.
    func history(institution: String, logID: String) throws -> [ReplacedLog]
    /// An institution's logs of a month, by log id, a page at a time; only
    /// those of `status` and rejected by `rule`, where given.
    func list(institution: String, month: YearMonth, status: StoredLog.Status?, rule: MonitoringRule?,
              page: PageRequest<String>) throws -> Page<StoredLog, String>
    /// An institution's logs whose service day is in `from...to`: received,
    /// rejected, received within `timelyDays`, accepted minutes.
    func activity(institution: String, from: CalendarDate, to: CalendarDate, timelyDays: Int) throws -> InstitutionActivity
    /// Per institution, by id, the accepted logs whose service starts in
    /// `month`, added up from the logs themselves (not the usage ledger):
    /// what settlement checks the ledger's totals against. One statement
    /// over the month's logs, one row per institution back.
    func acceptedTotals(month: YearMonth) throws -> [LedgerTotals]
}

extension ServiceLogRepository {
    /// An institution's logs of a month, by log id, a page at a time.
    public func list(institution: String, month: YearMonth, page: PageRequest<String>) throws -> Page<StoredLog, String> {
        try list(institution: institution, month: month, status: nil, rule: nil, page: page)
    }
}

/// An accepted service's time, as the overlap and duplicate checks read it
/// (kept in the usage ledger's weeks).
public struct BusyTime: Sendable, Equatable {
    public var institution: String
    public var logID: String
    public var person: Int
    public var caregiver: String
    public var item: String
    public var start: LocalMinute
    public var end: LocalMinute

    public init(institution: String, logID: String, person: Int, caregiver: String, item: String, start: LocalMinute, end: LocalMinute) {
        self.institution = institution
        self.logID = logID
        self.person = person
        self.caregiver = caregiver
        self.item = item
        self.start = start
        self.end = end
    }

    public init(_ log: ServiceLog) {
        self.init(institution: log.institution, logID: log.logID, person: log.person, caregiver: log.caregiver, item: log.item,
                  start: log.start, end: log.end)
    }
}

/// An earlier version of a log, kept when a correction replaced it.
public struct ReplacedLog: Sendable, Equatable {
    public var version: Int
    public var log: ServiceLog
    /// The submission that replaced it.
    public var replacedIn: Int

    public init(version: Int, log: ServiceLog, replacedIn: Int) {
        self.version = version
        self.log = log
        self.replacedIn = replacedIn
    }
}
