import LTCCases
import LTCCore
import LTCProviders

// The words of review, bars and care plans as params: each carries its
// allowed values into the schema, the help and the one error that refuses another.

extension Evidence.Kind: ParamEnum {}
extension PersonBar.Role: ParamEnum {}

/// The care-needs form's answers given by hand, for the items not read off
/// the assessment: item id → score (`{"needs.pressure": 0, "needs.carer": 1}`).
/// The form says which items there are and which scores they take.
public struct NeedAnswers: ParamValue {
    /// The most answers one request gives: a needs form has a dozen items or so.
    public static let limit = 100

    public let scores: [String: Int]

    public static var schema: JSONSchema { .map(.integer(), maxProperties: limit) }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let object = value.objectValue else { throw .wrongType(expected: "object", found: value) }
        guard object.count <= Self.limit else { throw .invalid("\(object.count) answers are more than the \(Self.limit) a request may give") }
        var scores: [String: Int] = [:]
        var problems: [ParamProblem] = []
        for member in object {
            if let problem = TextKind.id.problem(in: member.key) {
                problems.append(ParamProblem(param: "", .invalid, "an item id \(problem)"))
            } else if let score = member.value.intValue {
                scores[member.key] = score
            } else {
                problems += ParamProblems.wrongType(expected: "integer (a score)", found: member.value).within(member.key).list
            }
        }
        guard problems.isEmpty else { throw ParamProblems(problems) }
        self.scores = scores
    }
}

/// One item of a care plan set by hand: `{code, perWeek, perDay?, minutes?}`.
public struct PlanItemParams: ParamsObject {
    @Param("code", "The service item's code in the scheme's catalogue, e.g. S01.", .text(.id)) public var code: String
    @Param("perWeek", "How many services a week.") public var perWeek: Int
    @Param("perDay", "At most this many on one day (default: no limit but the week's).") public var perDay: Int?
    @Param("minutes", "Minutes of one service, for an hour-priced item (default: the catalogue's usual).") public var minutes: Int?
    public init() {}

    var item: CarePlan.Item { CarePlan.Item(code: code, perWeek: perWeek, perDay: perDay, minutes: minutes) }
}
