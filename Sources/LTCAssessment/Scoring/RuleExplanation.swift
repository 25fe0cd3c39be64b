import LTCCore

/// Explanation lines for forms scored by ``AssessmentForm/scoreWithRules(answers:conditions:)``:
/// each dimension (its parts, band and points), the total or table cell, and
/// every adjustment that fired with its reason, in Chinese and English.
struct RuleExplanation {
    let form: AssessmentForm

    func explain(_ result: AssessmentResult) -> Explanation {
        var zh: [String] = [], en: [String] = []
        func line(_ chinese: String, _ english: String) {
            zh.append(chinese)
            en.append(english)
        }
        for dimension in result.dimensions {
            let d = dimension.dimension
            for part in dimension.groups {
                let unit = part.group.measure == .perDay ? ("次/日（日均）", "a day on average") : ("分", "points")
                line("\(part.group.name.zh)：\(part.measureText) \(unit.0)，计 \(part.score) 分。",
                     "\(part.group.id) (\(part.group.name.en)): \(part.measureText) \(unit.1), scores \(part.score).")
            }
            var zhLine = "\(d.name.zh)得分 \(dimension.score)（分值范围 \(d.range.scoreText)）"
            var enLine = "\(d.id) (\(d.name.en)) scored \(dimension.score) of \(d.range.scoreText)"
            if let band = dimension.band {
                zhLine += "，落在 \(band.scores.scoreText) 分段，等级 \(band.level)（\(band.label.zh)）"
                enLine += ", in band \(band.scores.scoreText): level \(band.level) (\(band.label.en))"
            }
            if let weighted = dimension.weighted {
                zhLine += "，加权 \(weighted) 分"
                enLine += ", weighted \(weighted) points"
            }
            line(zhLine + "。", enLine + ".")
            let shortfalls = dimension.shortfalls
            if form.higherIsWorse, !shortfalls.isEmpty {
                line("\(d.name.zh)计分项：" + shortfalls.map { "\($0.name.zh) \($0.score)（+\($0.lost)）" }.joined(separator: "，") + "。",
                     "\(d.id) raised by: " + shortfalls.map { "\($0.item) \($0.score) (+\($0.lost))" }.joined(separator: ", ") + ".")
            } else if !shortfalls.isEmpty {
                line("\(d.name.zh)失分项：" + shortfalls.map { "\($0.name.zh) \($0.score)/\($0.best)（−\($0.lost)）" }.joined(separator: "，") + "。",
                     "\(d.id) lowered by: " + shortfalls.map { "\($0.item) \($0.score)/\($0.best) (−\($0.lost))" }.joined(separator: ", ") + ".")
            }
        }
        if let decision = result.decision {
            let grade = form.grade(decision.grade)!
            line("行：\(decision.rowDimension) 等级 \(decision.row)；列：等级 \(decision.column)；组合表 → 等级 \(decision.grade)（\(grade.label.zh)）。",
                 "Row: \(decision.rowDimension) level \(decision.row); column level \(decision.column); table cell gives grade \(decision.grade) (\(grade.label.en)).")
        }
        if let total = result.total {
            for set in total.higherOf {
                let others = set.dimensions.filter { $0 != set.counted }
                line("\(set.dimensions.joined(separator: "、")) 取较高者：\(set.counted) 计入总分，\(others.joined(separator: "、")) 不计入。",
                     "The higher of \(set.dimensions.joined(separator: " and ")) counts: \(set.counted); \(others.joined(separator: ", ")) does not.")
            }
            let grade = form.grade(total.grade)!
            let what = total.measure == .points ? ("加权总分", "weighted total") : ("总分", "total score")
            line("\(what.0) \(total.total)，达到 \(total.threshold.from) 分的阈值 → 等级 \(total.grade)（\(grade.label.zh)）。",
                 "\(what.1.prefix(1).uppercased() + what.1.dropFirst()) \(total.total) reaches the threshold \(total.threshold.from): grade \(total.grade) (\(grade.label.en)).")
        }
        for applied in result.adjustments {
            let proposed = form.grade(applied.proposed)!
            var note = applied.note.map { ("（评估员说明：\($0)）", " (assessor's reason: \($0))") } ?? ("", "")
            if !applied.codes.isEmpty {
                let codes = applied.codes.joined(separator: ", ")
                note = (note.0 + "（诊断 \(codes)）", note.1 + " (diagnoses \(codes))")
            }
            line("调整 \(applied.adjustment.id)：\(applied.adjustment.reason.zh)\(note.0) → 等级 \(applied.proposed)（\(proposed.label.zh)）。",
                 "Adjustment \(applied.adjustment.id): \(applied.adjustment.reason.en)\(note.1): grade \(applied.proposed) (\(proposed.label.en)).")
        }
        if !result.adjustments.isEmpty {
            line("调整后等级：\(result.grade.level)（\(result.grade.label.zh)），取原等级与各项调整中最重者。",
                 "Grade after adjustments: \(result.grade.level) (\(result.grade.label.en)), the worst of the unadjusted grade and every adjustment.")
        }
        return Explanation(zh: zh, en: en)
    }
}
