import LTCCore

extension AssessmentForm {
    /// Reads the conditions given with answers: every value checked against
    /// its condition's type, defaults filled in, unknown and missing ones
    /// reported. Values are in form order; `nil` where a value is unusable.
    func conditionValues(_ given: JSONObject, problems: inout [AnswerProblem]) -> [ConditionValue?] {
        let known = conditions.isEmpty ? "none" : conditions.map(\.id).joined(separator: ", ")
        for member in given where condition(member.key) == nil {
            problems.append(AnswerProblem(item: member.key, kind: .unknownCondition, value: member.value, expected: known))
        }
        return conditions.map { condition in
            guard let value = given[condition.id] else {
                switch condition.kind {
                case .boolean(let flag?, _): return .boolean(flag, reason: nil)
                case .count(let count?, _): return .count(count)
                case .codes: return .codes([])
                default:
                    problems.append(AnswerProblem(item: condition.id, kind: .missingCondition, expected: condition.expected))
                    return nil
                }
            }
            func invalid(_ expected: String? = nil) -> ConditionValue? {
                problems.append(AnswerProblem(item: condition.id, kind: .invalidCondition, value: value, expected: expected ?? condition.expected))
                return nil
            }
            switch condition.kind {
            case .boolean(_, let requiresReason):
                if let flag = value.boolValue {
                    if flag && requiresReason { return invalid("{\"value\": true, \"reason\": \"…\"}: this flag needs the assessor's reason on record") }
                    return .boolean(flag, reason: nil)
                }
                guard requiresReason, case .object(let object) = value, object.count == 2,
                      let flag = object["value"]?.boolValue, let reason = object["reason"]?.stringValue,
                      !reason.allSatisfy(\.isWhitespace)
                else { return invalid() }
                return .boolean(flag, reason: reason)
            case .count(_, let maximum):
                guard let count = value.intValue, (0...maximum).contains(count) else { return invalid() }
                return .count(count)
            case .codes:
                guard let elements = value.arrayValue else { return invalid() }
                var codes: [String] = []
                for (index, element) in elements.enumerated() {
                    guard let code = element.stringValue, CodeRange.isICD10(code) else {
                        return invalid("ICD-10 codes (a capital letter, two digits, optionally a dot and 1–4 more, e.g. \"F01.1\"); element \(index) is not one")
                    }
                    codes.append(code)
                }
                return .codes(codes)
            }
        }
    }
}

extension ConditionValue {
    public var json: JSONValue {
        switch self {
        case .boolean(let flag, let reason?): .members(.init("value", .bool(flag)), .init("reason", .string(reason)))
        case .boolean(let flag, nil): .bool(flag)
        case .count(let count): .integer(count)
        case .codes(let codes): .array(codes.map { .string($0) })
        }
    }
}

extension AssessmentForm {
    /// Whether `item` applies under the conditions given (as with answers):
    /// an item whose when-clauses hold, or that depends on a condition left
    /// out or unusable (scoring reports that).
    ///
    /// ```swift
    /// nba.applies(nba.item("m4.k")!, conditions: ["ageMonths": 240])   // false: 4.K is for infants
    /// ```
    public func applies(_ item: Item, conditions given: JSONObject) -> Bool {
        guard !item.when.isEmpty else { return true }
        var problems: [AnswerProblem] = []
        let values = Dictionary(uniqueKeysWithValues: zip(conditions.map(\.id), conditionValues(given, problems: &problems)))
        return item.when.allSatisfy { clause in
            guard let id = clause.condition, let value = values[id] ?? nil else { return true }
            return clause.holds(value, grade: nil)
        }
    }

    /// What is wrong with `value` as the condition `id`, or `nil` if it is usable.
    public func problem(with value: JSONValue, forCondition id: String) -> String? {
        var problems: [AnswerProblem] = []
        _ = conditionValues([id: value], problems: &problems)
        return problems.first { $0.item == id }?.description
    }
}
