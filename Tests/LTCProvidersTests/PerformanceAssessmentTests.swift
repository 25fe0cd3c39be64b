import LTCCases
import LTCCore
import LTCProviders
import Testing

/// The example scheme's assessment: rejected share (30, 100 at 0 %, 0 at 10 %),
/// violations (20, 100 at none, 0 at 3), care-plan completion (20, 100 at
/// 100 %, 0 at 50 %), logs within 3 days (10, 100 at 100 %, 0 at 80 %), an
/// inspector's score (20); excellent from 90, good 75, pass 60; 5 % withheld.
@Suite("Performance assessment: indicators, rating, and the withholding released or kept")
struct PerformanceAssessmentTests {
    func assess(_ world: ProviderWorld, inspection: Int?) throws -> PerformanceAssessment {
        try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-01"), to: day("2026-04-30"),
                                              inspector: inspection.map { ["inspection": $0] } ?? [:], actor: admin, asOf: day("2026-05-10"))
    }

    @Test("Each indicator computed from the month's data; a failing rating keeps what was withheld")
    func failing() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("A1", on: "2026-04-06"), world.line("A2", on: "2026-04-07"), world.line("A3", "C9", on: "2026-04-08")], asOf: "2026-04-09")
        _ = try world.submit([world.line("B1", on: "2026-04-14")], asOf: "2026-04-20")
        let april = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let result = try assess(world, inspection: 85)
        let lines = Dictionary(uniqueKeysWithValues: result.lines.map { ($0.indicator, $0) })
        #expect(lines["rejected"]?.value == "25 %")         // 1 of 4
        #expect(lines["rejected"]?.score == .zero)
        #expect(lines["violations"]?.score == Points(whole: 100))
        #expect(lines["plan"]?.value == "23.34 %")          // 180 of 180 × 30/7 = 771 minutes
        #expect(lines["timely"]?.value == "75 %")           // B1 came 6 days after
        #expect(lines["inspection"]?.contribution == Points(whole: 17))
        #expect(lines["reassessment"]?.score == Points(whole: 100))   // no one re-assessed
        #expect(result.total == Points(whole: 47))
        #expect(result.total == result.lines.reduce(.zero) { $0 + $1.contribution })
        #expect(result.rating == "fail")
        #expect(result.withheld == april.statements[0].withheld)
        #expect(!result.released)
        let may = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(may.statements.isEmpty)
    }

    @Test("A good month is rated excellent and its withholding comes back on the next statement")
    func excellent() throws {
        let world = try ProviderWorld()
        for (days, sent) in [(["01", "02", "03"], "04"), (["06", "07", "08"], "09"), (["13", "14", "15"], "16"), (["20", "21", "22"], "23"), (["27"], "28")] {
            _ = try world.submit(days.map { world.line("D\($0)", on: "2026-04-\($0)") }, asOf: "2026-04-\(sent)")
        }
        let april = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let result = try assess(world, inspection: 90)
        #expect(result.total == Points(whole: 98))
        #expect(result.rating == "excellent")
        #expect(result.released)
        _ = try world.submit([world.line("M1", on: "2026-05-11")], asOf: "2026-05-12")
        let may = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(may.statements[0].adjustments == april.statements[0].withheld)
    }

    /// April logged in time and as planned (rated excellent with an inspection of 90 or more), and settled.
    func goodApril() throws -> (world: ProviderWorld, april: SettlementRun) {
        let world = try ProviderWorld()
        for (days, sent) in [(["01", "02", "03"], "04"), (["06", "07", "08"], "09"), (["13", "14", "15"], "16"), (["20", "21", "22"], "23"), (["27"], "28")] {
            _ = try world.submit(days.map { world.line("D\($0)", on: "2026-04-\($0)") }, asOf: "2026-04-\(sent)")
        }
        return (world, try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01")))
    }

    func assess(_ world: ProviderWorld, _ from: String, _ to: String, inspection: Int = 95, asOf: String = "2026-05-05") throws -> PerformanceAssessment {
        try world.supervision.assessPerformance(institution: "I001", from: day(from), to: day(to), inspector: ["inspection": inspection],
                                                actor: admin, asOf: day(asOf))
    }

    @Test("A month's withholding is released once, whatever periods later assessments name: 04-01–04-30, 04-01–04-29, then 04-02–04-30")
    func releasedOnce() throws {
        let (world, april) = try goodApril()
        let withheld = april.statements[0].withheld
        #expect(withheld > .zero)
        let decided = try [("2026-04-01", "2026-04-30"), ("2026-04-01", "2026-04-29"), ("2026-04-02", "2026-04-30")].map { try assess(world, $0, $1) }
        #expect(decided.map(\.rating) == ["excellent", "excellent", "excellent"])
        #expect(decided.map(\.withheld) == [withheld, .zero, .zero])
        // Decided, April's withholding is no longer owed.
        #expect(try world.reports.report(month: YearMonth("2026-04")!, actor: admin).owed == .zero)
        let may = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(may.statements.first?.adjustments == withheld)
    }

    @Test("A withholding kept by a failing rating is never released by a later, better assessment covering the month")
    func keptStaysKept() throws {
        let (world, april) = try goodApril()
        // Three violations decided on 2 April, a log rejected that day and a poor inspection fail April; 3 to 30 April, without them, is excellent.
        _ = try world.submit([world.line("R1", "C9", on: "2026-04-02", "14:00", "15:00")], asOf: "2026-04-03")
        for _ in 0..<3 {
            _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-04-02"),
                                                      evidence: "certificate expired", amount: .zero, penalty: "rectification", actor: admin, asOf: day("2026-04-02"))
        }
        let failed = try assess(world, "2026-04-01", "2026-04-30", inspection: 0)
        #expect(failed.rating == "fail" && !failed.released && failed.withheld == april.statements[0].withheld)
        let better = try assess(world, "2026-04-03", "2026-04-30")
        #expect(better.rating == "excellent" && better.withheld == .zero)
        let may = try world.settlement.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(may.statements.allSatisfy { $0.adjustments == .zero })
    }

    @Test("An assessment before the month is settled decides nothing for it: the next assessment covering it does")
    func unsettledMonthWaits() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("D1", on: "2026-04-06")], asOf: "2026-04-07")
        #expect(try assess(world, "2026-04-01", "2026-04-30", asOf: "2026-05-01").withheld == .zero)
        let april = try world.settlement.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-02"))
        let later = try assess(world, "2026-04-01", "2026-05-31", asOf: "2026-06-02")
        #expect(later.withheld == april.statements[0].withheld)
    }

    @Test("An inspector's score is required; a period is assessed once, and only after it ends")
    func refusals() throws {
        let world = try ProviderWorld()
        let missing = #expect(throws: InspectorScoresError.self) { try assess(world, inspection: nil) }
        #expect(missing?.description == "give an inspector's score from 0 to 100 for: inspection")
        _ = try assess(world, inspection: 80)
        let twice = #expect(throws: CaseError.self) { try assess(world, inspection: 80) }
        #expect(twice?.reason == .duplicate)
        let early = #expect(throws: CaseError.self) {
            try world.supervision.assessPerformance(institution: "I001", from: day("2026-05-01"), to: day("2026-05-31"), inspector: ["inspection": 80],
                                                  actor: admin, asOf: day("2026-05-20"))
        }
        #expect(early?.reason == .timing)
        let backwards = #expect(throws: CaseError.self) {
            try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-30"), to: day("2026-04-01"), inspector: ["inspection": 80],
                                                  actor: admin, asOf: day("2026-05-20"))
        }
        #expect(backwards?.reason == .invalidInput && backwards?.message == "the period's start 2026-04-30 is after its end 2026-04-01")
    }
}

@Suite("Re-assessments that find a lower grade count against the institution")
struct ReassessmentFindingTests {
    @Test("A client re-assessed in the period at grade 1, below the grade 3 in force: 1 of 1 found lower")
    func foundLower() throws {
        let world = try ProviderWorld()
        _ = try world.cases.assign(caseID: world.caseID, assessors: ["A1", "A2"], reason: "named for the test", actor: admin, asOf: day("2026-04-10"))
        _ = try world.cases.assess(caseID: world.caseID, formID: "cn-ltc-2021", answers: try ProviderWorld.gradeThreeAnswers(adl: 80),
                                   assessedOn: day("2026-04-12"), place: "home", actor: try Actor("assessor:A1"), asOf: day("2026-04-12"))
        let result = try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-01"), to: day("2026-04-30"),
                                                           inspector: ["inspection": 80], actor: admin, asOf: day("2026-05-10"))
        let line = try #require(result.lines.first { $0.indicator == "reassessment" })
        #expect(line.value == "100 %")
        #expect(line.score == .zero)
    }
}

@Suite("Inspections and complaints feed the assessment and credit")
struct InspectionTests {
    @Test("Inspections' mean score stands in for the inspector's; complaints and violations count against their indicators")
    func recordsFeedIndicators() throws {
        let world = try ProviderWorld()
        // Two matters: the same one is not inspected twice within the scheme's 180 days.
        for (date, score, matter) in [("2026-04-10", 80, "staffing"), ("2026-04-24", 91, "billing")] {
            _ = try world.supervision.record(.inspection, institution: "I001", date: day(date), score: score, person: nil,
                                           note: "on-site check", matter: matter, actor: admin, asOf: day(date))
        }
        _ = try world.supervision.record(.complaint, institution: "I001", date: day("2026-04-12"), score: nil, person: world.person,
                                       note: "caregiver late twice", actor: admin, asOf: day("2026-04-12"))
        _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-04-15"),
                                                evidence: "certificate expired", amount: .zero, penalty: "rectification", actor: admin, asOf: day("2026-04-16"))
        let result = try world.supervision.assessPerformance(institution: "I001", from: day("2026-04-01"), to: day("2026-04-30"), inspector: [:],
                                                           actor: admin, asOf: day("2026-05-10"))
        let lines = Dictionary(uniqueKeysWithValues: result.lines.map { ($0.indicator, $0) })
        #expect(lines["inspection"]?.value == "86")              // (80 + 91) / 2 = 85.5, half-up
        #expect(lines["complaints"]?.value == "1")
        #expect(lines["complaints"]?.score == Points(whole: 80))  // 1 of the worst 5
        #expect(lines["violations"]?.value == "1")
        #expect(lines["violations"]?.score == Points(hundredths: 6666))
    }

    @Test("A good inspection (90 or more) gives back 3 credit points, never above the start")
    func goodInspectionCredit() throws {
        let world = try ProviderWorld()
        _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-04-15"),
                                                evidence: "certificate expired", amount: .zero, penalty: "rectification", actor: admin, asOf: day("2026-04-16"))
        _ = try world.supervision.record(.inspection, institution: "I001", date: day("2026-04-20"), score: 95, person: nil,
                                       note: "clean", matter: "staffing", actor: admin, asOf: day("2026-04-20"))
        _ = try world.supervision.record(.inspection, institution: "I001", date: day("2026-04-22"), score: 95, person: nil,
                                       note: "clean again", matter: "billing", actor: admin, asOf: day("2026-04-22"))
        let credit = try world.supervision.credit(of: "institution:I001", actor: admin, asOf: day("2026-04-25"))
        #expect(credit.history.map(\.change) == [-5, 3, 2])
        #expect(credit.score == 100)
        let bad = #expect(throws: CaseError.self) {
            try world.supervision.record(.inspection, institution: "I001", date: day("2026-04-22"), score: 120, person: nil, note: "x",
                                       actor: admin, asOf: day("2026-04-22"))
        }
        #expect(bad?.message == "an inspection needs a score from 0 to 100")
    }
}
