import LTCBenefits
import LTCCases
import LTCCore
@testable import LTCProviders
import LTCSchemes
import Testing

/// The example scheme's enforcement section: inspections of the same matter
/// 180 days apart; 7 days of defence; reconsideration within 60 days and a
/// lawsuit within 180; V02 is "general" (warning to refusal, refusal to
/// recovery once repeated within 24 months or from 2,000 yuan); a
/// self-report moves the range one step lighter and gives 5 points back;
/// from credit 100 logs are sampled at 0.5 % (else 1 %); the fund warns
/// below 6 months of cover ("watch") and below 3 ("alert").
@Suite("Due process before a penalty, disclosure, inspections, credit rewards and the fund's notice")
struct EnforcementTests {
    let i001 = try! Actor("institution:I001")
    let i002 = try! Actor("institution:I002")

    func world() throws -> (ProviderWorld, EnforcementService) {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements)
        return (world, EnforcementService(store: world.scratch.store, clock: Self.clock))
    }

    /// The day the tests' notices are recorded, in Shanghai (the example scheme's zone).
    static let clock = FixedClock(instant: "2026-04-19T16:00:00Z")!

    func notify(_ enforcement: EnforcementService, type: String = "V02", penalty: String = "refusal", amount: Int = 300,
                selfReports: [Int] = [], reason: String? = nil, on date: String = "2026-04-20") throws -> PenaltyNotice {
        try enforcement.notify(institution: "I001", caregiver: nil, person: nil, type: type, penalty: penalty, amount: Money(yuan: amount),
                               foundOn: day("2026-04-15"), facts: "4 visits billed at 2 hours were 1 hour", grounds: "agreement art. 12",
                               selfReports: selfReports, reason: reason, actor: admin, asOf: day(date))
    }

    @Test("Notice, defence, decision: the penalty takes effect only at the decision, which sets the appeal deadlines")
    func dueProcess() throws {
        let (world, enforcement) = try world()
        let notice = try notify(enforcement)
        #expect(notice.defenceUntil == day("2026-04-27") && notice.status == .notified)
        #expect(notice.range == PenaltyNotice.Range(severity: "general", repeats: 0, lightest: "warning", heaviest: "refusal", mitigated: false))
        // Nothing has taken effect: no violation, credit untouched.
        #expect(try world.supervision.violations(actor: admin, page: PageRequest()).items.isEmpty)
        #expect(try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-21")).score == 100)

        // Not before the defence period ends, unless the institution has been heard.
        let early = #expect(throws: CaseError.self) { try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-27")) }
        #expect(early?.message.contains("runs until 2026-04-27: decide from 2026-04-28") == true)
        // Only the institution itself states its defence, within the period.
        #expect(throws: CaseError.self) { try enforcement.defend(notice.id, statement: "x", actor: admin, asOf: day("2026-04-22")) }
        let late = #expect(throws: CaseError.self) { try enforcement.defend(notice.id, statement: "x", actor: i001, asOf: day("2026-04-28")) }
        #expect(late?.message == "the defence period of notice \(notice.id) ended on 2026-04-27")
        let defended = try enforcement.defend(notice.id, statement: "two of the visits took 2 hours", actor: i001, asOf: day("2026-04-22"))
        #expect(defended.status == .defended && defended.statement?.text == "two of the visits took 2 hours")
        #expect(throws: CaseError.self) { try enforcement.defend(notice.id, statement: "again", actor: i001, asOf: day("2026-04-23")) }

        // Heavier than notified: notify again.
        let heavier = #expect(throws: CaseError.self) { try enforcement.decide(notice.id, penalty: "recovery", amount: nil, reason: "x", actor: admin, asOf: day("2026-04-23")) }
        #expect(heavier?.message == "'recovery' is heavier than the penalty notified ('refusal'): notify the institution again")
        let decided = try enforcement.decide(notice.id, penalty: "warning", amount: .zero, reason: nil, actor: admin, asOf: day("2026-04-23"))
        let decision = try #require(decided.decision)
        #expect(decided.status == .decided && decision.penalty == "warning")
        #expect(decision.reconsiderationBy == day("2026-06-22") && decision.lawsuitBy == day("2026-10-20"))
        let violations = try world.supervision.violations(actor: admin, page: PageRequest()).items
        #expect(violations.map(\.id) == [decision.violation] && violations.first?.notice == notice.id && violations.first?.decidedOn == day("2026-04-23"))
        #expect(try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-23")).score == 98)
        #expect(throws: CaseError.self) { try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-24")) }
    }

    @Test("A notice dated in the past does not shorten the defence period: it runs from the day the notice is recorded")
    func backdatedNotice() throws {
        let (world, enforcement) = try world()
        defer { withExtendedLifetime(world) {} }
        // Recorded on 2026-04-20 (the clock), dated 2026-04-16: the notice keeps its date, the defence runs from the 20th.
        let notice = try notify(enforcement, on: "2026-04-16")
        #expect(notice.notifiedOn == day("2026-04-16") && notice.defenceUntil == day("2026-04-27"))
        let early = #expect(throws: CaseError.self) { try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-24")) }
        #expect(early?.message.contains("runs until 2026-04-27: decide from 2026-04-28") == true)
        #expect(try enforcement.defend(notice.id, statement: "we were told on the 20th", actor: i001, asOf: day("2026-04-26")).status == .defended)
        // A notice dated ahead of the clock counts from its own date.
        #expect(try notify(enforcement, on: "2026-04-22").defenceUntil == day("2026-04-29"))
    }

    @Test("An institution reads its own notices; to another, a notice is not found or not yours, whether it exists or not")
    func ownNoticesOnly() throws {
        // The world is kept to the end: its test store (on PostgreSQL, a schema of its own) goes with it.
        let (world, enforcement) = try world()
        defer { withExtendedLifetime(world) {} }
        let notice = try notify(enforcement)
        #expect(try enforcement.notice(notice.id, actor: i001).facts == "4 visits billed at 2 hours were 1 hour")
        #expect(try enforcement.notices(actor: i001, page: PageRequest()).items.map(\.id) == [notice.id])
        #expect(try enforcement.notices(actor: i002, page: PageRequest()).items.isEmpty)
        #expect(try enforcement.notices(institution: "I001", actor: i002, page: PageRequest()).items.isEmpty)
        let existing = #expect(throws: CaseError.self) { try enforcement.notice(notice.id, actor: i002) }
        let missing = #expect(throws: CaseError.self) { try enforcement.notice(notice.id + 1, actor: i002) }
        #expect(existing?.message == "penalty notice \(notice.id): not found or not yours")
        #expect(missing?.message == "penalty notice \(notice.id + 1): not found or not yours")
        let defence = #expect(throws: CaseError.self) { try enforcement.defend(notice.id, statement: "not ours", actor: i002, asOf: day("2026-04-21")) }
        #expect(defence?.message == existing?.message)
    }

    @Test("Discretion benchmarks: outside the range needs a reason; repetition moves the range up, a self-report one step down")
    func benchmarks() throws {
        let (world, enforcement) = try world()
        let outside = #expect(throws: CaseError.self) { try notify(enforcement, penalty: "recovery") }
        #expect(outside?.message == "penalty 'recovery' is outside the benchmark for V02 (general, 0 earlier, from 'warning' to 'refusal'): give a reason")
        #expect(try notify(enforcement, penalty: "recovery", reason: "billed for a month").reason == "billed for a month")
        // From 2,000 yuan concerned: refusal to recovery.
        #expect(try notify(enforcement, amount: 2000).range?.lightest == "refusal")

        // One V02 decided: the next is a repetition.
        let first = try notify(enforcement)
        _ = try enforcement.decide(first.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-28"))
        let repeated = try notify(enforcement, on: "2026-05-04")
        #expect(repeated.range == PenaltyNotice.Range(severity: "general", repeats: 1, lightest: "refusal", heaviest: "recovery", mitigated: false))

        // A self-report of the institution's own, named: one step lighter.
        _ = try world.submit([world.line("L1", on: "2026-04-06")])
        let reported = try selfReport(world, ["L1"], asOf: "2026-05-02")
        let mitigated = try notify(enforcement, selfReports: [reported.id], on: "2026-05-04")
        #expect(mitigated.range == PenaltyNotice.Range(severity: "general", repeats: 1, lightest: "rectification", heaviest: "refusal", mitigated: true))
        #expect(throws: CaseError.self) { try notify(enforcement, selfReports: [reported.id + 7]) }
    }

    /// Self-reports the logs of these ids as ``ProviderWorld/line`` wrote them on 6 April.
    func selfReport(_ world: ProviderWorld, _ ids: [String], asOf: String, actor: Actor? = nil) throws -> SelfReport {
        let text = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
            + ids.map { world.line($0, on: "2026-04-06") }.joined(separator: "\n") + "\n"
        return try world.intake.selfReport(.bytes(Array(text.utf8)), size: text.utf8.count, reason: "billed twice",
                                           actor: actor ?? i001, asOf: day(asOf)).selfReport
    }

    @Test("A self-report withdraws the logs, refunds what a settled month paid on the next statement, and gives credit back")
    func selfReports() throws {
        let (world, _) = try world()
        _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-07")])
        _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-05-02"),
                                                  evidence: "x", amount: .zero, penalty: "rectification", actor: admin, asOf: day("2026-05-02"))
        #expect(throws: CaseError.self) { try selfReport(world, ["L1"], asOf: "2026-05-03", actor: admin) }
        #expect(throws: CaseError.self) { try selfReport(world, ["L9"], asOf: "2026-05-03") }
        let report = try selfReport(world, ["L1"], asOf: "2026-05-03")
        #expect(report.withdrawn == 1 && report.refunded > .zero)
        let credit = try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-05-03"))
        #expect(credit.score == 100 && credit.history.last?.reason.hasPrefix("self-report \(report.id)") == true)
        let next = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(next.statements.first { $0.institution == "I001" }?.adjustments == .zero - report.refunded)
    }

    @Test("A self-report of logs never paid (an open month) refunds nothing and gives no credit: credit cannot be bought back at will")
    func selfReportOfUnpaidLogsGivesNoCredit() throws {
        let (world, _) = try world()
        _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-04-05"),
                                                  evidence: "x", amount: .zero, penalty: "warning", actor: admin, asOf: day("2026-04-05"))
        #expect(try world.supervision.samplingRate(institution: "I001", asOf: day("2026-04-08")) == Ratio(basisPoints: 100))
        _ = try world.submit([world.line("T1", on: "2026-04-06")])
        let report = try selfReport(world, ["T1"], asOf: "2026-04-08")
        #expect(report.withdrawn == 1 && report.refunded == .zero)
        #expect(try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-08")).score == 98)
        #expect(try world.supervision.samplingRate(institution: "I001", asOf: day("2026-04-08")) == Ratio(basisPoints: 100))
    }

    @Test("A decision may not recover a larger amount than the notice named")
    func decisionNotLargerThanNotice() throws {
        let (world, enforcement) = try world()
        let notice = try notify(enforcement, amount: 300)
        let larger = #expect(throws: CaseError.self) {
            try enforcement.decide(notice.id, penalty: nil, amount: Money(yuan: 3000), reason: "x", actor: admin, asOf: day("2026-04-28"))
        }
        #expect(larger?.message.contains("is more than the") == true && larger?.message.hasSuffix("notified: notify the institution again") == true)
        #expect(try world.supervision.violations(actor: admin, page: PageRequest()).items.isEmpty)
        let decided = try enforcement.decide(notice.id, penalty: nil, amount: Money(yuan: 200), reason: nil, actor: admin, asOf: day("2026-04-28"))
        #expect(decided.decision?.amount == Money(yuan: 200))
    }

    @Test("The fund's account holds the months 2000-01 to 2200-12: income outside is refused, and a notice of 9999-12 is refused, not a crash")
    func fundAccountMonths() throws {
        let (world, enforcement) = try world()
        defer { withExtendedLifetime(world) {} }          // its scratch database lives as long as the world
        #expect(throws: CaseError.self) {
            try enforcement.addIncome(month: YearMonth("0001-01")!, source: .opening, amount: Money(yuan: 1), note: "", actor: admin, asOf: day("2026-05-02"))
        }
        _ = try enforcement.addIncome(month: YearMonth("2026-04")!, source: .opening, amount: Money(yuan: 1), note: "", actor: admin, asOf: day("2026-05-02"))
        let far = #expect(throws: CaseError.self) { try enforcement.fundNotice(month: YearMonth("9999-12")!, actor: i001) }
        #expect(far?.message == "month 9999-12 is outside the fund's account, 2000-01 to 2200-12")
        #expect(try enforcement.fundNotice(month: YearMonth("2026-05")!, actor: i001).broughtForward == Money(yuan: 1))
    }

    @Test("A decision is never dated before its notice or the statement it answers")
    func decisionNotBackdated() throws {
        let (world, enforcement) = try world()
        let notice = try notify(enforcement, on: "2026-04-20")
        _ = try enforcement.defend(notice.id, statement: "two of the visits took 2 hours", actor: i001, asOf: day("2026-04-22"))
        let early = #expect(throws: CaseError.self) {
            try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-21"))
        }
        #expect(early?.message == "a decision on notice \(notice.id) is dated 2026-04-22 or later (its notice or the institution's statement), not 2026-04-21")
        #expect(try world.supervision.violations(actor: admin, page: PageRequest()).items.isEmpty)
        _ = try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-22"))
    }

    @Test("Good credit lowers the sampling rate; below the start it is the normal rate again")
    func rewardedSampling() throws {
        let (world, _) = try world()
        #expect(try world.supervision.samplingRate(institution: "I001", asOf: day("2026-04-20")) == Ratio(basisPoints: 50))
        _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-04-20"),
                                                  evidence: "x", amount: .zero, penalty: "warning", actor: admin, asOf: day("2026-04-20"))
        #expect(try world.supervision.samplingRate(institution: "I001", asOf: day("2026-04-20")) == Ratio(basisPoints: 100))
    }

    @Test("Inspections have kinds; the same matter is not inspected again within 180 days; the coverage report lists the uninspected")
    func inspections() throws {
        let (world, _) = try world()
        let first = try world.supervision.record(.inspection, institution: "I001", date: day("2026-04-10"), score: 90, person: nil, note: "clean",
                                                 actor: admin, asOf: day("2026-04-10"))
        #expect(first.inspectionType == .routine && first.matter == "routine")
        let again = #expect(throws: CaseError.self) {
            try world.supervision.record(.inspection, institution: "I001", date: day("2026-05-01"), score: 90, person: nil, note: "again",
                                         inspectionType: .routine, actor: admin, asOf: day("2026-05-01"))
        }
        #expect(again?.message == "I001 was inspected for routine on 2026-04-10 (inspection \(first.id)); the scheme allows another inspection for the same matter 180 days apart, from 2026-10-07")
        let flight = try world.supervision.record(.inspection, institution: "I001", date: day("2026-05-01"), score: 70, person: nil, note: "sheets missing",
                                                  inspectionType: .flight, matter: "billing", actor: admin, asOf: day("2026-05-01"))
        #expect(flight.inspectionType == .flight && flight.matter == "billing")
        _ = try world.supervision.record(.inspection, institution: "I001", date: day("2026-10-07"), score: 90, person: nil, note: "clean",
                                         actor: admin, asOf: day("2026-10-07"))
        let coverage = try world.supervision.uninspected(year: 2026, actor: admin, asOf: day("2026-11-01"), page: PageRequest())
        #expect(coverage.items.map(\.institution) == ["I002"])
        let page = try world.supervision.uninspected(year: 2026, actor: admin, asOf: day("2026-11-01"), page: PageRequest(limit: 1))
        #expect(page.items.isEmpty && page.next == "I001")
        #expect(throws: CaseError.self) { try world.supervision.uninspected(year: 2026, actor: i001, asOf: day("2026-11-01"), page: PageRequest()) }
    }

    @Test("Decided violations, typical cases and exits are published to every registered actor, without personal data")
    func disclosure() throws {
        let (world, enforcement) = try world()
        let notice = try enforcement.notify(institution: "I001", caregiver: "C1", person: world.person, type: "V04", penalty: "termination",
                                            amount: Money(yuan: 100), foundOn: day("2026-04-15"), facts: "signatures forged for 3 clients",
                                            grounds: "agreement art. 20", selfReports: [], reason: "forgery over three months", actor: admin, asOf: day("2026-04-20"))
        #expect(try enforcement.publishedViolations(typicalOnly: false, actor: i002, page: PageRequest()).items.isEmpty)
        let decided = try enforcement.decide(notice.id, penalty: nil, amount: nil, reason: nil, actor: admin, asOf: day("2026-04-28"))
        let violation = try #require(decided.decision?.violation)
        let published = try enforcement.publishedViolations(typicalOnly: false, actor: i002, page: PageRequest()).items
        #expect(published.map(\.json) == [["id": .integer(violation), "institution": "I001", "type": "V04", "decision": "termination",
                                           "date": "2026-04-28", "typical": .null]])
        #expect(try enforcement.publishedViolations(typicalOnly: true, actor: i002, page: PageRequest()).items.isEmpty)
        _ = try enforcement.markTypical(violation: violation, summary: "forged signatures; agreement terminated", actor: admin, asOf: day("2026-05-02"))
        #expect(try enforcement.publishedViolations(typicalOnly: true, actor: i002, page: PageRequest()).items.map(\.typical) == ["forged signatures; agreement terminated"])
        #expect(throws: CaseError.self) { try enforcement.markTypical(violation: violation, summary: "x", actor: i001, asOf: day("2026-05-02")) }
        let exits = try enforcement.publishedExits(actor: i002, page: PageRequest()).items
        #expect(exits.map(\.institution) == ["I001"] && exits.first?.terminatedOn == day("2026-04-28"))
    }

    @Test("The fund's notice: income by source, spending, balances brought and carried adding up to the fen, whatever the order recorded")
    func fundNotice() throws {
        var notices: [FundNotice] = []
        for order in [[0, 1, 2, 3], [3, 2, 1, 0]] {
            let (world, enforcement) = try world()
            _ = try world.submit([world.line("L1", on: "2026-04-06"), world.line("L2", on: "2026-04-07")])
            _ = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
            let entries: [(String, FundIncomeSource, Int)] = [("2026-04", .opening, 50_000), ("2026-04", .employer, 30), ("2026-05", .individual, 20),
                                                              ("2026-04", .employer, 12)]
            for index in order {
                let (month, source, fen) = entries[index]
                _ = try enforcement.addIncome(month: YearMonth(month)!, source: source, amount: Money(fen: fen * 100 + 1), note: "",
                                              actor: admin, asOf: day("2026-05-02"))
            }
            #expect(throws: CaseError.self) {
                try enforcement.addIncome(month: YearMonth("2026-04")!, source: .other, amount: FundIncome.limit + Money(fen: 1), note: "", actor: admin, asOf: day("2026-05-02"))
            }
            #expect(throws: CaseError.self) { try enforcement.addIncome(month: YearMonth("2026-04")!, source: .other, amount: .zero, note: "", actor: admin, asOf: day("2026-05-02")) }
            #expect(throws: CaseError.self) { try enforcement.addIncome(month: YearMonth("2026-04")!, source: .other, amount: Money(yuan: 1), note: "", actor: i001, asOf: day("2026-05-02")) }
            #expect(throws: CaseError.self) { try enforcement.fundNotice(month: YearMonth("2026-03")!, actor: i001) }
            let april = try enforcement.fundNotice(month: YearMonth("2026-04")!, actor: i001)
            let may = try enforcement.fundNotice(month: YearMonth("2026-05")!, actor: i002)
            #expect(april.broughtForward == .zero && april.incomeTotal == Money(fen: 5_004_203) && april.settled && april.care > .zero)
            #expect(april.broughtForward + april.incomeTotal - april.spending == april.carried)
            #expect(april.income.first { $0.source == .employer }?.amount == Money(fen: 4202))
            #expect(may.broughtForward == april.carried && may.spending == .zero && may.carried == april.carried + Money(fen: 2001))
            // A balance of 50,000 yuan against one month of about 117 yuan: far above the watch level.
            #expect(april.risk?.months == 1 && april.risk?.level == nil && april.risk?.monthlySpending == april.spending)
            notices.append(april)
        }
        #expect(notices[0] == notices[1])
    }

    @Test("The risk warning: months of spending the balance covers, and the level the scheme names")
    func risk() throws {
        let levels = [EnforcementSettings.FundWarning(below: 6, level: "watch"), .init(below: 3, level: "alert")]
        let watch = FundRisk(balance: Money(yuan: 500), spent: [Money(yuan: 100), Money(yuan: 120)], warnings: levels)
        #expect(watch.monthlySpending == Money(yuan: 110) && watch.coverHundredths == 454 && watch.level == "watch")
        #expect(FundRisk(balance: Money(yuan: 200), spent: [Money(yuan: 100)], warnings: levels).level == "alert")
        #expect(FundRisk(balance: Money(yuan: 600), spent: [Money(yuan: 100)], warnings: levels).level == nil)
        #expect(FundRisk(balance: Money(yuan: -1), spent: [Money(yuan: 100)], warnings: levels).level == "alert")
        #expect(FundRisk(balance: Money(yuan: 1), spent: [], warnings: levels).coverHundredths == nil)
    }
}
