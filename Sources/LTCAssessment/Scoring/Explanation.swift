/// The language of explanation lines.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// Why a result is what it is, as lines a person can check against the form,
/// in Chinese and English: each dimension's score and band, the items that
/// lowered it, and the grading-table cell that gave the grade.
public struct Explanation: Sendable, Equatable {
    public var zh: [String]
    public var en: [String]

    public func lines(in language: Language) -> [String] {
        language == .zh ? zh : en
    }
}

extension AssessmentResult {
    public func explanation(in language: Language) -> [String] {
        explanation.lines(in: language)
    }
}

/// The fixed parts of a form's explanation lines, worded once per form so
/// that explaining a result only joins them with the numbers of that result.
struct ExplanationPhrases: Sendable {
    /// Texts in both languages, indexed by ``Language``.
    struct Pair: Sendable {
        var zh: String
        var en: String
        subscript(language: Language) -> String { language == .zh ? zh : en }
    }

    /// Per dimension, per score from the bottom of its range: the whole band line.
    let bandLine: [[Pair]]
    /// Per dimension: the start of its shortfall line.
    let lowered: [Pair]
    /// Per item, per option: the item's shortfall phrase with that option chosen.
    let shortfall: [[Pair]]
    /// Per combination of the row level and each column dimension's level
    /// (mixed radix, row most significant): the whole decision line.
    let decisionLine: [Pair]
    /// The number of levels of each column dimension, for indexing ``decisionLine``.
    let columnLevelCounts: [Int]

    init(dimensions: [Dimension], items: [Item], grades: [Grade], grading table: GradingTable) {
        func dimension(_ id: String) -> Dimension { dimensions.first { $0.id == id }! }
        func grade(_ level: Int) -> Grade { grades.first { $0.level == level }! }
        func englishName(_ dimension: Dimension) -> String {
            dimension.id == dimension.name.en ? dimension.id : "\(dimension.id) (\(dimension.name.en))"
        }
        // Ranges are small (0–100 for ADL), so every score's line is worded once.
        bandLine = dimensions.map { dimension in
            dimension.range.map { score in
                guard let band = dimension.band(for: score) else { return Pair(zh: "", en: "") }  // unreachable score
                return Pair(
                    zh: "\(dimension.name.zh)得分 \(score)（分值范围 \(dimension.range.scoreText)），落在 \(band.scores.scoreText) 分段，等级 \(band.level)（\(band.label.zh)）。",
                    en: "\(englishName(dimension)) scored \(score) of \(dimension.range.scoreText), in band \(band.scores.scoreText): level \(band.level) (\(band.label.en)).")
            }
        }
        lowered = dimensions.map { Pair(zh: "\($0.name.zh)失分项：", en: "\($0.id) lowered by: ") }
        shortfall = items.map { item in
            item.options.map { option in
                let lost = item.maximumScore - option.score
                return Pair(zh: "\(item.name.zh) \(option.score)/\(item.maximumScore)（−\(lost)）",
                            en: "\(item.id) \(option.score)/\(item.maximumScore) (−\(lost))")
            }
        }
        let rowName = dimension(table.rowDimension).name.zh
        let columns = table.columnDimensions.map(dimension)
        columnLevelCounts = columns.map(\.levelCount)
        // Every combination of row and column levels: 64 for the national standard.
        var lines: [Pair] = []
        for row in table.cells.indices {
            var levels = [Int](repeating: 0, count: columns.count)
            repeat {
                let column = levels.max() ?? 0
                let level = table.cells[row][column]
                let grade = grade(level)
                var zh = "行：\(rowName)等级 \(row)"
                var en = "Row: \(table.rowDimension) level \(row)"
                if !columns.isEmpty {
                    zh += "；列：" + zip(columns, levels).map { "\($0.name.zh)等级 \($1)" }.joined(separator: "、") + " 中较差者，等级 \(column)"
                    en += "; column: the worst of " + zip(columns, levels).map { "\($0.id) level \($1)" }.joined(separator: " and ") + ", level \(column)"
                }
                zh += "；组合表第 \(row) 行第 \(column) 列 → 等级 \(level)（\(grade.label.zh)）。"
                en += "; table cell (row \(row), column \(column)) gives grade \(level) (\(grade.label.en))."
                lines.append(Pair(zh: zh, en: en))
            } while Self.advance(&levels, counts: columnLevelCounts)
        }
        decisionLine = lines
    }

    /// Steps `levels` to the next combination (last digit fastest); `false` after the last.
    private static func advance(_ levels: inout [Int], counts: [Int]) -> Bool {
        for index in levels.indices.reversed() {
            levels[index] += 1
            if levels[index] < counts[index] { return true }
            levels[index] = 0
        }
        return false
    }

    private func decisionIndex(_ decision: GradeDecision) -> Int {
        var index = decision.row
        for (input, count) in zip(decision.columnInputs, columnLevelCounts) {
            index = index * count + input.level
        }
        return index
    }

    /// The explanation of a result whose item answers are `optionIndexes` (per item, in form order).
    func explain(_ dimensions: [DimensionResult], _ decision: GradeDecision, optionIndexes: [Int],
                 itemPositions: [[Int]]) -> Explanation {
        func lines(_ language: Language) -> [String] {
            var lines: [String] = []
            lines.reserveCapacity(dimensions.count * 2 + 1)
            for (position, result) in dimensions.enumerated() {
                lines.append(bandLine[position][result.score - result.dimension.range.lowerBound][language])
                let items = itemPositions[position]
                guard !items.isEmpty else { continue }
                var line = lowered[position][language]
                for (index, item) in items.enumerated() {
                    if index > 0 { line += language == .zh ? "，" : ", " }
                    line += shortfall[item][optionIndexes[item]][language]
                }
                lines.append(line + (language == .zh ? "。" : "."))
            }
            lines.append(decisionLine[decisionIndex(decision)][language])
            return lines
        }
        return Explanation(zh: lines(.zh), en: lines(.en))
    }
}
