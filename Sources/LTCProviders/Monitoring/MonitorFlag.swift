import LTCCore

/// What a monitoring rule found in a month: the rule, whom it is about, the
/// figures that made it fire and the cases or logs behind it; and its review,
/// assigned to a member of staff and resolved as confirmed (a violation
/// recorded) or dismissed with a reason.
public struct MonitorFlag: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case open, assigned, confirmed, dismissed }

    public var id: Int
    public var month: YearMonth
    public var rule: MonitorRule
    /// `assessor:A1`, `institution:I001`, `caregiver:I001/C1`, `person:12`, `location:31.2,121.4`.
    public var subject: String
    /// The institution concerned, where there is one (a violation is recorded against it).
    public var institution: String?
    /// The figures, by name: counts, shares, the statistic and its threshold.
    public var figures: JSONObject
    /// How many items are behind it (listed a page at a time).
    public var items: Int
    public var foundOn: CalendarDate
    public var status: Status = .open
    public var assignee: String?
    public var resolvedOn: CalendarDate?
    public var resolvedBy: String?
    public var reason: String?
    public var violation: Int?

    public init(id: Int = 0, month: YearMonth, rule: MonitorRule, subject: String, institution: String?, figures: JSONObject, items: Int,
                foundOn: CalendarDate) {
        self.id = id
        self.month = month
        self.rule = rule
        self.subject = subject
        self.institution = institution
        self.figures = figures
        self.items = items
        self.foundOn = foundOn
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "month": .string(month.description), "rule": .string(rule.rawValue), "summary": .string(rule.summary),
            "subject": .string(subject), "institution": institution.map(JSONValue.string) ?? .null, "figures": .object(figures),
            "items": .integer(items), "foundOn": .string(foundOn.description),
            "review": [
                "status": .string(status.rawValue), "assignee": assignee.map(JSONValue.string) ?? .null,
                "resolvedOn": resolvedOn.map { .string($0.description) } ?? .null, "resolvedBy": resolvedBy.map(JSONValue.string) ?? .null,
                "reason": reason.map(JSONValue.string) ?? .null, "violation": violation.map(JSONValue.integer) ?? .null,
            ],
        ]
    }
}

extension MonitorFlag {
    /// A flag read back from its ``json`` (the store's number given apart); `nil` if malformed.
    public init?(json: JSONValue, id: Int) {
        guard let month = json["month"]?.stringValue.flatMap(YearMonth.init), let rule = json["rule"]?.stringValue.flatMap(MonitorRule.init(rawValue:)),
              let subject = json["subject"]?.stringValue, let figures = json["figures"]?.objectValue, let items = json["items"]?.intValue,
              let foundOn = json["foundOn"]?.stringValue.flatMap(CalendarDate.init), let review = json["review"],
              let status = review["status"]?.stringValue.flatMap(Status.init(rawValue:)) else { return nil }
        self.init(id: id, month: month, rule: rule, subject: subject, institution: json["institution"]?.stringValue, figures: figures, items: items,
                  foundOn: foundOn)
        self.status = status
        assignee = review["assignee"]?.stringValue
        resolvedOn = review["resolvedOn"]?.stringValue.flatMap(CalendarDate.init)
        resolvedBy = review["resolvedBy"]?.stringValue
        reason = review["reason"]?.stringValue
        violation = review["violation"]?.intValue
    }
}

/// A flag as a rule finds it, before it is stored: its items come along.
public struct FlagFinding: Sendable {
    public var rule: MonitorRule
    public var subject: String
    public var institution: String?
    public var figures: JSONObject
    public var items: [FlagItem]

    public init(rule: MonitorRule, subject: String, institution: String?, figures: JSONObject, items: [FlagItem]) {
        self.rule = rule
        self.subject = subject
        self.institution = institution
        self.figures = figures
        self.items = items
    }
}
