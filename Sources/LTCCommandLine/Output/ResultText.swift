import LTCAssessment

/// A scoring result as an assessor reads it: grade, dimensions, and why.
enum ResultText {
    static func render(_ result: AssessmentResult, form: AssessmentForm) -> String {
        var lines = [
            "Form   \(form.id) (version \(result.formVersion))  \(form.title.zh)",
            "Grade  \(result.grade.level)  \(result.grade.label.zh)  \(result.grade.label.en)",
            "",
        ]
        var table = TextTable()
        table.append(["DIMENSION", "", "SCORE", "BAND", "LEVEL"])
        for dimension in result.dimensions {
            table.append([
                dimension.dimension.id,
                dimension.dimension.name.zh,
                "\(dimension.score)/\(dimension.dimension.range.upperBound)",
                dimension.band.scores.scoreText,
                "\(dimension.level) \(dimension.band.label.zh) \(dimension.band.label.en)",
            ])
        }
        lines.append(table.rendered())
        lines.append("")
        lines.append("Why")
        lines += result.explanation(in: .en).map { "  " + $0 }
        lines.append("")
        lines.append("依据")
        lines += result.explanation(in: .zh).map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
