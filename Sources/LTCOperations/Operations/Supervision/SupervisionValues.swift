import LTCCore

// The values of supervision's params. Violation types and penalties are the
// scheme's (its negative list): they stay strings, checked by the service
// against the scheme of the institution.

/// What `report.fund` answers: the report as JSON, its tables as CSV texts, or the HTML page.
public enum FundReportFormat: String, ParamEnum {
    case json, csv, html
}

/// The inspector-scored indicators of a performance assessment, each scored
/// from 0 to 100: `{"inspection": 85}` (on the command line, `--score inspection=85`).
/// Which indicators a scheme scores this way is the scheme's: the service
/// reads the ones it knows.
public struct IndicatorScores: ParamValue {
    public let scores: [String: Int]

    /// The most indicators one assessment scores.
    public static let maxIndicators = 100

    public static var schema: JSONSchema {
        .map(.integer(minimum: 0, maximum: 100), maxProperties: maxIndicators)
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let object = value.objectValue else { throw .wrongType(expected: "object", found: value) }
        guard object.count <= Self.maxIndicators else { throw .invalid("\(object.count) indicators are more than the \(Self.maxIndicators) an assessment scores") }
        var scores: [String: Int] = [:]
        var problems: [ParamProblem] = []
        for member in object {
            if let problem = TextKind.id.problem(in: member.key) {
                problems.append(ParamProblem(param: "", .invalid, "the indicator id \(problem)"))
                continue
            }
            guard let score = member.value.intValue, (0...100).contains(score) else {
                let given = member.value.stringValue.map { "'\($0.prefix(40))'" } ?? String(JSONWriter.string(member.value).prefix(40))
                problems += ParamProblems.invalid("\(given) is not a whole number from 0 to 100").within(member.key).list
                continue
            }
            scores[member.key] = score
        }
        guard problems.isEmpty else { throw ParamProblems(problems) }
        self.scores = scores
    }
}
