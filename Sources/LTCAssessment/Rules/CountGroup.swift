import LTCCore

/// Items answered as frequencies whose combined measure is scored in steps;
/// the group's step score counts towards its dimension like an item's score.
///
/// NBA module 5 (SGB XI Anlage 1): part 1 (items 5.1–5.7) sums the daily
/// averages and scores 1 from once a day, 2 above 3 a day, 3 above 8 a day;
/// part 3 (5.12–5.15) sums points per occurrence (4.3 per weekly doctor's
/// visit, 1 per monthly one, …) and scores 1 from 4.3 up to 6 from 60.
///
/// ```json
/// {"id": "m5.part1", "dimension": "m5", "measure": "perDay",
///  "steps": [{"score": 1, "atLeast": {"perDay": 1}}, {"score": 2, "above": {"perDay": 3}}]}
/// ```
public struct CountGroup: Sendable, Hashable {
    /// What the group adds up over its items.
    public enum Measure: String, Sendable {
        /// Occurrences as a daily average (a week is 7 days, a month 30).
        case perDay
        /// Points per occurrence, from each item's `points` for the period answered.
        case points
    }

    /// A threshold: the group scores `score` when its measure is at least
    /// (`inclusive`) or above the threshold; the last step met wins, and
    /// below the first step the group scores 0.
    public struct Step: Sendable, Hashable {
        public var score: Int
        /// The threshold in the measure's exact unit: 210ths of one a day, or hundredths of a point.
        public var threshold: Int
        public var inclusive: Bool
        /// The threshold as the form wrote it, for explanations: `1 per week`, `12.9`.
        public var text: String

        public init(score: Int, threshold: Int, inclusive: Bool, text: String) {
            self.score = score
            self.threshold = threshold
            self.inclusive = inclusive
            self.text = text
        }

        func isMet(by measure: Int) -> Bool { inclusive ? measure >= threshold : measure > threshold }
    }

    public var id: String
    public var dimension: String
    public var name: LocalizedText
    public var measure: Measure
    /// In ascending order of threshold.
    public var steps: [Step]

    public init(id: String, dimension: String, name: LocalizedText, measure: Measure, steps: [Step]) {
        self.id = id
        self.dimension = dimension
        self.name = name
        self.measure = measure
        self.steps = steps
    }

    /// The group's score for a measure in its exact unit.
    public func score(for measure: Int) -> Int {
        steps.last { $0.isMet(by: measure) }?.score ?? 0
    }

    /// The scores the group can give: 0 and each step's.
    public var possibleScores: [Int] { [0] + steps.map(\.score) }

    /// A measure in its exact unit, written as people read it: `2.5 a day` is `2.5`.
    public func measureText(_ measure: Int) -> String {
        switch self.measure {
        case .points: Points(hundredths: measure).description
        case .perDay: Self.fraction(measure, 210)
        }
    }

    /// `numerator/denominator` to two decimals, marked `≈` when not exact.
    static func fraction(_ numerator: Int, _ denominator: Int) -> String {
        let hundredths = (numerator * 100 + denominator / 2) / denominator
        let exact = (numerator * 100) % denominator == 0
        return (exact ? "" : "≈") + Points(hundredths: hundredths).description
    }
}
