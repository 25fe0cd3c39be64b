import LTCCases
import LTCCore
@testable import LTCProviders
import LTCReports
import Testing

@Suite("Beneficiaries living outside the scheme's region (异地)")
struct OutOfRegionTests {
    @Test("Assessment is commissioned to the agency where the person lives; the home scheme still checks the services; the report shows them apart")
    func shownApart() throws {
        let world = try ProviderWorld()
        let away = try world.cases.setResidence(caseID: world.caseID, region: "Hangzhou", agency: "杭州市长护险评估中心", actor: admin, asOf: day("2026-03-20"))
        #expect(away.residence == Residence(region: "Hangzhou", agency: "杭州市长护险评估中心", from: day("2026-03-20")))
        let report = try world.submit([world.line("H1", on: "2026-04-06"), world.line("H2", on: "2026-04-07")])
        #expect(report.accepted == 2 && report.fund == Money(yuan: 117))
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        let fund = try world.reports.report(month: YearMonth("2026-04")!, actor: admin)
        #expect(fund.outOfRegion == [FundReport.Row(key: "Hangzhou", logs: 2, allowed: Money(yuan: 130), fund: Money(yuan: 117))])
        // A part of the month's use, not added to it: every breakdown still adds up to what the fund spends.
        #expect(fund.byGrade.reduce(Money.zero) { $0 + $1.fund } == fund.netFund)
        #expect(fund.html.contains("Living outside the region"))
    }

    @Test("Another region needs the agency commissioned there; the scheme's own region clears the residence")
    func rules() throws {
        let world = try ProviderWorld()
        let error = #expect(throws: CaseError.self) {
            try world.cases.setResidence(caseID: world.caseID, region: "Hangzhou", agency: nil, actor: admin, asOf: day("2026-03-20"))
        }
        #expect(error?.message.contains("name the assessment agency there") == true)
        _ = try world.cases.setResidence(caseID: world.caseID, region: "Hangzhou", agency: "杭州市长护险评估中心", actor: admin, asOf: day("2026-03-20"))
        #expect(throws: CaseError.self) {
            try world.cases.setResidence(caseID: world.caseID, region: "Shanghai (illustrative)", agency: "x", actor: admin, asOf: day("2026-04-20"))
        }
        let home = try world.cases.setResidence(caseID: world.caseID, region: "Shanghai (illustrative)", agency: nil, actor: admin, asOf: day("2026-04-20"))
        #expect(home.residence == nil)
        #expect(throws: CaseError.self) {
            try world.cases.setResidence(caseID: world.caseID, region: "Hangzhou", agency: "x", actor: try Actor("institution:I001"), asOf: nil)
        }
    }
}
