import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import Testing

/// Settlement takes the withholding and the budget rules from the scheme of
/// each institution's agreement, not from whichever scheme in force comes
/// first (issue 29, finding 10).
@Suite("Each institution is settled under its own agreement's scheme")
struct AgreementSchemeTests {
    /// I001 under the Tianjin-style scheme (no `supervision`, no `budget`),
    /// with the Shanghai-modelled scheme (5 % withheld, budgets) loaded beside
    /// it, first in the order of schemes in force.
    func tianjinBesideShanghai() throws -> ProviderWorld {
        let world = try ProviderWorld(scheme: "tianjin-style-2026", prices: ["T02": Money(yuan: 60), "T03": Money(yuan: 50)], mode: "family-carer")
        _ = try world.registry.load(try #require(try BuiltInSchemes.scheme(named: "hours-home-care-2026")), actor: admin, asOf: day("2026-01-01"))
        return world
    }

    @Test("Under the Tianjin-style scheme, which has no supervision section, nothing is withheld: the statement pays the fund's whole share")
    func nothingWithheldWithoutSupervision() throws {
        let world = try tianjinBesideShanghai()
        let sent = try world.submit([world.line("SV1", "C2", "T03", on: "2026-04-08", "10:00", "10:40", mode: "family-carer")])
        #expect(sent.fund == Money(text: "37.50")!, "\(sent.rejected.map(\.detail))")
        let statement = try #require(try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04")).statements.first)
        #expect(statement.withheld == .zero)
        #expect(statement.payable == Money(text: "37.50")!)
    }

    @Test("A budget set for an institution whose scheme sets no budget rules holds nothing")
    func noBudgetRulesNoHold() throws {
        let world = try tianjinBesideShanghai()
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 10), actor: admin, asOf: day("2026-01-20"))
        _ = try world.submit([world.line("SV1", "C2", "T03", on: "2026-04-08", "10:00", "10:40", mode: "family-carer")])
        let statement = try #require(try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04")).statements.first)
        #expect(statement.heldAboveBudget == .zero)
        #expect(statement.budget == nil && statement.warning == nil)
    }
}
