import LTCAssessment
import LTCCore

/// The report of `ltc forms check`, as text and as JSON.
public enum FormCheckText {
    public static func render(_ check: FormCheck) -> String {
        var lines: [String] = []
        let coverage = check.coverage
        for dimension in coverage.dimensions {
            var line = "dimension \(dimension.id): range \(dimension.range.scoreText)"
            guard let reachable = dimension.reachable else {
                lines.append(line + ", no items")
                continue
            }
            line += ", reachable \(reachable.bounds.scoreText) (\(reachable.all.count) scores)"
            if dimension.bands.isEmpty {
                lines.append(line + ", no bands (adds to the total)")
                continue
            }
            let fine = dimension.gaps.isEmpty && dimension.overlaps.isEmpty
            lines.append(line + (fine ? ", bands cover every reachable score once" : ""))
            for band in dimension.bands {
                let reached = reachable.scores(in: band.scores)
                let what = reached.isEmpty ? "no reachable score" : "reachable \(reached.first!)–\(reached.last!)"
                lines.append("  level \(band.level)  \(band.scores.scoreText)  \(what)" + (band.points.map { "  \($0) points" } ?? ""))
            }
            for gap in dimension.gaps {
                lines.append("  GAP: reachable \(gap.scoreText) in no band")
            }
            for overlap in dimension.overlaps {
                lines.append("  OVERLAP: \(overlap.scores.scoreText) in levels \(overlap.levels.map(String.init).joined(separator: " and "))")
            }
        }
        if let table = coverage.table {
            let line = "grading table: \(table.rows) rows × \(table.columns) columns, \(table.reachableCells) reachable cells"
            if table.undefinedCells.isEmpty {
                lines.append(line + ", every one with a grade")
            } else {
                lines.append(line + ", \(table.undefinedCells.count) without a grade: "
                             + table.undefinedCells.map { "(row \($0.row), column \($0.column))" }.joined(separator: ", "))
            }
        }
        if let total = coverage.total {
            let covered = total.firstThreshold <= total.lowest
            lines.append("grading by total: totals \(total.lowest)–\(total.highest), first threshold \(total.firstThreshold)"
                         + (covered ? ", covering the lowest total" : ", ABOVE the lowest total"))
        }
        if check.problems.isEmpty {
            lines.append("\(check.file): no problems")
        } else {
            lines.append("\(check.problems.count) problem\(check.problems.count == 1 ? "" : "s"):")
            lines += check.problems.map { "\(check.file): \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ check: FormCheck) -> JSONValue {
        func range(_ range: ClosedRange<Int>) -> JSONValue { ["min": .integer(range.lowerBound), "max": .integer(range.upperBound)] }
        var object: JSONObject = [
            "file": .string(check.file),
            "valid": .bool(check.problems.isEmpty),
            "problems": .array(check.problems.map(\.json)),
            "dimensions": .array(check.coverage.dimensions.map { dimension in
                var entry: JSONObject = ["id": .string(dimension.id), "range": range(dimension.range)]
                if let reachable = dimension.reachable { entry.set("reachable", range(reachable.bounds)) }
                entry.set("gaps", .array(dimension.gaps.map(range)))
                entry.set("overlaps", .array(dimension.overlaps.map { ["levels": .array($0.levels.map { .integer($0) }), "scores": range($0.scores)] }))
                return .object(entry)
            }),
        ]
        if let table = check.coverage.table {
            object.set("table", [
                "rows": .integer(table.rows), "columns": .integer(table.columns), "reachableCells": .integer(table.reachableCells),
                "undefinedCells": .array(table.undefinedCells.map { ["row": .integer($0.row), "column": .integer($0.column)] }),
            ])
        }
        if let total = check.coverage.total {
            object.set("total", ["lowest": total.lowest.json, "highest": total.highest.json, "firstThreshold": total.firstThreshold.json])
        }
        return .object(object)
    }
}
