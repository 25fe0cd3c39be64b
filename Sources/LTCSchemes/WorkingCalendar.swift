import LTCCore

/// Which days are working days: Monday to Friday, except the scheme's public
/// holidays, plus the weekend days it declares as working days (调休).
///
/// ```swift
/// let calendar = WorkingCalendar(holidays: [CalendarDate("2026-10-01")!], workingWeekendDays: [])
/// calendar.adding(workingDays: 5, to: CalendarDate("2026-09-28")!)   // skips the weekend and the holiday
/// ```
public struct WorkingCalendar: Sendable, Equatable {
    public var holidays: Set<CalendarDate>
    public var workingWeekendDays: Set<CalendarDate>

    public init(holidays: Set<CalendarDate>, workingWeekendDays: Set<CalendarDate>) {
        self.holidays = holidays
        self.workingWeekendDays = workingWeekendDays
    }

    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        if workingWeekendDays.contains(date) { return true }
        return date.weekday <= 5 && !holidays.contains(date)
    }

    /// The `count`-th working day after `date` (not counting `date` itself).
    /// The working day `count` working days before `date`.
    public func subtracting(workingDays count: Int, from date: CalendarDate) -> CalendarDate {
        var day = date
        var remaining = count
        while remaining > 0 {
            day = day.adding(days: -1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    public func adding(workingDays count: Int, to date: CalendarDate) -> CalendarDate {
        var day = date
        var remaining = count
        while remaining > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }
}
