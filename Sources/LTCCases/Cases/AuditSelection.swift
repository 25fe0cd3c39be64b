import LTCCore

/// A case's determination drawn for an audit re-assessment (抽查复评): the
/// month whose determinations were drawn from, the draw's seed, and the day.
/// The case is re-assessed by assessors other than the first; a changed
/// grade becomes an ``AssessorFinding`` against the first.
public struct AuditSelection: Sendable, Equatable {
    public var month: YearMonth
    public var seed: UInt64
    public var drawnOn: CalendarDate

    public init(month: YearMonth, seed: UInt64, drawnOn: CalendarDate) {
        self.month = month
        self.seed = seed
        self.drawnOn = drawnOn
    }

    public var json: JSONValue {
        ["month": .string(month.description), "seed": .string(String(seed)), "drawnOn": .string(drawnOn.description)]
    }

    init?(json: JSONValue) {
        guard let month = json["month"]?.stringValue.flatMap(YearMonth.init), let seed = json["seed"]?.stringValue.flatMap({ UInt64($0) }),
              let on = json["drawnOn"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.init(month: month, seed: seed, drawnOn: on)
    }
}
