import LTCCore

/// Days from `from` through `to` (open-ended when `to` is `nil`), both included.
public struct DatePeriod: Sendable, Equatable {
    public var from: CalendarDate
    public var to: CalendarDate?

    public init(from: CalendarDate, to: CalendarDate?) {
        self.from = from
        self.to = to
    }

    public func contains(_ day: CalendarDate) -> Bool {
        from <= day && (to.map { day <= $0 } ?? true)
    }

    public var json: JSONValue {
        ["from": .string(from.description), "to": to.map { .string($0.description) } ?? .null]
    }

    public init?(json: JSONValue) {
        guard let from = json["from"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.from = from
        to = json["to"]?.stringValue.flatMap(CalendarDate.init)
    }
}
