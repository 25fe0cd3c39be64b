import LTCCore

/// A person's report that their condition changed, asking for re-assessment
/// before the grade's validity ends (the agency "may order re-assessment
/// earlier": cn-ltc-2021.md). The visit is due from it as from an acceptance.
public struct ConditionChange: Sendable, Equatable {
    public var reportedOn: CalendarDate
    public var reason: String

    public var json: JSONValue { ["reportedOn": .string(reportedOn.description), "reason": .string(reason)] }

    init?(json: JSONValue) {
        guard let on = json["reportedOn"]?.stringValue.flatMap(CalendarDate.init), let reason = json["reason"]?.stringValue else { return nil }
        reportedOn = on
        self.reason = reason
    }

    init(reportedOn: CalendarDate, reason: String) {
        self.reportedOn = reportedOn
        self.reason = reason
    }
}
