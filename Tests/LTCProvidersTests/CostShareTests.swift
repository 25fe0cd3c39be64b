import LTCBenefits
import LTCCore
@testable import LTCProviders
import LTCSchemes
import Testing

/// A quote and intake share cost by one rule (`CostShare`): the same amount
/// gives the same fund's share and copay whichever asks.
@Suite("A quote and an intake log at the same price share it alike")
struct CostShareTests {
    func scheme(_ name: String) throws -> Scheme { try #require(try BuiltInSchemes.scheme(named: name)) }

    @Test("Tai'an: one medical home visit at 80 quoted (4 days of April: 1 visit) and logged: the person pays 10 first, the fund 70")
    func visitCopay() throws {
        let taian = try scheme("taian-style-2026")
        let quote = try BenefitQuote(scheme: taian, grade: 3, mode: "medical-visit", month: YearMonth("2026-04")!, days: 4)
        #expect(quote.visits == 1 && quote.eligibleCost == Money(yuan: 80))

        let world = try ProviderWorld(scheme: "taian-style-2026", prices: ["A02": Money(yuan: 80)], mode: "medical-visit")
        let logged = try world.submit([world.line("M1", "C2", "A02", on: "2026-04-06", "09:00", "10:00", mode: "medical-visit")])
        #expect(logged.accepted == 1, "\(logged.rejected)")

        let row = try #require(taian.benefits?.rule(grade: 3, mode: "medical-visit", insured: nil))
        let share = CostShare(of: Money(yuan: 80), visits: 1, rule: row)
        #expect(share.copay == Money(yuan: 10) && share.fund == Money(yuan: 70) && share.person == Money(yuan: 10))
        #expect(quote.fundShare == share.fund && quote.personalShare == share.person)
        #expect(logged.allowed == quote.eligibleCost && logged.fund == quote.fundShare)
        #expect(logged.allowed - logged.fund == quote.personalShare)
    }

    @Test("Shanghai-modelled: 25 minutes at 65 an hour quoted (1 day of April, 3 h a week) and logged: 27.08, the fund's 90 % rounded half-up to 24.37")
    func hourRounding() throws {
        let quote = try BenefitQuote(scheme: try scheme("hours-home-care-2026"), grade: 3, mode: "home-visit", month: YearMonth("2026-04")!, days: 1)
        #expect(quote.minutes == 25 && quote.eligibleCost == Money(fen: 2708))

        let world = try ProviderWorld()
        let logged = try world.submit([world.line("L1", on: "2026-04-06", "09:00", "09:25")])
        #expect(logged.accepted == 1, "\(logged.rejected)")

        #expect(CostShare(of: Money(fen: 2708), visits: 0, ratio: Ratio(basisPoints: 9000), copayPerVisit: nil).fund == Money(fen: 2437))
        #expect(logged.allowed == quote.eligibleCost && logged.fund == quote.fundShare && quote.fundShare == Money(fen: 2437))
    }

    @Test("No copay on hours, and never more copay than the amount; without a ratio the fund pays all after the copay")
    func edges() {
        let ten = Money(yuan: 10)
        #expect(CostShare(of: Money(yuan: 65), visits: 0, ratio: Ratio(basisPoints: 9000), copayPerVisit: ten).copay == .zero)
        let small = CostShare(of: Money(yuan: 6), visits: 1, ratio: Ratio(basisPoints: 9000), copayPerVisit: ten)
        #expect(small.copay == Money(yuan: 6) && small.fund == .zero && small.person == Money(yuan: 6))
        let month = CostShare(of: Money(yuan: 640), visits: 8, ratio: .one, copayPerVisit: ten)
        #expect(month.copay == Money(yuan: 80) && month.fund == Money(yuan: 560))
        #expect(CostShare(of: Money(yuan: 65), visits: 1, ratio: nil, copayPerVisit: nil).fund == Money(yuan: 65))
    }
}
