import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes
import Testing

func builtIn(_ name: String) throws -> Scheme { try #require(try BuiltInSchemes.scheme(named: name)) }

@Suite("Chengdu's fixed monthly amounts by grade and place of care")
struct ChengduTests {
    @Test("A full month pays the amount", arguments: [
        (3, "institution", "1005"), (4, "institution", "1341"), (5, "institution", "1676"),
        (3, "home", "1077"), (4, "home", "1437"), (5, "home", "1796"),
    ])
    func amount(grade: Int, mode: String, amount: String) throws {
        let quote = try BenefitQuote(scheme: builtIn("chengdu-2018"), grade: grade, mode: mode, month: month("2026-04"))
        #expect(quote.fundShare + quote.cash == yuan(amount))
        #expect(quote.personalShare == .zero)
    }
}

@Suite("Tai'an: a copay per medical home visit, and daily home life care")
struct TaianTests {
    @Test("8 visits at 80: the person pays 10 a visit, the fund the rest")
    func copay() throws {
        let quote = try BenefitQuote(scheme: builtIn("taian-style-2026"), grade: 3, mode: "medical-visit", month: month("2026-04"))
        #expect(quote.eligibleCost == yuan("640"))
        #expect(quote.fundShare == yuan("560"))
        #expect(quote.personalShare == yuan("80"))
        #expect(quote.lines.contains("the person pays 10.00 a visit first: 8 × 10.00 = 80.00"))
    }

    @Test("Home life care: 15, 16 and 17 a day for severe I, II and III", arguments: [(3, "450"), (4, "480"), (5, "510")])
    func homeLife(grade: Int, april: String) throws {
        let quote = try BenefitQuote(scheme: builtIn("taian-style-2026"), grade: grade, mode: "home-life", month: month("2026-04"))
        #expect(quote.cash == yuan(april))
    }

    @Test("A copay above the visit's price is refused")
    func copayAbovePrice() {
        #expect(throws: SchemeError.self) {
            _ = try fixtureScheme {
                $0.replacingOccurrences(of: #""unitPrice": 45, "visitsPerWeek": 2, "ratio": 0.8}"#,
                                        with: #""unitPrice": 45, "visitsPerWeek": 2, "ratio": 0.8, "copayPerVisit": 50}"#)
            }
        }
    }
}

@Suite("Shanghai's bonus for continuous home care: more hours or cash after 1 and after 6 months")
struct ContinuityBonusTests {
    func quote(_ month: String, since: String = "2026-01-01", choice: ContinuityStep.Choice = .hours, grade: Int = 5) throws -> BenefitQuote {
        try BenefitQuote(scheme: builtIn("hours-home-care-2026"), grade: grade, mode: "home-visit", month: LTCBenefitsTests.month(month),
                         continuity: ContinuousCare(since: day(since), choice: choice))
    }

    @Test("Exactly 1 month in on the month's first day is not more than 1: no bonus; the month after, 1 more hour")
    func firstStep() throws {
        let february = try quote("2026-02")
        #expect(february.bonus == nil)
        let march = try quote("2026-03")
        #expect(march.bonus?.afterMonths == 1)
        // 7 h a week × 31/7 = 31 h, + 1 h = 32 h at 65.
        #expect(march.minutes == 32 * 60)
        #expect(march.eligibleCost == yuan("2080"))
    }

    @Test("Exactly 6 months in is still the first step; more than 6, the second: 2 more hours")
    func secondStep() throws {
        #expect(try quote("2026-07").bonus?.afterMonths == 1)
        let august = try quote("2026-08")
        #expect(august.bonus?.afterMonths == 6)
        #expect(august.minutes == 33 * 60)   // 31 h + 2 h
    }

    @Test("Taken as cash: 40 a month, then 80, and the hours stay the package's")
    func cash() throws {
        let march = try quote("2026-03", choice: .cash)
        #expect(march.cash == yuan("40") && march.minutes == 31 * 60)
        #expect(try quote("2026-08", choice: .cash).cash == yuan("80"))
    }

    @Test("Only the rows that have it: grade 4 earns no bonus")
    func onlyItsRows() throws {
        #expect(try quote("2026-08", grade: 4).bonus == nil)
    }

    @Test("A case's run of home care starts at its last change of mode; the choice is the one of the month's first day")
    func entitlement() throws {
        let scheme = try builtIn("hours-home-care-2026")
        var record = Case(id: 1, personID: 1, schemeID: scheme.id, institution: nil, state: .effective,
                          openedOn: day("2025-12-01"), disabledSince: day("2025-01-01"))
        record.determination = Determination(assessmentID: 1, grade: 5, gradeLabel: "重度失能Ⅲ级", decidedOn: day("2026-01-01"),
                                             benefitsEligible: true, validFrom: day("2026-01-01"), validUntil: day("2027-12-31"))
        record.modes = [ModePeriod(from: day("2026-01-01"), mode: "institution"), ModePeriod(from: day("2026-02-10"), mode: "home-visit")]
        // Home care since 10 February: on 1 April, 1 month and 22 days: the first step.
        let april = try Entitlement(case: record, scheme: scheme, month: month("2026-04"))
        #expect(april.parts.first?.bonus?.afterMonths == 1)
        #expect(april.parts.first?.minutes == 30 * 60 + 60)   // 7 h × 30/7 = 30 h, + 1 h
        record.bonusChoices = [BonusChoicePeriod(from: day("2026-04-01"), choice: .cash)]
        let cash = try Entitlement(case: record, scheme: scheme, month: month("2026-04"))
        #expect(cash.cash == yuan("40"))
        #expect(Entitlement.Basis(record) != Entitlement.Basis({ var other = record; other.bonusChoices = []; return other }()))
        // On 1 March the run is 19 days old: nothing yet.
        #expect(try Entitlement(case: record, scheme: scheme, month: month("2026-03")).parts.first?.bonus == nil)
    }

    @Test("Steps out of order are refused")
    func stepsInOrder() {
        let text: String
        do {
            _ = try fixtureScheme {
                $0.replacingOccurrences(of: #""hoursPerWeek": 2, "ratio": 0.9, "monthlyCap": 700}"#, with: #""hoursPerWeek": 2, "ratio": 0.9, "monthlyCap": 700, "continuityBonus": [{"afterMonths": 6, "extraHoursPerMonth": 2, "cashPerMonth": 80}, {"afterMonths": 1, "extraHoursPerMonth": 1, "cashPerMonth": 40}]}"#)
            }
            text = ""
        } catch { text = String(describing: error) }
        #expect(text.contains("$.benefits.table[1].continuityBonus[1].afterMonths: 1 is not after the step before (6): list the steps in order"))
    }
}
