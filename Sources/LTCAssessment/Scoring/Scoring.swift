import LTCCore

extension AssessmentForm {
    /// Scores a complete set of answers, given as item id → the chosen option's score.
    ///
    /// Each dimension's score is the sum of its items; the score's band gives
    /// the dimension's level; the grading table's row is the row dimension's
    /// level and its column the worst (highest) level of the column
    /// dimensions; the cell is the grade. Under the national standard the row
    /// is ADL and the column the worse of cognition and sensory/communication
    /// (《长期护理失能等级评估标准(试行)》, combination of first-level indicators).
    ///
    /// ```swift
    /// let result = try form.score(answers)
    /// result.grade.level                      // 0…5 for cn-ltc-2021
    /// result.dimension("adl")?.level          // 0…3
    /// ```
    ///
    /// - Throws: ``InvalidAnswers`` listing every missing item, unknown item
    ///   and score that is not one of the item's options.
    public func score(_ answers: [String: Int]) throws(InvalidAnswers) -> AssessmentResult {
        let members = answers.keys.sorted().map { JSONObject.Member(key: $0, value: .integer(answers[$0]!)) }
        return try score(answers: JSONObject(members))
    }

    /// Scores answers read from JSON, where a value of the wrong type (a
    /// string, a decimal, a boolean, null, …) is one more reported problem.
    ///
    /// `conditions` are the form's inputs that are not items (GB/T
    /// 42195-2022's coma flag, diagnoses and care-risk events; the NBA's age
    /// in months), by condition id; those left out take the form's default.
    public func score(answers: JSONObject, conditions given: JSONObject = [:]) throws(InvalidAnswers) -> AssessmentResult {
        guard isPlain, given.isEmpty else { return try scoreWithRules(answers: answers, conditions: given) }
        var chosen = [Int](repeating: -1, count: items.count)  // option index per item
        var problems: [AnswerProblem] = []
        for member in answers {
            guard let position = itemPosition(member.key) else {
                problems.append(AnswerProblem(item: member.key, kind: .unknownItem, value: member.value))
                continue
            }
            guard let score = member.value.intValue else {
                problems.append(AnswerProblem(item: member.key, kind: .wrongType, value: member.value, accepted: optionScores[position]))
                continue
            }
            guard let option = optionScores[position].firstIndex(of: score) else {
                problems.append(AnswerProblem(item: member.key, kind: .notAnOption, value: member.value, accepted: optionScores[position]))
                continue
            }
            chosen[position] = option
        }
        if chosen.contains(-1) {
            for position in items.indices where chosen[position] < 0 && answers[items[position].id] == nil {
                problems.append(AnswerProblem(item: items[position].id, kind: .missing, accepted: optionScores[position]))
            }
        }
        guard problems.isEmpty else { throw InvalidAnswers(formID: id, problems: problems) }
        return result(chosen: chosen)
    }

    /// The result for valid answers: the index of the chosen option of each item, in form order.
    private func result(chosen: [Int]) -> AssessmentResult {
        var totals = [Int](repeating: 0, count: dimensions.count)
        var lowering = [[Int]](repeating: [], count: dimensions.count)  // item positions below their best
        for position in chosen.indices {
            let dimension = itemDimensions[position]
            let score = optionScores[position][chosen[position]]
            totals[dimension] += score
            if score < itemMaxima[position] { lowering[dimension].append(position) }
        }
        for dimension in lowering.indices {
            // Largest loss first; equal losses keep form order (the sort is stable).
            lowering[dimension].sort { loss($0, chosen) > loss($1, chosen) }
        }
        let results = dimensions.enumerated().map { position, dimension in
            DimensionResult(
                dimension: dimension,
                score: totals[position],
                // Validation guarantees the items' sum lies in the range and every reachable score is in a band.
                band: dimension.band(for: totals[position])!,
                shortfalls: lowering[position].map { item in
                    ItemShortfall(item: items[item].id, name: items[item].name,
                                  score: optionScores[item][chosen[item]], best: itemMaxima[item])
                }
            )
        }
        let decision = tableDecision(results)
        return AssessmentResult(
            formID: id,
            formVersion: version,
            dimensions: results,
            grade: grade(decision.grade)!,
            decision: decision,
            explanation: phrases!.explain(results, decision, optionIndexes: chosen, itemPositions: lowering)
        )
    }

    /// The grading-table cell for dimension results in form order.
    func tableDecision(_ results: [DimensionResult]) -> GradeDecision {
        let table = grading.table!
        // Validation guarantees every dimension of a table has bands.
        let row = results[gradingRowPosition].level!
        let inputs = zip(table.columnDimensions, gradingColumnPositions).map {
            GradeDecision.ColumnInput(dimension: $0, level: results[$1].level!)
        }
        let column = inputs.map(\.level).max() ?? 0
        return GradeDecision(rowDimension: table.rowDimension, row: row, columnInputs: inputs, column: column,
                             grade: table.grade(row: row, column: column))
    }

    private func loss(_ item: Int, _ chosen: [Int]) -> Int {
        itemMaxima[item] - optionScores[item][chosen[item]]
    }
}
