import LTCCore
import Testing

@Suite("Dates and months are written as they are read: the year in four digits")
struct FourDigitYearTests {
    @Test("An early year keeps its zeros (schemathesis found 0644-01 answered as 644-01, outside its own schema)")
    func earlyYears() {
        #expect(YearMonth("0644-01")?.description == "0644-01")
        #expect(CalendarDate("0644-01-05")?.description == "0644-01-05")
        #expect(YearMonth("2026-04")?.description == "2026-04")
    }
}
