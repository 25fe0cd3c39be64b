/// A date on the calendar, with no time of day and no time zone: the unit of
/// every rule in ltc (enrolment, publicity, validity, benefit days). "Today"
/// is read in the scheme's time zone, then everything is calendar arithmetic.
///
/// ```swift
/// let date = try CalendarDate("2026-02-28")
/// date.adding(days: 1)            // 2026-03-01
/// date.adding(months: 24)         // 2028-02-28
/// CalendarDate("2024-02-29")!.adding(months: 12)   // 2025-02-28 (clamped)
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (proleptic Gregorian).
    public let dayNumber: Int

    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// The date, or `nil` if there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        dayNumber = Self.dayNumber(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`, refusing anything else (no time, no other separators).
    public init?(_ text: String) {
        self.init(utf8: Array(text.utf8)[...])
    }

    /// Reads `YYYY-MM-DD` from exactly ten UTF-8 bytes.
    public init?(utf8 bytes: ArraySlice<UInt8>) {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for position in 0..<10 {
            let byte = bytes[bytes.startIndex + position]
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (48...57).contains(byte) else { return nil }
            let digit = Int(byte - 48)
            switch position {
            case 0..<4: year = year * 10 + digit
            case 5..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        self.init(year: year, month: month, day: day)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        ((dayNumber % 7 + 7) % 7 + 3) % 7 + 1
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The same day `months` later; the last day of the month when that month is shorter.
    public func adding(months: Int) -> CalendarDate {
        let (year, month, day) = civil
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.daysIn(month: newMonth, year: newYear)))!
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Whole months from `self` to `other`: the largest n with `self.adding(months: n) <= other`;
    /// when `other` is earlier, minus the whole months from `other` to `self`.
    public func wholeMonths(until other: CalendarDate) -> Int {
        guard other >= self else { return -other.wholeMonths(until: self) }
        var months = (other.year - year) * 12 + (other.month - month)
        while months > 0 && adding(months: months) > other { months -= 1 }
        return months
    }

    /// `YYYY-MM-DD`, the year in four digits (`0644-01-05`), as the text it was read from.
    public var description: String {
        let (year, month, day) = civil
        return "\(Self.fourDigits(year))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// A year of 1 to 9999 in four digits (a year outside them, reached only by
    /// arithmetic, as it is).
    static func fourDigits(_ year: Int) -> String {
        guard year >= 0 else { return String(year) }
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    // Conversions between day numbers and civil dates (H. Hinnant's algorithms).
    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    var civil: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
