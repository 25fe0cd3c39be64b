import LTCCases
import LTCCore
import LTCSchemes
import Testing

/// The test scheme with a small benefits section whose grade changes take
/// effect as `gradeChange` says.
func schemeWithBenefits(gradeChange: String) -> String {
    testSchemeJSON.replacingOccurrences(of: #""calendar": {"#, with: """
        "benefits": {"grades": [3], "start": "fromValidity", "modeChange": "sameDay", "gradeChange": "\(gradeChange)",
                     "modes": [{"id": "home", "name": {"zh": "居家", "en": "home"}, "delivery": "family"}], "catalogue": [],
                     "table": [{"grade": 3, "mode": "home", "pricing": "cash", "cashPerMonth": 100}],
                     "funding": {"employee": {"employerRate": 0.002, "individualRate": 0.001, "individualPerCapita": 0, "governmentPerCapita": 0}}},
        "calendar": {
        """)
}

@Suite("When a re-assessed grade takes effect")
struct GradeChangeTests {
    /// Re-assesses the effective case (grade 3 from 2026-03-17) at a mild grade in May, and confirms it on Tuesday 19 May.
    func reassessed(_ world: World) throws -> Case {
        let id = try world.caseIn(.effective)
        _ = try world.service.assign(caseID: id, assessors: ["A4", "A5"], reason: "named for the test", actor: admin, asOf: day("2026-05-04"))
        _ = try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 1), assessedOn: day("2026-05-06"),
                                     place: "home", actor: try Actor("assessor:A4"), asOf: day("2026-05-06"))
        let published = try world.service.determine(caseID: id, actor: admin, asOf: day("2026-05-11"))
        #expect(published.publicityEnds == day("2026-05-18"))
        return try world.service.confirm(caseID: id, actor: admin, asOf: day("2026-05-19"))
    }

    @Test("At once where the scheme says sameDay: the old grade ends the day before")
    func sameDay() throws {
        let record = try reassessed(try World(scheme: schemeWithBenefits(gradeChange: "sameDay")))
        #expect(record.determination?.validFrom == day("2026-05-19"))
        #expect(record.determination(on: day("2026-05-18"))?.grade == 3)
        #expect(record.determination(on: day("2026-05-19"))?.grade == 1)
    }

    @Test("From the next month where the scheme says nextMonth (Tianjin, 次月起): the old grade runs to the month's end")
    func nextMonth() throws {
        let record = try reassessed(try World(scheme: schemeWithBenefits(gradeChange: "nextMonth")))
        #expect(record.determination?.validFrom == day("2026-06-01"))
        #expect(record.determination?.validUntil == day("2028-05-31"))
        #expect(record.determination(on: day("2026-05-31"))?.grade == 3)
        #expect(record.determination(on: day("2026-06-01"))?.grade == 1)
    }

    @Test("A first grade is not a change: it takes effect when publicity ends, whatever gradeChange says")
    func firstGrade() throws {
        let world = try World(scheme: schemeWithBenefits(gradeChange: "nextMonth"))
        let record = try world.service.show(caseID: try world.caseIn(.effective), actor: admin).record
        #expect(record.determination?.validFrom == day("2026-03-17"))
    }
}

@Suite("Official holiday calendars")
struct HolidayCalendarTests {
    @Test("2026 as the State Council's notice sets it: 33 days off and 6 make-up working days")
    func year2026() throws {
        let year = try #require(try HolidayCalendar.builtIn("cn-2026"))
        #expect(year.verified)
        #expect(year.holidays.count == 33)
        #expect(year.workingWeekendDays.sorted().map(\.description) == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
        #expect(year.holidays.contains(day("2026-02-23")) && year.holidays.contains(day("2026-04-06")))
    }

    @Test("2027 holds the statutory days only, marked unverified until its notice")
    func year2027() throws {
        let year = try #require(try HolidayCalendar.builtIn("cn-2027"))
        #expect(!year.verified)
        #expect(year.holidays.count == 13)
        #expect(year.workingWeekendDays.isEmpty)
    }

    @Test("A scheme that uses 2026: five working days of publicity from Thursday 12 February end on 26 February, across Spring Festival")
    func publicityAcrossSpringFestival() throws {
        let scheme = try Scheme.decode(text: Array(testSchemeJSON.replacingOccurrences(
            of: #""holidays": ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],"#, with: #""use": ["cn-2026"], "holidays": [],"#)
            .replacingOccurrences(of: #""workingWeekendDays": ["2026-09-27", "2026-10-10"]"#, with: #""workingWeekendDays": []"#).utf8), source: "test")
        // 13 Feb (Fri), 14 Feb (a Saturday worked), then 24, 25, 26 Feb after the holiday.
        #expect(scheme.calendar.adding(workingDays: 5, to: day("2026-02-12")) == day("2026-02-26"))
    }

    @Test("A calendar the scheme names must be built in; a calendar file's days are checked")
    func refused() {
        #expect(throws: SchemeError.self) {
            try Scheme.decode(text: Array(testSchemeJSON.replacingOccurrences(of: #""calendar": {"#, with: #""calendar": {"use": ["cn-1999"], "#).utf8), source: "test")
        }
        let bad = #"{"format": "ltc-calendar/1", "id": "x", "year": 2026, "source": "s", "verified": false, "holidays": ["2027-01-01"], "workingWeekendDays": ["2026-03-02"]}"#
        let error = #expect(throws: SchemeError.self) { try HolidayCalendar.decode(text: Array(bad.utf8), source: "x.json") }
        let text = error.map { String(describing: $0) } ?? ""
        #expect(text.contains("2027-01-01 is not in 2026"))
        #expect(text.contains("2026-03-02 is a weekday already"))
    }
}
