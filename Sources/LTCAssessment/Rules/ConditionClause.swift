/// One test in a rule: on a condition's value, or on the grade the form gave
/// before adjustments. A rule's clauses must all hold.
///
/// ```json
/// {"condition": "riskEvents", "atLeast": 2}
/// {"condition": "diagnoses", "anyIn": [{"from": "F00", "to": "F99"}]}
/// {"grade": {"atLeast": 1}}
/// ```
public enum ConditionClause: Sendable, Hashable {
    case `is`(condition: String, Bool)
    case atLeast(condition: String, Int)
    case below(condition: String, Int)
    /// Some code falls in one of the ranges of ICD-10 categories.
    case anyIn(condition: String, [CodeRange])
    /// The grade before adjustments is at least this level.
    case gradeAtLeast(Int)

    /// The condition the clause reads, if any.
    public var condition: String? {
        switch self {
        case .is(let id, _), .atLeast(let id, _), .below(let id, _), .anyIn(let id, _): id
        case .gradeAtLeast: nil
        }
    }

    /// Whether the clause holds for `value` (the condition's value) and the unadjusted grade.
    func holds(_ value: ConditionValue?, grade: Int?) -> Bool {
        switch (self, value) {
        case (.is(_, let expected), .boolean(let flag, _)?): flag == expected
        case (.atLeast(_, let bound), .count(let count)?): count >= bound
        case (.below(_, let bound), .count(let count)?): count < bound
        case (.anyIn(_, let ranges), .codes(let codes)?): codes.contains { code in ranges.contains { $0.contains(code) } }
        case (.gradeAtLeast(let level), _): grade.map { $0 >= level } ?? false
        default: false
        }
    }

    /// The clause in words, for explanations: `riskEvents ≥ 2`.
    public var text: String {
        switch self {
        case .is(let id, let flag): flag ? id : "not \(id)"
        case .atLeast(let id, let bound): "\(id) ≥ \(bound)"
        case .below(let id, let bound): "\(id) < \(bound)"
        case .anyIn(let id, let ranges): "\(id) in " + ranges.map(\.text).joined(separator: ", ")
        case .gradeAtLeast(let level): "grade ≥ \(level)"
        }
    }
}

/// A range of ICD-10 categories, both ends included: `F00`–`F03` holds
/// `F01.1` and `F03`, not `F04`. Codes compare on their three-character category.
public struct CodeRange: Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public func contains(_ code: String) -> Bool {
        let category = String(code.prefix(3))
        return from <= category && category <= to
    }

    public var text: String { from == to ? from : "\(from)–\(to)" }

    /// Whether `text` is written as an ICD-10 code: a capital letter, two
    /// digits, and optionally a dot and one to four digits or capital letters.
    public static func isICD10(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func letter(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
        func digit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        guard scalars.count >= 3, letter(scalars[0]), digit(scalars[1]), digit(scalars[2]) else { return false }
        if scalars.count == 3 { return true }
        guard scalars[3] == ".", (5...8).contains(scalars.count) else { return false }
        return scalars[4...].allSatisfy { letter($0) || digit($0) }
    }

    /// Whether `text` is a three-character ICD-10 category such as `F00`.
    public static func isCategory(_ text: String) -> Bool {
        text.unicodeScalars.count == 3 && isICD10(text)
    }
}
