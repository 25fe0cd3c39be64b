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
        try world.providers.assessPerformance(institution: "I001", from: day("2026-04-01"), to: day("2026-04-30"),
                                              inspector: inspection.map { ["inspection": $0] } ?? [:], actor: admin, asOf: day("2026-05-10"))
    }

    @Test("Each indicator computed from the month's data; a failing rating keeps what was withheld")
    func failing() throws {
        let world = try ProviderWorld()
        _ = try world.submit([world.line("A1", on: "2026-04-06"), world.line("A2", on: "2026-04-07"), world.line("A3", "C9", on: "2026-04-08")], asOf: "2026-04-09")
        _ = try world.submit([world.line("B1", on: "2026-04-14")], asOf: "2026-04-20")
        let april = try world.providers.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let result = try assess(world, inspection: 85)
        let lines = Dictionary(uniqueKeysWithValues: result.lines.map { ($0.indicator, $0) })
        #expect(lines["rejected"]?.value == "25 %")         // 1 of 4
        #expect(lines["rejected"]?.score == .zero)
        #expect(lines["violations"]?.score == Points(whole: 100))
        #expect(lines["plan"]?.value == "23.34 %")          // 180 of 180 × 30/7 = 771 minutes
        #expect(lines["timely"]?.value == "75 %")           // B1 came 6 days after
        #expect(lines["inspection"]?.contribution == Points(whole: 17))
        #expect(result.total == Points(whole: 37))
        #expect(result.total == result.lines.reduce(.zero) { $0 + $1.contribution })
        #expect(result.rating == "fail")
        #expect(result.withheld == april.statements[0].withheld)
        #expect(!result.released)
        let may = try world.providers.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(may.statements.isEmpty)
    }

    @Test("A good month is rated excellent and its withholding comes back on the next statement")
    func excellent() throws {
        let world = try ProviderWorld()
        for (days, sent) in [(["01", "02", "03"], "04"), (["06", "07", "08"], "09"), (["13", "14", "15"], "16"), (["20", "21", "22"], "23"), (["27"], "28")] {
            _ = try world.submit(days.map { world.line("D\($0)", on: "2026-04-\($0)") }, asOf: "2026-04-\(sent)")
        }
        let april = try world.providers.settle(month: YearMonth("2026-04")!, actor: admin, asOf: day("2026-05-01"))
        let result = try assess(world, inspection: 90)
        #expect(result.total == Points(whole: 98))
        #expect(result.rating == "excellent")
        #expect(result.released)
        _ = try world.submit([world.line("M1", on: "2026-05-11")], asOf: "2026-05-12")
        let may = try world.providers.settle(month: YearMonth("2026-05")!, actor: admin, asOf: day("2026-06-01"))
        #expect(may.statements[0].adjustments == april.statements[0].withheld)
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
            try world.providers.assessPerformance(institution: "I001", from: day("2026-05-01"), to: day("2026-05-31"), inspector: ["inspection": 80],
                                                  actor: admin, asOf: day("2026-05-20"))
        }
        #expect(early?.reason == .timing)
    }
}
