import LTCAssessment

/// Forms as people read them on a terminal.
enum FormText {
    static func list(_ forms: [AssessmentForm]) -> String {
        var table = TextTable()
        table.append(["ID", "VERSION", "ITEMS", "GRADES", "TITLE"])
        for form in forms {
            let levels = form.grades.map(\.level)
            table.append([
                form.id, form.version, String(form.items.count),
                "\(levels.min() ?? 0)–\(levels.max() ?? 0)", form.title.bilingual,
            ])
        }
        return table.rendered()
    }

    static func show(_ form: AssessmentForm) -> String {
        var lines = [
            "\(form.id)  version \(form.version)",
            form.title.zh,
            form.title.en,
            "Source: \(form.source)",
        ]
        for dimension in form.dimensions {
            lines.append("")
            lines.append("Dimension \(dimension.id)  \(dimension.name.zh) / \(dimension.name.en)  (\(dimension.range.scoreText))")
            var bands = TextTable()
            for band in dimension.bands {
                bands.append(["level \(band.level)", band.scores.scoreText, band.label.zh, band.label.en])
            }
            lines.append(bands.rendered(indent: "  "))
            for item in form.items(in: dimension.id) {
                lines.append("")
                lines.append("  \(item.id)  \(item.name.zh) / \(item.name.en)")
                var options = TextTable()
                for option in item.options {
                    options.append([String(option.score), option.label.zh])
                    options.append(["", option.label.en])
                }
                lines.append(options.rendered(indent: "    "))
            }
        }
        lines.append("")
        lines.append("Grades")
        var grades = TextTable()
        for grade in form.grades { grades.append([String(grade.level), grade.label.zh, grade.label.en]) }
        lines.append(grades.rendered(indent: "  "))
        lines.append("")
        lines.append(grading(form.grading))
        return lines.joined(separator: "\n")
    }

    static func grading(_ table: GradingTable) -> String {
        var text = "Grading: the row is the \(table.rowDimension) level"
        if table.columnDimensions.isEmpty {
            text += "; one column"
        } else {
            text += "; the column is the worst level of \(table.columnDimensions.joined(separator: ", "))"
        }
        var grid = TextTable()
        let columns = table.cells.first?.count ?? 0
        grid.append([""] + (0..<columns).map { table.columnDimensions.isEmpty ? "grade" : "col \($0)" })
        for (row, cells) in table.cells.enumerated() {
            grid.append(["\(table.rowDimension) \(row)"] + cells.map(String.init))
        }
        return text + "\n" + grid.rendered(indent: "  ")
    }
}
