/// A calendar month, e.g. `2026-02`: the period benefits are computed and settled for.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    public init(containing date: CalendarDate) {
        let civil = date.civil
        year = civil.year
        month = civil.month
    }

    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: year, month: month, day: dayCount)! }
    public var dayCount: Int { CalendarDate.daysIn(month: month, year: year) }
    public var days: [CalendarDate] { (0..<dayCount).map { firstDay.adding(days: $0) } }

    public func adding(months: Int) -> YearMonth {
        YearMonth(containing: firstDay.adding(months: months))
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// `YYYY-MM`, the year in four digits (`0644-01`), as the text it was read from.
    public var description: String { "\(CalendarDate.fourDigits(year))-\(month < 10 ? "0" : "")\(month)" }
}
