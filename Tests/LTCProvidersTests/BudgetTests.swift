import LTCCases
import LTCCore
@testable import LTCProviders
import LTCReports
import Testing

/// Budgets (总额预算) in the Shanghai-modelled example: warnings at 80 % and
/// 95 % of the year's budget; above it, half paid and half held.
@Suite("Institutions' yearly budgets in settlement")
struct BudgetTests {
    /// Four one-hour visits in April at 65, two a week (within the 3 hours a week): allowed 260, the fund's 90 % is 234.
    func april(budget: String?) throws -> (world: ProviderWorld, statement: Statement) {
        let world = try ProviderWorld()
        if let budget {
            try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(text: budget)!, actor: admin, asOf: day("2026-01-20"))
        }
        let report = try world.submit([world.line("B1", on: "2026-04-06"), world.line("B2", on: "2026-04-07"),
                                       world.line("B3", on: "2026-04-13"), world.line("B4", on: "2026-04-14")])
        #expect(report.fund == Money(yuan: 234))
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        return (world, try #require(run.statements.first))
    }

    @Test("Exactly 80 % of the budget warns at 80 %; a fen less does not", arguments: [("292.50", "0.8"), ("292.51", nil), ("246.31", "0.95"), ("246.32", "0.8")])
    func warningEdges(budget: String, level: String?) throws {
        let statement = try april(budget: budget).statement
        #expect(statement.warning == level.map { Ratio(json: .number($0))! })
        #expect(statement.usedThisYear == Money(yuan: 234))
        #expect(statement.heldAboveBudget == .zero)
    }

    @Test("Above the budget: of the 34 over a budget of 200, half is paid and half held; payable adds up")
    func aboveBudget() throws {
        let statement = try april(budget: "200").statement
        #expect(statement.heldAboveBudget == Money(yuan: 17))
        #expect(statement.withheld == Money(text: "11.70")!)     // the scheme's 5 % withholding
        #expect(statement.payable == Money(yuan: 234) - Money(text: "11.70")! - Money(yuan: 17))
    }

    @Test("An institution without a budget is settled as before")
    func noBudget() throws {
        let statement = try april(budget: nil).statement
        #expect(statement.budget == nil && statement.warning == nil && statement.heldAboveBudget == .zero)
    }

    @Test("The year's earlier settled months count: May's use above the budget is only what May adds past it")
    func yearToDate() throws {
        let (world, april) = try april(budget: "300")
        #expect(april.heldAboveBudget == .zero)
        _ = try world.submit([world.line("B5", on: "2026-05-04"), world.line("B6", on: "2026-05-05")], asOf: "2026-05-10")
        let may = try #require(try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-02")).statements.first)
        // 234 + 117 = 351 used; 51 above 300, all of it May's: half held.
        #expect(may.usedThisYear == Money(yuan: 351))
        #expect(may.heldAboveBudget == Money(text: "25.50")!)
        #expect(may.warning == Ratio(json: .number("0.95")))
        let report = try world.reports.report(month: YearMonth("2026-05")!, actor: admin)
        #expect(report.budgetWarnings.map(\.institution) == ["I001"])
        #expect(report.html.contains("Budget warnings"))
    }

    @Test("Settling June before May holds what settling them in order holds: the year's use counts every month settled, whatever its order",
          arguments: [["2026-05", "2026-06"], ["2026-06", "2026-05"]])
    func anyOrder(order: [String]) throws {
        // The budget is April's 234 and one more visit: May's visit reaches it, June's is above it, in whichever order they are settled.
        let (world, _) = try april(budget: "292.50")
        _ = try world.submit([world.line("B5", on: "2026-05-04")], asOf: "2026-05-10")
        _ = try world.submit([world.line("B6", on: "2026-06-08")], asOf: "2026-06-10")
        let statements = try order.map { try #require(try world.settlement.settle(month: YearMonth($0)!, actor: admin, asOf: day("2026-07-02")).statements.first) }
        #expect(statements.reduce(Money.zero) { $0 + $1.heldAboveBudget } == Money(text: "29.25")!)
        #expect(statements.last?.usedThisYear == Money(yuan: 351))
        #expect(statements.first?.usedThisYear == Money(text: "292.50")!)
    }

    @Test("Budgets are set by administrators, for a year not settled to its end, within bounds")
    func setting() throws {
        let world = try ProviderWorld()
        #expect(throws: CaseError.self) {
            try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 1000), actor: try Actor("institution:I001"), asOf: day("2026-01-20"))
        }
        #expect(throws: CaseError.self) {
            try world.settlement.setBudget(institution: "I999", year: 2026, amount: Money(yuan: 1000), actor: admin, asOf: day("2026-01-20"))
        }
        #expect(throws: CaseError.self) {
            try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: -1), actor: admin, asOf: day("2026-01-20"))
        }
        try world.settlement.setBudget(institution: "I001", year: 2026, amount: Money(yuan: 1000), actor: admin, asOf: day("2026-01-20"))
        #expect(try world.settlement.budgets(year: 2026, actor: try Actor("institution:I001")) == ["I001": Money(yuan: 1000)])
        #expect(try world.settlement.budgets(year: 2026, actor: try Actor("institution:I002")).isEmpty)
    }
}
