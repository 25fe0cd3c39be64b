import LTCCore

/// The dates an administrator may give an operation (`--as-of`, `asOf`):
/// from the day the earliest stored scheme took effect to today, in the
/// schemes' time zone. A date after today would let a run settle or pay a
/// month that has not ended, and close months that have not begun (issue
/// 29: `settle --as-of 9999-12-31` was accepted, and a cash run of 2030
/// refused every real month after it); a date before any scheme has no rules
/// to follow. Before any scheme is stored only the upper bound applies.
///
/// It is checked in one place: ``SchemeChoice/day(_:in:)``, where every
/// service turns the date it was given into the operation's date, and
/// through which the command line (`--as-of`), `ltc rpc` and the operation
/// catalogue (`asOf`) all pass.
///
/// ```swift
/// try AsOfWindow(today: CalendarDate("2026-12-07")!, earliestScheme: CalendarDate("2026-01-01")!).require(CalendarDate("9999-12-31")!)
/// // throws: 9999-12-31 is after today (2026-12-07): …
/// ```
public struct AsOfWindow: Sendable, Equatable {
    public var today: CalendarDate
    /// The day the earliest stored scheme took effect; `nil` before any is stored.
    public var earliestScheme: CalendarDate?

    public init(today: CalendarDate, earliestScheme: CalendarDate?) {
        self.today = today
        self.earliestScheme = earliestScheme
    }

    /// Throws ``CaseError/Kind/invalidInput`` unless `date` is within the window.
    public func require(_ date: CalendarDate) throws(CaseError) {
        if date > today {
            throw CaseError(.invalidInput, "\(date) is after today (\(today)): an operation's date (--as-of, asOf) may be today or earlier",
                            details: ["asOf": .string(date.description), "today": .string(today.description)])
        }
        if let earliestScheme, date < earliestScheme {
            throw CaseError(.invalidInput, "\(date) is before \(earliestScheme), when the earliest scheme loaded took effect: an operation's date (--as-of, asOf) is within a scheme's time",
                            details: ["asOf": .string(date.description), "schemesFrom": .string(earliestScheme.description)])
        }
    }
}
