import LTCCore
import LTCAssessment

/// A scoring result as an assessor reads it: grade, dimensions, and why.
public enum ResultText {
    public static func render(_ result: AssessmentResult, form: AssessmentForm) -> String {
        var lines = [
            "Form   \(form.id) (version \(result.formVersion))  \(form.title.zh)",
            "Grade  \(result.grade.level)  \(result.grade.label.zh)  \(result.grade.label.en)",
            "",
        ]
        var table = TextTable()
        let weighted = result.dimensions.contains { $0.weighted != nil }
        let banded = result.dimensions.contains { $0.band != nil }
        table.append(["DIMENSION", "", "SCORE"] + (banded ? ["BAND", "LEVEL"] : []) + (weighted ? ["POINTS"] : []))
        for dimension in result.dimensions {
            table.append([
                dimension.dimension.id,
                dimension.dimension.name.zh,
                "\(dimension.score)/\(dimension.dimension.range.upperBound)",
            ] + (banded ? [
                dimension.band?.scores.scoreText ?? "",
                dimension.band.map { "\($0.level) \($0.label.zh) \($0.label.en)" } ?? "",
            ] : []) + (weighted ? [dimension.weighted.map { "\($0)" + (dimension.counted ? "" : " (not counted)") } ?? ""] : []))
        }
        lines.append(table.rendered())
        if let total = result.total {
            lines.append("Total  \(total.total)  (threshold \(total.threshold.from) → grade \(total.grade))")
        }
        for applied in result.adjustments {
            lines.append("Adjustment  \(applied.adjustment.id): grade \(applied.from) → \(applied.proposed)  \(applied.adjustment.reason.en)")
        }
        lines.append("")
        lines.append("Why")
        lines += result.explanation(in: .en).map { "  " + $0 }
        lines.append("")
        lines.append("依据")
        lines += result.explanation(in: .zh).map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
