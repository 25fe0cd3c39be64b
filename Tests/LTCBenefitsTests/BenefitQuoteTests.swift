import LTCBenefits
import LTCCore
import LTCSchemes
import Testing

@Suite("Quotes: what a grade earns in a mode")
struct BenefitQuoteTests {
    @Test("Hourly: 4 h a week over 31 days is 17 h 42 min; the 700 cap binds; the fund pays 90 %")
    func capBinding() throws {
        let quote = try BenefitQuote(scheme: fixtureScheme(), grade: 3, mode: "home", month: month("2026-03"))
        #expect(quote.minutes == 1062)          // 4 × 60 × 31 / 7 = 1062.86, whole minutes
        #expect(quote.eligibleCost == yuan("700"))
        #expect(quote.fundShare == yuan("630"))
        #expect(quote.personalShare == yuan("70"))
        #expect(quote.lines.contains("monthly cap 700.00 × 31/31 days = 700.00: binding, the ceiling is 700.00"))
    }

    @Test("Hourly: 2 h a week stays under the cap")
    func capNotBinding() throws {
        let quote = try BenefitQuote(scheme: fixtureScheme(), grade: 4, mode: "home", month: month("2026-03"))
        #expect(quote.minutes == 531)           // 2 × 60 × 31 / 7 = 531.43
        #expect(quote.eligibleCost == yuan("442.50"))
        #expect(quote.fundShare == yuan("398.25"))
        #expect(quote.lines.contains("monthly cap 700.00 × 31/31 days = 700.00: not binding"))
    }

    @Test("Daily: a cap per day, and a monthly cap that binds")
    func daily() throws {
        let grade3 = try BenefitQuote(scheme: fixtureScheme(), grade: 3, mode: "institution", month: month("2026-04"))
        #expect(grade3.eligibleCost == yuan("2100"))
        #expect(grade3.fundShare == yuan("1470"))
        let grade4 = try BenefitQuote(scheme: fixtureScheme(), grade: 4, mode: "institution", month: month("2026-04"))
        #expect(grade4.eligibleCost == yuan("2000"))   // 80 × 30 = 2400 > 2000
    }

    @Test("Visits are whole visits; a monthly package is prorated")
    func visitsAndMonthly() throws {
        let visits = try BenefitQuote(scheme: fixtureScheme(), grade: 3, mode: "visits", month: month("2026-02"))
        #expect(visits.visits == 8)
        #expect(visits.fundShare == yuan("288"))       // 8 × 45 × 0.8
        let monthly = try BenefitQuote(scheme: fixtureScheme(), grade: 4, mode: "visits", month: month("2026-03"), days: 10)
        #expect(monthly.eligibleCost == yuan("322.60")) // 1000.05 × 10 / 31 = 322.597 → 322.60
        #expect(monthly.fundShare == yuan("241.95"))    // × 0.75 = 241.95
    }

    @Test("Cash by the month is prorated half-up; cash by the day is counted")
    func cash() throws {
        let part = try BenefitQuote(scheme: fixtureScheme(), grade: 3, mode: "family", month: month("2026-03"), days: 10)
        #expect(part.cash == yuan("241.94"))            // 750 × 10 / 31 = 241.935 → 241.94
        let perDay = try BenefitQuote(scheme: fixtureScheme(), grade: 4, mode: "family", month: month("2026-03"), days: 10)
        #expect(perDay.cash == yuan("300"))
    }

    @Test("Below the minimum grade, nothing is payable")
    func belowMinimum() throws {
        let quote = try BenefitQuote(scheme: fixtureScheme(), grade: 2, mode: "home", month: month("2026-03"))
        #expect(quote.fundShare == .zero)
        #expect(quote.cash == .zero)
    }

    @Test("Unknown modes and impossible day counts are refused")
    func refused() throws {
        #expect(throws: BenefitError.self) { try BenefitQuote(scheme: fixtureScheme(), grade: 3, mode: "spa", month: month("2026-03")) }
        #expect(throws: BenefitError.self) { try BenefitQuote(scheme: fixtureScheme(), grade: 3, mode: "home", month: month("2026-02"), days: 29) }
    }
}

@Suite("Bad scheme files are refused with precise errors")
struct SchemeBenefitValidationTests {
    func problems(_ change: @escaping (String) -> String) -> String {
        do {
            _ = try fixtureScheme(change)
            return ""
        } catch {
            return String(describing: error)
        }
    }

    @Test("A missing grade row")
    func missingRow() {
        let text = problems { $0.replacingOccurrences(of: #"{"grade": 4, "mode": "family", "pricing": "cash", "cashPerDay": 30},"#, with: "") }
        #expect(text.contains("test.json: $.benefits.table: missing the row for grade 4 in mode 'family'"))
    }

    @Test("A ratio above 1")
    func ratioAboveOne() {
        let text = problems { $0.replacingOccurrences(of: #""dailyCap": 70, "ratio": 0.7"#, with: #""dailyCap": 70, "ratio": 1.2"#) }
        #expect(text.contains("$.benefits.table[2].ratio: 1.2 is not a share from 0 to 1 with at most four decimals"))
    }

    @Test("A negative price, and an amount with three decimals")
    func negativePrice() {
        let text = problems {
            $0.replacingOccurrences(of: #""unit": "hour", "price": 50"#, with: #""unit": "hour", "price": -5"#)
              .replacingOccurrences(of: #""cashPerMonth": 750"#, with: #""cashPerMonth": 750.125"#)
        }
        #expect(text.contains("$.benefits.catalogue[0].price: -5 is negative"))
        #expect(text.contains("$.benefits.table[4].cashPerMonth: 750.125 is not an amount in yuan with at most two decimals"))
    }

    @Test("Fields that do not fit the pricing, and duplicate rows")
    func fieldsForPricing() {
        let text = problems {
            $0.replacingOccurrences(of: #""dailyCap": 70, "ratio": 0.7}"#, with: #""dailyCap": 70, "ratio": 0.7, "hoursPerWeek": 3}"#)
              .replacingOccurrences(of: #"{"grade": 4, "mode": "visits""#, with: #"{"grade": 3, "mode": "visits""#)
        }
        #expect(text.contains("$.benefits.table[2].hoursPerWeek: does not apply to daily pricing"))
        #expect(text.contains("$.benefits.table[7]: a second row for grade 3 in mode 'visits'"))
        #expect(text.contains("missing the row for grade 4 in mode 'visits'"))
    }

    @Test("Funding is needed for every insurance type the scheme covers")
    func funding() {
        let text = problems { $0.replacingOccurrences(of: #""resident": {"employerRate": 0, "individualRate": 0, "individualPerCapita": 30, "governmentPerCapita": 40}"#, with: #""resident": {"employerRate": 0}"#) }
        #expect(text.contains("$.benefits.funding.resident.individualRate: missing required field"))
    }
}
