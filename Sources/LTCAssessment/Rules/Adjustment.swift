import LTCCore
/// A rule that changes the grade the items gave, for facts the items cannot
/// carry. Each rule that fires proposes a grade worked out from the grade
/// before any adjustment; the worst (highest) of that grade and every
/// proposal is the result, so two rules of "one grade worse" give one grade
/// worse, not two, and "directly the worst grade" wins over both.
///
/// GB/T 42195-2022: coma → 能力完全丧失 directly; a dementia or other mental
/// and behavioural disorder diagnosis (ICD-10 F00–F99) → one grade worse; two
/// or more care-risk events in the last 30 days → one grade worse.
/// NBA (SGB XI §15): under 18 months, one Pflegegrad higher once graded; PG 5
/// for the loss of use of both arms and both legs.
///
/// ```json
/// {"id": "risk-events", "when": [{"condition": "riskEvents", "atLeast": 2}],
///  "then": {"worsenBy": 1}, "reason": {"zh": "…", "en": "…"}}
/// ```
public struct Adjustment: Sendable, Hashable {
    public enum Effect: Sendable, Hashable {
        /// This grade (never better than the unadjusted one: the worst grade wins).
        case grade(Int)
        /// This many grades worse, up to the worst grade.
        case worsenBy(Int)
    }

    public var id: String
    public var when: [ConditionClause]
    public var effect: Effect
    public var reason: LocalizedText

    public init(id: String, when: [ConditionClause], effect: Effect, reason: LocalizedText) {
        self.id = id
        self.when = when
        self.effect = effect
        self.reason = reason
    }

    /// The grade this rule proposes from the unadjusted `grade`, stepping
    /// through the form's grade `levels` (ascending) and stopping at the worst.
    func proposal(from grade: Int, levels: [Int]) -> Int {
        switch effect {
        case .grade(let level):
            return level
        case .worsenBy(let steps):
            let position = levels.firstIndex(of: grade) ?? 0
            return levels[min(position + steps, levels.count - 1)]
        }
    }
}
