import LTCCases
import LTCCore
import LTCProviders

/// `performance.assess`: an institution's performance assessment for a period.
public enum AssessPerformance: StoreOperation {
    public static let name = "performance.assess"
    public static let summary = "Assess an institution's performance for a period; release or keep the withholding."
    public static let discussion = """
        Indicators come from the scheme's supervision.assessment: measured ones from the period's logs, care plans, \
        violations, complaints and re-assessments; inspector-scored ones from scores, where the period's inspections \
        stand in for one not given. The rating releases what was withheld from the period's statements on the next \
        statement, or keeps it. One assessment per institution and period, after the period has ended.
        """
    public static let command = "performance"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "{institution, from, to, lines: [{indicator, name, value, score, weight, contribution}], total, rating, withheld, released}"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "from": "2026-04-01", "to": "2026-06-30",
                                             "scores": ["inspection": 85]]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("from", "First day of the period.") public var from: CalendarDate
        @Param("to", "Last day of the period.") public var to: CalendarDate
        @Param("scores", "Inspector-scored indicator id → 0–100.") public var scores: IndicatorScores?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PerformanceOutput {
        PerformanceOutput(assessment: try context.services.supervision.assessPerformance(
            institution: input.institution, from: input.from, to: input.to, inspector: input.scores?.scores ?? [:],
            actor: context.actor, asOf: try context.day()))
    }
}

/// A performance assessment: each indicator's line, the total and the rating, and what became of the withholding.
public struct PerformanceOutput: OperationOutput {
    public let assessment: PerformanceAssessment
    public var json: JSONValue { assessment.json }
    public var text: String {
        var table = TextTable()
        table.header([("INDICATOR", "指标"), ("", ""), ("VALUE", "数值"), ("SCORE", "得分"), ("WEIGHT", "权重"), ("CONTRIBUTION", "贡献")])
        for line in assessment.lines {
            table.append([line.indicator, line.name.zh, line.value, "\(line.score)", String(line.weight), "\(line.contribution)"])
        }
        return [
            "\(assessment.institution), \(assessment.from) to \(assessment.to): \(assessment.total) points, rated \(assessment.rating)",
            table.rendered(),
            assessment.withheld == .zero
                ? "withheld in the period: nothing left to decide (no settled month withheld, or an earlier assessment decided it)"
                : "withheld in the period: \(assessment.withheld), decided here: " + (assessment.released ? "released on the next statement" : "kept"),
        ].joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.performanceAssessment }
}
