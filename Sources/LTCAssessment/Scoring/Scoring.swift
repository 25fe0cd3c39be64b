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
    public func score(answers: JSONObject) throws(InvalidAnswers) -> AssessmentResult {
        var scores = [Int?](repeating: nil, count: items.count)
        var problems: [AnswerProblem] = []
        for member in answers {
            guard let position = itemPosition(member.key) else {
                problems.append(AnswerProblem(item: member.key, kind: .unknownItem, value: member.value))
                continue
            }
            let item = items[position]
            guard let score = member.value.intValue else {
                problems.append(AnswerProblem(item: item.id, kind: .wrongType, value: member.value, accepted: item.options.map(\.score)))
                continue
            }
            guard item.option(scoring: score) != nil else {
                problems.append(AnswerProblem(item: item.id, kind: .notAnOption, value: member.value, accepted: item.options.map(\.score)))
                continue
            }
            scores[position] = score
        }
        for (position, item) in items.enumerated() where scores[position] == nil && answers[item.id] == nil {
            problems.append(AnswerProblem(item: item.id, kind: .missing, accepted: item.options.map(\.score)))
        }
        guard problems.isEmpty else { throw InvalidAnswers(formID: id, problems: problems) }
        return result(scores: scores.map { $0! })
    }

    /// The result for valid scores, one per item in form order.
    private func result(scores: [Int]) -> AssessmentResult {
        var totals = [Int](repeating: 0, count: dimensions.count)
        var shortfalls = [[ItemShortfall]](repeating: [], count: dimensions.count)
        for (position, item) in items.enumerated() {
            let dimension = dimensionPosition(item.dimension)!
            let score = scores[position]
            totals[dimension] += score
            if score < item.maximumScore {
                shortfalls[dimension].append(ItemShortfall(item: item.id, name: item.name, score: score, maximum: item.maximumScore))
            }
        }
        let results = dimensions.enumerated().map { position, dimension in
            DimensionResult(
                dimension: dimension,
                score: totals[position],
                // Validation guarantees the items' sum lies in the range and the bands cover it.
                band: dimension.band(for: totals[position])!,
                shortfalls: Self.largestLossFirst(shortfalls[position])
            )
        }
        func level(of id: String) -> Int { results[dimensionPosition(id)!].level }

        let row = level(of: grading.rowDimension)
        let inputs = grading.columnDimensions.map { GradeDecision.ColumnInput(dimension: $0, level: level(of: $0)) }
        let column = inputs.map(\.level).max() ?? 0
        let gradeLevel = grading.grade(row: row, column: column)
        return AssessmentResult(
            formID: id,
            formVersion: version,
            dimensions: results,
            grade: grade(gradeLevel)!,
            decision: GradeDecision(rowDimension: grading.rowDimension, row: row, columnInputs: inputs, column: column, grade: gradeLevel)
        )
    }

    /// Sorts by points lost, largest first; equal losses keep form order.
    private static func largestLossFirst(_ shortfalls: [ItemShortfall]) -> [ItemShortfall] {
        shortfalls.enumerated()
            .sorted { ($0.element.lost, -$0.offset) > ($1.element.lost, -$1.offset) }
            .map(\.element)
    }
}
