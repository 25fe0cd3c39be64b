import LTCCases
import LTCCore
@testable import LTCProviders
import LTCReports
import Testing

/// Tianjin's family carer: grade 3 from 17 March 2026, benefits from April
/// (the month after), 750 a month in cash to the carer.
func familyCarerWorld() throws -> (world: ProviderWorld, cash: CashService) {
    let world = try ProviderWorld(scheme: "tianjin-style-2026", prices: ["T02": Money(yuan: 60)], mode: "family-carer")
    return (world, CashService(store: world.scratch.store, clock: SystemClock()))
}

@Suite("Cash paid out: payees and the monthly payment run")
struct CashPaymentTests {
    let carerID = validID("11010519800101001")

    @Test("A month's run pays the family carer's 750, to the registered carer's masked account")
    func monthlyRun() throws {
        let (world, cash) = try familyCarerWorld()
        _ = try cash.registerPayee(caseID: world.caseID, kind: .carer, name: "陈小妹", nationalID: carerID, account: "6222020200112233",
                                   trainedOn: day("2026-02-20"), actor: admin, asOf: day("2026-03-20"))
        let run = try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        #expect(run.payments == 1 && run.total == Money(yuan: 750))
        let lines = try cash.payments(month: YearMonth("2026-04")!, caseID: nil, actor: admin, page: try PageRequest()).items
        #expect(lines.map(\.payee) == [.carer])
        #expect(lines.first?.account == "************2233")
        // Runs go month by month: March, before April, can no longer be run.
        #expect(throws: CaseError.self) { try cash.run(month: YearMonth("2026-03")!, actor: admin, asOf: day("2026-05-04")) }
    }

    @Test("A run is once: again it returns the stored run; a month not yet over, or before the latest run, is refused")
    func closedAndInOrder() throws {
        let (world, cash) = try familyCarerWorld()
        _ = world
        let april = try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        #expect(try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-06-04")) == april)
        let early = #expect(throws: CaseError.self) { try cash.run(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-05-31")) }
        #expect(early?.reason == .timing)
        let stored = try world.scratch.store.read { (tx: any ProviderTransaction) in try tx.cash.run(month: YearMonth("2026-04")!) }
        #expect(stored == april)
    }

    @Test("A deducted subsidy comes off the cash: 750 less 150 pays 600")
    func subsidyDeducted() throws {
        let (world, cash) = try familyCarerWorld()
        _ = try world.cases.addSubsidy(caseID: world.caseID, subsidy: "elderly-disability", monthly: Money(yuan: 150), from: day("2026-01-01"),
                                       until: nil, choice: nil, actor: admin, asOf: day("2026-03-20"))
        let run = try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        #expect(run.total == Money(yuan: 600))
        let line = try #require(try cash.payments(month: YearMonth("2026-04")!, caseID: world.caseID, actor: admin, page: try PageRequest()).items.first)
        #expect(line.cash == Money(yuan: 750) && line.deducted == Money(yuan: 150) && line.payee == .beneficiary && line.account == nil)
    }

    @Test("A death recorded after April was paid: May's run recovers April's days after it as an adjustment")
    func deathRecordedLate() throws {
        let (world, cash) = try familyCarerWorld()
        _ = try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        _ = try world.cases.terminate(caseID: world.caseID, reason: .death, on: day("2026-04-12"), actor: admin, asOf: day("2026-05-10"))
        let may = try cash.run(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-03"))
        let lines = try cash.payments(month: YearMonth("2026-05")!, caseID: nil, actor: admin, page: try PageRequest()).items
        // April is owed 750 × 12/30 = 300 now; 750 was paid: −450. May owes nothing.
        #expect(lines.map(\.forMonth) == [YearMonth("2026-04")!])
        #expect(lines.first?.amount == Money(yuan: -450))
        #expect(may.total == Money(yuan: -450))
        // Nothing changed since: June's run has no adjustment.
        #expect(try cash.run(month: YearMonth("2026-06")!, actor: admin, asOf: day("2026-07-03")).payments == 0)
    }

    @Test("Payees: a carer needs a name, an ID number and, in Tianjin, training; an account is letters and digits")
    func payeeRules() throws {
        let (world, cash) = try familyCarerWorld()
        let untrained = #expect(throws: CaseError.self) {
            try cash.registerPayee(caseID: world.caseID, kind: .carer, name: "陈小妹", nationalID: carerID, account: nil, trainedOn: nil,
                                   actor: admin, asOf: day("2026-03-20"))
        }
        #expect(untrained?.message.contains("only with a training record") == true)
        #expect(throws: CaseError.self) {
            try cash.registerPayee(caseID: world.caseID, kind: .beneficiary, name: nil, nationalID: nil, account: "6222 0202", trainedOn: nil,
                                   actor: admin, asOf: day("2026-03-20"))
        }
        #expect(throws: CaseError.self) {
            try cash.registerPayee(caseID: world.caseID, kind: .carer, name: "陈小妹", nationalID: "123", account: nil, trainedOn: day("2026-02-20"),
                                   actor: admin, asOf: day("2026-03-20"))
        }
        let institution = try Actor("institution:I001")
        #expect(throws: CaseError.self) { try cash.run(month: YearMonth("2026-04")!, actor: institution, asOf: day("2026-05-04")) }
        #expect(throws: CaseError.self) { try cash.payments(month: YearMonth("2026-04")!, caseID: nil, actor: institution, page: try PageRequest()) }
    }

    @Test("The institution's supervisory visits to a family carer are logged like services and paid within the professional-care ceiling")
    func supervisoryVisits() throws {
        let world = try ProviderWorld(scheme: "tianjin-style-2026", prices: ["T02": Money(yuan: 60), "T03": Money(yuan: 50)], mode: "family-carer")
        let report = try world.submit([world.line("SV1", "C2", "T03", on: "2026-04-08", "10:00", "10:40", mode: "family-carer")])
        #expect(report.accepted == 1, "\(report.rejected.map(\.detail))")
        #expect(report.fund == Money(text: "37.50")!)   // 50 at 75 %
    }

    @Test("The fund report adds the month's cash to what the fund spends")
    func report() throws {
        let (world, cash) = try familyCarerWorld()
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        _ = try cash.run(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        let report = try world.reports.report(month: YearMonth("2026-04")!, actor: admin)
        #expect(report.cash?.total == Money(yuan: 750))
        #expect(report.totalSpent == report.settlement.fundTotal + Money(yuan: 750))   // what was paid: care and cash
        #expect(report.html.contains("cash paid"))
    }
}

@Suite("A deducted subsidy comes off care where there is no cash to take it from")
struct CareDeductionTests {
    /// Tengzhou-style home visits (45 a day, the fund 90 %): eight visits at 30 in April, the fund's share 216.
    func april(subsidy: String?) throws -> (world: ProviderWorld, statement: Statement, report: FundReport) {
        let world = try ProviderWorld(scheme: "day-rate-2026", prices: ["H01": Money(yuan: 30)])
        if let subsidy {
            _ = try world.cases.addSubsidy(caseID: world.caseID, subsidy: "elderly-disability", monthly: Money(text: subsidy)!, from: day("2026-01-01"),
                                           until: nil, choice: nil, actor: admin, asOf: day("2026-03-20"))
        }
        let days = ["06", "07", "08", "09", "10", "13", "14", "15"]
        let sent = try world.submit(days.enumerated().map { index, date in world.line("S\(index)", "C1", "H01", on: "2026-04-\(date)") },
                                    asOf: "2026-04-16")
        #expect(sent.fund == Money(yuan: 216), "\(sent.rejected.map(\.detail))")
        let run = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-04"))
        return (world, try #require(run.statements.first), try world.reports.report(month: YearMonth("2026-04")!, actor: admin))
    }

    @Test("150 a month against a whole month of LTCI: 150 off the statement; the report's breakdowns still add up")
    func deducted() throws {
        let (_, statement, report) = try april(subsidy: "150")
        #expect(statement.subsidiesDeducted == Money(yuan: 150))
        #expect(statement.payable == statement.fund + statement.adjustments - statement.withheld - statement.heldAboveBudget - Money(yuan: 150))
        #expect(report.netFund == report.fund - Money(yuan: 150))
        for rows in [report.byGrade, report.byMode, report.byDistrict, report.byInstitution] {
            #expect(rows.reduce(Money.zero) { $0 + $1.fund } == report.netFund)
        }
    }

    @Test("Never more than the fund paid for the person's care")
    func boundedByCare() throws {
        let (_, statement, _) = try april(subsidy: "500")
        #expect(statement.subsidiesDeducted == Money(yuan: 216))
    }

    @Test("No subsidy, no deduction")
    func none() throws {
        #expect(try april(subsidy: nil).statement.subsidiesDeducted == .zero)
    }
}
