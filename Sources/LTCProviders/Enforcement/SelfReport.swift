import LTCCore

/// An institution's own report of errors in its logs, withdrawn and so
/// refunded (自查自纠, seed 004): the logs go back as a withdrawal does (W01,
/// and what a settled month paid for them comes off the next statement),
/// and the report is kept. It counts as mitigation: a penalty notice naming
/// it has its benchmark range moved lighter, and it gives credit back
/// (``EnforcementSettings/selfReportCredit``).
public struct SelfReport: Sendable, Equatable {
    public var id: Int
    public var institution: String
    public var reportedOn: CalendarDate
    /// The submission that withdrew the logs.
    public var submission: Int
    public var withdrawn: Int
    /// What settled months had paid for the logs, recovered on the next statement.
    public var refunded: Money
    public var reason: String

    public init(id: Int, institution: String, reportedOn: CalendarDate, submission: Int, withdrawn: Int, refunded: Money, reason: String) {
        self.id = id
        self.institution = institution
        self.reportedOn = reportedOn
        self.submission = submission
        self.withdrawn = withdrawn
        self.refunded = refunded
        self.reason = reason
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "institution": .string(institution), "reportedOn": .string(reportedOn.description),
            "submission": .integer(submission), "withdrawn": .integer(withdrawn), "refunded": refunded.json, "reason": .string(reason),
        ]
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.intValue, let institution = json["institution"]?.stringValue,
              let on = json["reportedOn"]?.stringValue.flatMap(CalendarDate.init), let submission = json["submission"]?.intValue,
              let withdrawn = json["withdrawn"]?.intValue, let refunded = json["refunded"].flatMap(Money.init(json:)),
              let reason = json["reason"]?.stringValue else { return nil }
        self.init(id: id, institution: institution, reportedOn: on, submission: submission, withdrawn: withdrawn, refunded: refunded, reason: reason)
    }
}
