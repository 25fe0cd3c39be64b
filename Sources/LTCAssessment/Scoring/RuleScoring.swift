import LTCCore

extension AssessmentForm {
    /// Scores a form that has conditions, item applicability, frequency
    /// groups, a total or adjustments; plain forms take the tuned path in
    /// ``score(answers:conditions:)``, which gives the same result.
    ///
    /// Order of the rules: conditions are read (defaults filled in); items
    /// that do not apply score 0 and must not be answered; each frequency
    /// group adds up its items (daily averages exactly in 210ths of a day,
    /// points exactly in hundredths) and scores by its steps; dimensions add
    /// up their items and groups and fall in a band; the table or total
    /// gives a grade; every adjustment whose clauses all hold proposes a
    /// grade from that one, and the worst proposal (or the grade itself) is
    /// the result.
    func scoreWithRules(answers: JSONObject, conditions given: JSONObject) throws(InvalidAnswers) -> AssessmentResult {
        var problems: [AnswerProblem] = []
        let values = conditionValues(given, problems: &problems)
        let conditionByID = Dictionary(uniqueKeysWithValues: zip(conditions.map(\.id), values))

        // Applicability: nil when a condition it depends on is unusable (already reported).
        let applies: [Bool?] = items.map { item in
            var result = true
            for clause in item.when {
                guard let id = clause.condition, let value = conditionByID[id] ?? nil else { return nil }
                if !clause.holds(value, grade: nil) { result = false }
            }
            return result
        }

        var chosen = [Int?](repeating: nil, count: items.count)           // option score per item
        var frequencies = [Frequency?](repeating: nil, count: items.count)
        for member in answers {
            guard let position = itemPosition(member.key) else {
                problems.append(AnswerProblem(item: member.key, kind: .unknownItem, value: member.value))
                continue
            }
            let item = items[position]
            if applies[position] == false {
                problems.append(AnswerProblem(item: item.id, kind: .notApplicable, value: member.value,
                                              expected: "when " + item.when.map(\.text).joined(separator: " and ") + " does not hold"))
                continue
            }
            if item.group != nil {
                switch Frequency.read(member.value) {
                case .failure(let error):
                    problems.append(AnswerProblem(item: item.id, kind: .invalidFrequency, value: member.value, expected: error.message))
                case .success(let frequency):
                    if !item.pointsPerOccurrence.isEmpty, item.pointsPerOccurrence[frequency.period] == nil {
                        let periods = Frequency.Period.allCases.filter { item.pointsPerOccurrence[$0] != nil }.map(\.rawValue)
                        problems.append(AnswerProblem(item: item.id, kind: .invalidFrequency, value: member.value,
                                                      expected: "\(frequency.period.rawValue) is not counted for this item; answer with \(periods.joined(separator: " or "))"))
                    } else {
                        frequencies[position] = frequency
                    }
                }
                continue
            }
            guard let score = member.value.intValue else {
                problems.append(AnswerProblem(item: item.id, kind: .wrongType, value: member.value, accepted: optionScores[position]))
                continue
            }
            guard optionScores[position].contains(score) else {
                problems.append(AnswerProblem(item: item.id, kind: .notAnOption, value: member.value, accepted: optionScores[position]))
                continue
            }
            chosen[position] = score
        }
        for (position, item) in items.enumerated() where applies[position] == true && answers[item.id] == nil {
            if item.group == nil {
                problems.append(AnswerProblem(item: item.id, kind: .missing, accepted: optionScores[position]))
            } else {
                problems.append(AnswerProblem(item: item.id, kind: .missing, expected: "a frequency such as {\"perWeek\": 2} ({\"perDay\": 0} for never)"))
            }
        }
        guard problems.isEmpty else { throw InvalidAnswers(formID: id, problems: problems) }

        let conditionList = zip(conditions.map(\.id), values.map { $0! }).map { (id: $0, value: $1) }
        return resultWithRules(chosen: chosen, frequencies: frequencies, conditions: conditionList)
    }

    private func resultWithRules(chosen: [Int?], frequencies: [Frequency?],
                                 conditions conditionList: [(id: String, value: ConditionValue)]) -> AssessmentResult {
        // Groups: the exact measure, then the step score.
        let groupResults: [GroupResult] = groups.map { group in
            var measure = 0
            for (position, item) in items.enumerated() where item.group == group.id {
                guard let frequency = frequencies[position] else { continue }
                switch group.measure {
                case .perDay: measure += frequency.perDayIn210ths
                case .points: measure += item.pointsPerOccurrence[frequency.period]!.hundredths * frequency.count
                }
            }
            return GroupResult(group: group, measure: measure, score: group.score(for: measure))
        }

        var results: [DimensionResult] = dimensions.map { dimension in
            var score = 0
            var shortfalls: [ItemShortfall] = []
            for (position, item) in items.enumerated() where item.dimension == dimension.id && item.group == nil {
                guard let chosen = chosen[position] else { continue }  // does not apply
                score += chosen
                let best = higherIsWorse ? item.minimumScore : itemMaxima[position]
                if chosen != best {
                    shortfalls.append(ItemShortfall(item: item.id, name: item.name, score: chosen, best: best))
                }
            }
            let parts = groupResults.filter { $0.group.dimension == dimension.id }
            for part in parts {
                score += part.score
                let best = higherIsWorse ? 0 : part.group.possibleScores.max()!
                if part.score != best {
                    shortfalls.append(ItemShortfall(item: part.group.id, name: part.group.name, score: part.score, best: best))
                }
            }
            shortfalls.sort { $0.lost > $1.lost }
            let band = dimension.band(for: score)
            return DimensionResult(dimension: dimension, score: score, band: band, shortfalls: shortfalls,
                                   weighted: band?.points, groups: parts)
        }

        var decision: GradeDecision?
        var totalResult: TotalDecision?
        let unadjusted: Int
        switch grading {
        case .table:
            decision = tableDecision(results)
            unadjusted = decision!.grade
        case .total(let rule):
            totalResult = totalDecision(rule, &results)
            unadjusted = totalResult!.grade
        }

        var applied: [AppliedAdjustment] = []
        let byID = Dictionary(uniqueKeysWithValues: conditionList.map { ($0.id, $0.value) })
        for adjustment in adjustments
        where adjustment.when.allSatisfy({ $0.holds($0.condition.flatMap { byID[$0] }, grade: unadjusted) }) {
            let note = adjustment.when.lazy.compactMap { clause -> String? in
                guard case .boolean(true, let reason?)? = clause.condition.flatMap({ byID[$0] }) else { return nil }
                return reason
            }.first
            let codes = adjustment.when.flatMap { clause -> [String] in
                guard case .anyIn(let id, let ranges) = clause, case .codes(let codes)? = byID[id] else { return [] }
                return codes.filter { code in ranges.contains { $0.contains(code) } }
            }
            applied.append(AppliedAdjustment(adjustment: adjustment, from: unadjusted,
                                             proposed: adjustment.proposal(from: unadjusted, levels: gradeLevels), note: note, codes: codes))
        }
        let final = applied.map(\.proposed).reduce(unadjusted, max)

        var result = AssessmentResult(formID: id, formVersion: version, dimensions: results, grade: grade(final)!,
                                      decision: decision, total: totalResult, adjustments: applied,
                                      conditions: conditionList, explanation: Explanation(zh: [], en: []))
        result.explanation = RuleExplanation(form: self).explain(result)
        return result
    }

    /// Adds up the dimensions (the higher of each "higher of" set only) and finds the threshold.
    private func totalDecision(_ rule: TotalGrading, _ results: inout [DimensionResult]) -> TotalDecision {
        func contribution(_ result: DimensionResult) -> Points {
            rule.measure == .points ? result.weighted ?? .zero : Points(whole: result.score)
        }
        var higherOf: [TotalDecision.HigherOf] = []
        for set in rule.higherOf {
            let positions = set.map { id in results.firstIndex { $0.dimension.id == id }! }
            // The first listed wins a tie.
            let winner = positions.dropFirst().reduce(positions[0]) { contribution(results[$1]) > contribution(results[$0]) ? $1 : $0 }
            for position in positions where position != winner { results[position].counted = false }
            higherOf.append(.init(dimensions: set, counted: results[winner].dimension.id))
        }
        let total = results.filter(\.counted).reduce(Points.zero) { $0 + contribution($1) }
        let threshold = rule.threshold(for: total)
        return TotalDecision(measure: rule.measure, total: total, higherOf: higherOf, threshold: threshold, grade: threshold.grade)
    }
}
