import LTCCore

/// Which scores a form's items can reach, and whether bands, tables and
/// thresholds cover them.
extension FormDecoder {
    /// The most combinations of condition values item applicability may
    /// depend on: each is a separate reachability pass.
    static let maximumScenarios = 256

    func checkCoverage(_ located: [(dimension: Dimension, path: JSONPath)], items: [Item], groups: [CountGroup],
                       conditions: [Condition], grading: Grading?, grades: [Grade]) {
        let scenarios = applicabilityScenarios(items: items, conditions: conditions)
        var report = FormCoverage()
        for (dimension, path) in located {
            let units = items.filter { $0.dimension == dimension.id && $0.group == nil }
            let dimensionGroups = groups.filter { $0.dimension == dimension.id }
            guard !units.isEmpty || !dimensionGroups.isEmpty else {
                if !coverage.dimensionsWithGroups.contains(dimension.id) {
                    log.report(path, "dimension '\(dimension.id)' has no items")
                }
                report.dimensions.append(.init(id: dimension.id, range: dimension.range, reachable: nil, bands: dimension.bands,
                                               gaps: [], overlaps: overlaps(of: dimension), reachableLevels: []))
                continue
            }
            let outside = dimensionGroups.flatMap { group in group.possibleScores.filter { !dimension.range.contains($0) }.map { (group, $0) } }
            if let (group, score) = outside.first {
                log.report(path.appending("range"), "group '\(group.id)' can score \(score), outside the range \(dimension.range.scoreText) of '\(dimension.id)'")
                report.dimensions.append(.init(id: dimension.id, range: dimension.range, reachable: nil, bands: dimension.bands,
                                               gaps: [], overlaps: overlaps(of: dimension), reachableLevels: []))
                continue
            }
            // An item that does not apply scores 0; groups always apply.
            let parts = scenarios.map { scenario in
                ReachableScores(scoreSets: units.filter { applies($0, in: scenario) }.map { $0.options.map(\.score) }
                                    + dimensionGroups.map(\.possibleScores))
            }
            let reachable = ReachableScores(union: parts)
            var gaps: [ClosedRange<Int>] = []
            var levels: Set<Int> = []
            if !dimension.range.contains(reachable.bounds.lowerBound) || !dimension.range.contains(reachable.bounds.upperBound) {
                log.report(path.appending("range"), "the items of '\(dimension.id)' add up to \(reachable.bounds.scoreText), outside its range \(dimension.range.scoreText)")
            } else if !dimension.bands.isEmpty {
                let scores = reachable.all
                let uncovered = scores.filter { dimension.band(for: $0) == nil }
                levels = Set(scores.compactMap { dimension.band(for: $0)?.level })
                gaps = runs(uncovered, within: scores)
                if !uncovered.isEmpty {
                    let shown = uncovered.prefix(12).map(String.init).joined(separator: ", ") + (uncovered.count > 12 ? ", …" : "")
                    log.report(path.appending("bands"), "gap: reachable score\(uncovered.count == 1 ? "" : "s") \(shown) \(uncovered.count == 1 ? "is" : "are") in no band")
                }
            }
            report.dimensions.append(.init(id: dimension.id, range: dimension.range, reachable: reachable, bands: dimension.bands,
                                           gaps: gaps, overlaps: overlaps(of: dimension), reachableLevels: levels.sorted()))
        }
        switch grading {
        case .table(let table)?: report.table = tableCoverage(table, report.dimensions, grades: grades)
        case .total(let total)?: report.total = totalCoverage(total, located.map(\.dimension), report.dimensions)
        case nil: break
        }
        coverage.report = report
    }

    private func overlaps(of dimension: Dimension) -> [FormCoverage.Overlap] {
        coverage.overlaps.filter { $0.dimension == dimension.id }.map(\.overlap)
    }

    /// `scores` (a subset of the ordered `all`) as runs of neighbours in `all`.
    private func runs(_ scores: [Int], within all: [Int]) -> [ClosedRange<Int>] {
        let missing = Set(scores)
        var runs: [ClosedRange<Int>] = []
        var start: Int?, last: Int?
        for score in all {
            if missing.contains(score) {
                if start == nil { start = score }
                last = score
            } else if let first = start, let end = last {
                runs.append(first...end)
                start = nil
            }
        }
        if let first = start, let end = last { runs.append(first...end) }
        return runs
    }

    // MARK: Applicability

    /// Representative values of every condition an item's `when` reads: for
    /// a count, each bound and the value just below it; for a flag, both.
    /// Every combination is one scenario; together they give every set of
    /// applicable items that answers can produce.
    private func applicabilityScenarios(items: [Item], conditions: [Condition]) -> [[String: ConditionValue]] {
        var candidates: [String: Set<ConditionValue>] = [:]
        for clause in items.flatMap(\.when) {
            switch clause {
            case .is(let id, _): candidates[id, default: []].formUnion([.boolean(true, reason: nil), .boolean(false, reason: nil)])
            case .atLeast(let id, let bound), .below(let id, let bound):
                candidates[id, default: []].formUnion([bound, bound - 1, 0].filter { $0 >= 0 }.map(ConditionValue.count))
            case .anyIn, .gradeAtLeast: break
            }
        }
        var scenarios: [[String: ConditionValue]] = [[:]]
        for (id, values) in candidates.sorted(by: { $0.key < $1.key }) {
            scenarios = scenarios.flatMap { scenario in values.map { scenario.merging([id: $0]) { $1 } } }
            if scenarios.count > Self.maximumScenarios {
                log.report(.root.appending("items"), "item applicability depends on more than \(Self.maximumScenarios) combinations of condition values; ltc supports at most that many")
                return [[:]]
            }
        }
        return scenarios
    }

    private func applies(_ item: Item, in scenario: [String: ConditionValue]) -> Bool {
        item.when.allSatisfy { clause in clause.holds(clause.condition.flatMap { scenario[$0] }, grade: nil) }
    }

    // MARK: Grading

    private func tableCoverage(_ table: GradingTable, _ dimensions: [FormCoverage.DimensionCoverage], grades: [Grade]) -> FormCoverage.TableCoverage {
        func levels(_ id: String) -> [Int] { dimensions.first { $0.id == id }?.reachableLevels ?? [] }
        var columns: Set<Int> = [0]
        if !table.columnDimensions.isEmpty {
            columns = [Int.min]
            for id in table.columnDimensions {
                columns = Set(columns.flatMap { worst in levels(id).map { max(worst, $0) } })
            }
        }
        let defined = Set(grades.map(\.level))
        var undefined: [FormCoverage.Cell] = []
        let rows = levels(table.rowDimension)
        for row in rows {
            for column in columns.sorted() {
                let cells = row < table.cells.count ? table.cells[row] : []
                if column >= cells.count || !defined.contains(cells[column]) {
                    undefined.append(.init(row: row, column: column))
                }
            }
        }
        let columnCount = table.columnDimensions.isEmpty ? 1 : table.columnDimensions.map { id in
            dimensions.first { $0.id == id }?.bands.count ?? 0
        }.max() ?? 1
        return .init(rows: table.cells.count, columns: columnCount, reachableCells: rows.count * columns.count, undefinedCells: undefined)
    }

    private func totalCoverage(_ total: TotalGrading, _ dimensions: [Dimension], _ reached: [FormCoverage.DimensionCoverage]) -> FormCoverage.TotalCoverage? {
        // Per dimension, the lowest and highest contribution to the total.
        var contributions: [String: (low: Points, high: Points)] = [:]
        for (dimension, coverage) in zip(dimensions, reached) {
            guard let reachable = coverage.reachable else { return nil }
            switch total.measure {
            case .score:
                contributions[dimension.id] = (Points(whole: reachable.bounds.lowerBound), Points(whole: reachable.bounds.upperBound))
            case .points:
                let points = reachable.all.compactMap { dimension.band(for: $0)?.points }
                guard let low = points.min(), let high = points.max() else { return nil }
                contributions[dimension.id] = (low, high)
            }
        }
        var lowest = Points.zero, highest = Points.zero
        let grouped = Set(total.higherOf.joined())
        for set in total.higherOf {
            let parts = set.compactMap { contributions[$0] }
            lowest = lowest + (parts.map(\.low).max() ?? .zero)
            highest = highest + (parts.map(\.high).max() ?? .zero)
        }
        for dimension in dimensions where !grouped.contains(dimension.id) {
            guard let part = contributions[dimension.id] else { continue }
            lowest = lowest + part.low
            highest = highest + part.high
        }
        let first = total.thresholds[0].from
        if first > lowest {
            log.report(.root.appending("grading").appending("thresholds").appending(0).appending("from"),
                       "gap: totals from \(lowest) up to \(first) are below the first threshold")
        }
        return .init(lowest: lowest, highest: highest, firstThreshold: first)
    }
}
