import LTCCore
import LTCSchemes

/// A service mode chosen for a case, from a date on.
public struct ModePeriod: Sendable, Equatable {
    public var from: CalendarDate
    public var mode: String

    public var json: JSONValue { ["from": .string(from.description), "mode": .string(mode)] }

    init?(json: JSONValue) {
        guard let from = json["from"]?.stringValue.flatMap(CalendarDate.init), let mode = json["mode"]?.stringValue else { return nil }
        self.init(from: from, mode: mode)
    }

    public init(from: CalendarDate, mode: String) {
        self.from = from
        self.mode = mode
    }
}

/// A suspension of benefits (e.g. a hospital stay): from its first day to the
/// day benefits resume (not included); open while `until` is nil.
public struct SuspensionPeriod: Sendable, Equatable {
    public var from: CalendarDate
    public var until: CalendarDate?
    public var reason: String

    public func contains(_ day: CalendarDate) -> Bool {
        from <= day && (until.map { day < $0 } ?? true)
    }

    public var json: JSONValue {
        ["from": .string(from.description), "until": until.map { .string($0.description) } ?? .null, "reason": .string(reason)]
    }

    init?(json: JSONValue) {
        guard let from = json["from"]?.stringValue.flatMap(CalendarDate.init), let reason = json["reason"]?.stringValue else { return nil }
        self.init(from: from, until: json["until"]?.stringValue.flatMap(CalendarDate.init), reason: reason)
    }

    public init(from: CalendarDate, until: CalendarDate?, reason: String) {
        self.from = from
        self.until = until
        self.reason = reason
    }
}

/// Another benefit the person holds (a scheme subsidy id), its monthly amount and period.
public struct HeldSubsidy: Sendable, Equatable {
    /// For a subsidy that excludes LTCI: which one the person chose.
    public enum Choice: String, Sendable, CaseIterable {
        case ltci, subsidy
    }

    public var subsidy: String
    public var monthly: Money
    public var from: CalendarDate
    public var until: CalendarDate?
    public var choice: Choice?

    public func covers(_ day: CalendarDate) -> Bool {
        from <= day && (until.map { day <= $0 } ?? true)
    }

    public var json: JSONValue {
        [
            "subsidy": .string(subsidy), "monthly": monthly.json, "from": .string(from.description),
            "until": until.map { .string($0.description) } ?? .null, "choice": choice.map { .string($0.rawValue) } ?? .null,
        ]
    }

    init?(json: JSONValue) {
        guard let subsidy = json["subsidy"]?.stringValue, let monthly = json["monthly"].flatMap(Money.init(json:)),
              let from = json["from"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.init(subsidy: subsidy, monthly: monthly, from: from, until: json["until"]?.stringValue.flatMap(CalendarDate.init),
                  choice: json["choice"]?.stringValue.flatMap(Choice.init))
    }

    public init(subsidy: String, monthly: Money, from: CalendarDate, until: CalendarDate?, choice: Choice?) {
        self.subsidy = subsidy
        self.monthly = monthly
        self.from = from
        self.until = until
        self.choice = choice
    }
}

/// How the person takes a bonus for continuous care (more hours or cash),
/// from a first day of a month.
public struct BonusChoicePeriod: Sendable, Equatable, Hashable {
    public var from: CalendarDate
    public var choice: ContinuityStep.Choice

    public var json: JSONValue { ["from": .string(from.description), "choice": .string(choice.rawValue)] }

    init?(json: JSONValue) {
        guard let from = json["from"]?.stringValue.flatMap(CalendarDate.init),
              let choice = json["choice"]?.stringValue.flatMap(ContinuityStep.Choice.init(rawValue:)) else { return nil }
        self.init(from: from, choice: choice)
    }

    public init(from: CalendarDate, choice: ContinuityStep.Choice) {
        self.from = from
        self.choice = choice
    }
}
