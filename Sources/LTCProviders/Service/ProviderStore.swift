import LTCCases
import LTCCore

/// A log as stored: the log, its version (1, then one more per correction),
/// the outcome of the checks, and its money when accepted.
public struct StoredLog: Sendable, Equatable {
    public enum Status: String, Sendable {
        case accepted, rejected
    }

    public var log: ServiceLog
    public var version: Int
    public var status: Status
    public var rule: MonitoringRule?
    public var detail: String?
    public var money: AcceptedService?
    public var submission: Int
    /// Set on a correction of a log of a settled month: that month (a log of
    /// a settled month is otherwise known as settled by its month alone).
    public var settledMonth: YearMonth?
    /// What the fund has paid for it, after corrections of a settled month.
    public var settledFund: Money?
    /// Picked for manual review (复核) by the sampling rate of the institution's credit.
    public var sampled = false
    public var fingerprint: UInt64 { log.fingerprint }

    public init(log: ServiceLog, version: Int, status: Status, rule: MonitoringRule?, detail: String?,
                money: AcceptedService?, submission: Int, settledMonth: YearMonth? = nil, settledFund: Money? = nil, sampled: Bool = false) {
        self.log = log
        self.version = version
        self.status = status
        self.rule = rule
        self.detail = detail
        self.money = money
        self.submission = submission
        self.settledMonth = settledMonth
        self.settledFund = settledFund
        self.sampled = sampled
    }
}

/// An amount added to or taken from an institution's next open statement
/// because a log of a settled month was corrected (or, later, recovered).
public struct SettlementAdjustment: Sendable, Equatable {
    public var institution: String
    public var logID: String
    /// The settled month the corrected log belongs to.
    public var serviceMonth: YearMonth
    public var amount: Money
    public var reason: String
    /// The month whose statement carries it, once settled.
    public var settledMonth: YearMonth?

    public init(institution: String, logID: String, serviceMonth: YearMonth, amount: Money, reason: String, settledMonth: YearMonth? = nil) {
        self.institution = institution
        self.logID = logID
        self.serviceMonth = serviceMonth
        self.amount = amount
        self.reason = reason
        self.settledMonth = settledMonth
    }
}

/// The storage institutions, agreements, logs and settlements need; the
/// SQLite store implements it next to ``CaseStore`` (same file, same
/// transactions), and a PostgreSQL store can follow.
public protocol ProviderStore: CaseStore {
    func writeProviders<T>(_ body: (any ProviderStoreWriter) throws -> T) throws -> T
    func readProviders<T>(_ body: (any ProviderStoreReader) throws -> T) throws -> T
}

public protocol ProviderStoreReader: CaseStoreReader {
    /// Every case that may draw benefits (not rejected), with only what
    /// benefits follow kept (grades, modes, suspensions, subsidies): the
    /// eligibility record, assessors and the like are left out to save memory.
    func benefitCases() throws -> [Case]
    func institutions() throws -> [Institution]
    func institution(id: String) throws -> Institution?
    func agreements() throws -> [Agreement]
    func agreement(id: String) throws -> Agreement?
    func caregivers() throws -> [Caregiver]
    func enrolments() throws -> [Enrolment]
    /// Every stored log whose service day is in `month`, except those of one submission.
    func logs(in month: YearMonth, excludingSubmission: Int) throws -> [StoredLog]
    /// The institutions that have stored logs, with how many.
    func logCounts() throws -> [String: Int]
    /// The stored versions of these logs of an institution, by log id.
    func logs(institution: String, ids: [String]) throws -> [String: StoredLog]
    /// Per institution, the accepted logs of a month added up.
    func unsettledTotals(month: YearMonth) throws -> [Statement]
    func settlement(month: YearMonth) throws -> SettlementRun?
    func settledMonths() throws -> [YearMonth]
    func openAdjustments() throws -> [SettlementAdjustment]
    func violations() throws -> [Violation]
    /// An institution's logs whose service day is in `from...to`: received,
    /// rejected, received within `timelyDays`, accepted minutes.
    func activity(institution: String, from: CalendarDate, to: CalendarDate, timelyDays: Int) throws -> InstitutionActivity
    func performanceAssessments() throws -> [PerformanceAssessment]
    func supervisionRecords() throws -> [SupervisionRecord]
    /// A month's accepted logs added up per person and mode: count, allowed, fund.
    func monthByPersonAndMode(_ month: YearMonth) throws -> [(person: Int, mode: String, logs: Int, allowed: Money, fund: Money)]
    /// A month's logs per institution: received and rejected.
    func monthRejections(_ month: YearMonth) throws -> [(institution: String, received: Int, rejected: Int)]
}

public protocol ProviderStoreWriter: ProviderStoreReader, CaseStoreWriter {
    func insert(_ institution: Institution) throws
    func update(_ institution: Institution) throws
    func insert(_ agreement: Agreement) throws
    func update(_ agreement: Agreement) throws
    func upsert(_ caregiver: Caregiver) throws
    func insert(_ enrolment: Enrolment) throws -> Int
    func update(_ enrolment: Enrolment) throws
    /// Records a submission and returns its number.
    func insertSubmission(institution: String?, actor: String, asOf: CalendarDate, summary: JSONValue) throws -> Int
    /// Inserts new logs and replaces earlier versions of corrected ones (keeping the old version in the history).
    func store(_ logs: [StoredLog], replacing: [StoredLog]) throws
    func insert(_ adjustment: SettlementAdjustment) throws
    func insert(_ run: SettlementRun) throws
    /// Records a violation and returns its number.
    func insert(_ violation: Violation) throws -> Int
    func update(_ violation: Violation) throws
    /// Records an assessment; one per institution and period.
    func insert(_ assessment: PerformanceAssessment) throws
    func insert(_ record: SupervisionRecord) throws -> Int
}
