/// The language of explanation lines.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

extension AssessmentResult {
    /// Lines a person can check against the form: each dimension's score and
    /// band, the items that lowered it, the row and column of the grading
    /// table, and the cell that gave the grade.
    public func explanation(in language: Language) -> [String] {
        var lines: [String] = []
        for result in dimensions {
            lines.append(bandLine(result, language))
            if !result.shortfalls.isEmpty { lines.append(shortfallLine(result, language)) }
        }
        lines.append(decisionLine(language))
        return lines
    }

    private func name(_ dimensionID: String, _ language: Language) -> String {
        guard let dimension = dimension(dimensionID)?.dimension else { return dimensionID }
        if language == .zh { return dimension.name.zh }
        return dimension.id == dimension.name.en ? dimension.id : "\(dimension.id) (\(dimension.name.en))"
    }

    private func bandLine(_ result: DimensionResult, _ language: Language) -> String {
        let range = result.dimension.range
        let band = result.band
        switch language {
        case .zh:
            return "\(result.dimension.name.zh)得分 \(result.score)（分值范围 \(range.lowerBound)–\(range.upperBound)），"
                + "落在 \(band.scores.lowerBound)–\(band.scores.upperBound) 分段，等级 \(band.level)（\(band.label.zh)）。"
        case .en:
            return "\(name(result.dimension.id, .en)) scored \(result.score) of \(range.lowerBound)–\(range.upperBound), "
                + "in band \(band.scores.lowerBound)–\(band.scores.upperBound): level \(band.level) (\(band.label.en))."
        }
    }

    private func shortfallLine(_ result: DimensionResult, _ language: Language) -> String {
        switch language {
        case .zh:
            let items = result.shortfalls.map { "\($0.name.zh) \($0.score)/\($0.maximum)（−\($0.lost)）" }
            return "\(result.dimension.name.zh)失分项：" + items.joined(separator: "，") + "。"
        case .en:
            let items = result.shortfalls.map { "\($0.item) \($0.score)/\($0.maximum) (−\($0.lost))" }
            return "\(result.dimension.id) lowered by: " + items.joined(separator: ", ") + "."
        }
    }

    private func decisionLine(_ language: Language) -> String {
        let decision = self.decision
        let inputs = decision.columnInputs
        switch language {
        case .zh:
            var line = "行：\(name(decision.rowDimension, .zh))等级 \(decision.row)"
            if !inputs.isEmpty {
                let parts = inputs.map { "\(name($0.dimension, .zh))等级 \($0.level)" }
                line += "；列：" + parts.joined(separator: "、") + " 中较差者，等级 \(decision.column)"
            }
            return line + "；组合表第 \(decision.row) 行第 \(decision.column) 列 → 等级 \(grade.level)（\(grade.label.zh)）。"
        case .en:
            var line = "Row: \(decision.rowDimension) level \(decision.row)"
            if !inputs.isEmpty {
                let parts = inputs.map { "\($0.dimension) level \($0.level)" }
                line += "; column: the worst of " + parts.joined(separator: " and ") + ", level \(decision.column)"
            }
            return line + "; table cell (row \(decision.row), column \(decision.column)) gives grade \(grade.level) (\(grade.label.en))."
        }
    }
}
