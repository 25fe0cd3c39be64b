import LTCCore

/// A log as stored: the log, its version (1, then one more per correction),
/// the outcome of the checks, and its money when accepted.
public struct StoredLog: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
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

extension StoredLog {
    /// The log as stored: its fields, version, outcome and money.
    public var json: JSONValue {
        guard case .object(var object) = log.json else { return log.json }
        object.set("version", .integer(version))
        object.set("status", .string(status.rawValue))
        object.set("rule", rule.map { .string($0.code) } ?? .null)
        object.set("detail", detail.map(JSONValue.string) ?? .null)
        object.set("money", money.map { ["billed": $0.billed.json, "allowed": $0.allowed.json, "fund": $0.fund.json, "grade": .integer($0.grade)] } ?? .null)
        object.set("submission", .integer(submission))
        object.set("sampled", .bool(sampled))
        if let settledMonth { object.set("settledMonth", .string(settledMonth.description)) }
        if let settledFund { object.set("settledFund", settledFund.json) }
        return .object(object)
    }
}
