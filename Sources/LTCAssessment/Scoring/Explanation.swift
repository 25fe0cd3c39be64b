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

    /// Per dimension: the start of its band line, up to the score.
    let scored: [Pair]
    /// Per dimension, per band level: the rest of the band line after the score.
    let band: [[Pair]]
    /// Per dimension: the start of its shortfall line.
    let lowered: [Pair]
    /// Per item, per option: the item's shortfall phrase with that option chosen.
    let shortfall: [[Pair]]
    /// Per row level: the row part of the decision line.
    let row: [Pair]
    /// Per column dimension, per level: `cognition level 2`.
    let columnInput: [[Pair]]
    /// Per row, per column: the cell part of the decision line.
    let cell: [[Pair]]

    init(dimensions: [Dimension], items: [Item], grades: [Grade], grading table: GradingTable) {
        func dimension(_ id: String) -> Dimension { dimensions.first { $0.id == id }! }
        func grade(_ level: Int) -> Grade { grades.first { $0.level == level }! }
        func range(_ range: ClosedRange<Int>) -> String {
            range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
        }
        func englishName(_ dimension: Dimension) -> String {
            dimension.id == dimension.name.en ? dimension.id : "\(dimension.id) (\(dimension.name.en))"
        }
        scored = dimensions.map { Pair(zh: "\($0.name.zh)得分 ", en: "\(englishName($0)) scored ") }
        band = dimensions.map { dimension in
            dimension.bands.map { band in
                Pair(
                    zh: "（分值范围 \(range(dimension.range))），落在 \(range(band.scores)) 分段，等级 \(band.level)（\(band.label.zh)）。",
                    en: " of \(range(dimension.range)), in band \(range(band.scores)): level \(band.level) (\(band.label.en)).")
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
        row = table.cells.indices.map { Pair(zh: "行：\(rowName)等级 \($0)", en: "Row: \(table.rowDimension) level \($0)") }
        columnInput = table.columnDimensions.map { id in
            let column = dimension(id)
            return column.bands.indices.map { Pair(zh: "\(column.name.zh)等级 \($0)", en: "\(id) level \($0)") }
        }
        cell = table.cells.enumerated().map { row, cells in
            cells.enumerated().map { column, level in
                let grade = grade(level)
                return Pair(zh: "；组合表第 \(row) 行第 \(column) 列 → 等级 \(level)（\(grade.label.zh)）。",
                            en: "; table cell (row \(row), column \(column)) gives grade \(level) (\(grade.label.en)).")
            }
        }
    }

    /// The explanation of a result whose item answers are `optionIndexes` (per item, in form order).
    func explain(_ dimensions: [DimensionResult], _ decision: GradeDecision, optionIndexes: [Int],
                 itemPositions: [[Int]]) -> Explanation {
        func lines(_ language: Language) -> [String] {
            var lines: [String] = []
            lines.reserveCapacity(dimensions.count * 2 + 1)
            for (position, result) in dimensions.enumerated() {
                lines.append(scored[position][language] + String(result.score) + band[position][result.level][language])
                let items = itemPositions[position]
                guard !items.isEmpty else { continue }
                var line = lowered[position][language]
                for (index, item) in items.enumerated() {
                    if index > 0 { line += language == .zh ? "，" : ", " }
                    line += shortfall[item][optionIndexes[item]][language]
                }
                lines.append(line + (language == .zh ? "。" : "."))
            }
            var line = row[decision.row][language]
            if !decision.columnInputs.isEmpty {
                line += language == .zh ? "；列：" : "; column: the worst of "
                for (index, input) in decision.columnInputs.enumerated() {
                    if index > 0 { line += language == .zh ? "、" : " and " }
                    line += columnInput[index][input.level][language]
                }
                line += language == .zh ? " 中较差者，等级 \(decision.column)" : ", level \(decision.column)"
            }
            lines.append(line + cell[decision.row][decision.column][language])
            return lines
        }
        return Explanation(zh: lines(.zh), en: lines(.en))
    }
}
