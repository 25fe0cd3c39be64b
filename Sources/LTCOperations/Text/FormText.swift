import LTCAssessment
import LTCCore

/// Forms as people read them on a terminal.
public enum FormText {
    public static func list(_ forms: [AssessmentForm]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("VERSION", "版本"), ("ITEMS", "条目"), ("GRADES", "等级"), ("TITLE", "标题")])
        for form in forms {
            let levels = form.grades.map(\.level)
            table.append([
                form.id, form.version, String(form.items.count),
                "\(levels.min() ?? 0)–\(levels.max() ?? 0)", form.title.bilingual,
            ])
        }
        return table.rendered()
    }

    public static func show(_ form: AssessmentForm) -> String {
        var lines = [
            "\(form.id)  version \(form.version)",
            form.title.zh,
            form.title.en,
            "Source: \(form.source)",
        ]
        if !form.conditions.isEmpty {
            lines.append("")
            lines.append("Conditions (inputs besides the items)")
            var conditions = TextTable()
            for condition in form.conditions {
                conditions.append([condition.id, condition.name.zh, condition.name.en, condition.expected + (condition.isRequired ? ", required" : "")])
            }
            lines.append(conditions.rendered(indent: "  "))
        }
        for dimension in form.dimensions {
            lines.append("")
            lines.append("Dimension \(dimension.id)  \(dimension.name.zh) / \(dimension.name.en)  (\(dimension.range.scoreText))")
            var bands = TextTable()
            for band in dimension.bands {
                bands.append(["level \(band.level)", band.scores.scoreText, band.label.zh, band.label.en]
                             + (band.points.map { ["\($0) points"] } ?? []))
            }
            if !dimension.bands.isEmpty { lines.append(bands.rendered(indent: "  ")) }
            for group in form.groups where group.dimension == dimension.id {
                lines.append("")
                let unit = group.measure == .perDay ? "a day on average" : "points"
                lines.append("  group \(group.id)  \(group.name.zh) / \(group.name.en): scores "
                             + group.steps.map { "\($0.score) \($0.inclusive ? "from" : "above") \($0.text)" }.joined(separator: ", ")
                             + " (\(unit)); 0 below")
            }
            for item in form.items(in: dimension.id) {
                lines.append("")
                var heading = "  \(item.id)  \(item.name.zh) / \(item.name.en)"
                if !item.when.isEmpty { heading += "  [applies when \(item.when.map(\.text).joined(separator: " and "))]" }
                lines.append(heading)
                if let group = item.group {
                    let points = Frequency.Period.allCases.compactMap { period in
                        item.pointsPerOccurrence[period].map { "\($0) per occurrence \(period.rawValue)" }
                    }
                    lines.append("    answered as a frequency ({\"perDay\"|\"perWeek\"|\"perMonth\": n}) for group \(group)"
                                 + (points.isEmpty ? "" : ": " + points.joined(separator: ", ")))
                    continue
                }
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
        switch form.grading {
        case .table(let table): lines.append(grading(table))
        case .total(let total): lines.append(grading(total))
        }
        if !form.adjustments.isEmpty {
            lines.append("")
            lines.append("Adjustments (each proposes a grade from the unadjusted one; the worst wins)")
            for adjustment in form.adjustments {
                let effect = switch adjustment.effect {
                case .grade(let level): "grade \(level)"
                case .worsenBy(let steps): "\(steps) grade\(steps == 1 ? "" : "s") worse"
                }
                lines.append("  \(adjustment.id): when \(adjustment.when.map(\.text).joined(separator: " and ")) → \(effect)")
                lines.append("    \(adjustment.reason.zh)")
                lines.append("    \(adjustment.reason.en)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func grading(_ table: GradingTable) -> String {
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

extension FormText {
    public static func grading(_ total: TotalGrading) -> String {
        var text = "Grading: the \(total.measure == .points ? "weighted points" : "scores") of the dimensions added up"
        for set in total.higherOf { text += "; only the higher of \(set.joined(separator: " and ")) counts" }
        var grid = TextTable()
        grid.append(["from", "grade"])
        for threshold in total.thresholds { grid.append([threshold.from.description, String(threshold.grade)]) }
        return text + "\n" + grid.rendered(indent: "  ")
    }
}
