import LTCCore
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("Parsing accepts YYYY-MM-DD and real days only", arguments: [
        ("2026-11-23", true), ("2024-02-29", true), ("2023-02-29", false), ("2026-13-01", false),
        ("2026-1-01", false), ("2026/11/23", false), ("2026-11-23T00:00", false), ("", false), ("０２０２-11-23", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((CalendarDate(text) != nil) == valid)
    }

    @Test("Round trip through day numbers over four centuries")
    func roundTrip() {
        var date = CalendarDate("1900-01-01")!
        let end = CalendarDate("2300-12-31")!
        while date <= end {
            #expect(CalendarDate(date.description) == date)
            date = date.adding(days: 37)
        }
        #expect(CalendarDate("1970-01-01")!.dayNumber == 0)
        #expect(CalendarDate("1970-01-01")!.weekday == 4)
        #expect(CalendarDate("2026-11-23")!.weekday == 1)
    }

    @Test("Adding months clamps to the end of a shorter month")
    func addingMonths() {
        #expect(CalendarDate("2024-02-29")!.adding(months: 12).description == "2025-02-28")
        #expect(CalendarDate("2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(CalendarDate("2026-11-23")!.adding(months: 24).description == "2028-11-23")
        #expect(CalendarDate("2026-03-31")!.adding(months: -1).description == "2026-02-28")
    }

    @Test("Whole months between dates", arguments: [
        ("2026-01-15", "2026-07-14", 5), ("2026-01-15", "2026-07-15", 6), ("2026-01-31", "2026-02-28", 1),
        ("2024-02-29", "2025-02-28", 12), ("2026-05-01", "2026-05-01", 0), ("2026-05-01", "2026-04-30", 0), ("2026-05-01", "2026-03-31", -1),
    ])
    func wholeMonths(from: String, to: String, months: Int) {
        #expect(CalendarDate(from)!.wholeMonths(until: CalendarDate(to)!) == months)
    }
}
