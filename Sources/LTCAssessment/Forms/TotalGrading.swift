import LTCCore

/// Grading by a total: the dimensions' raw scores or weighted band points are
/// added up, and the total's threshold gives the grade.
///
/// GB/T 42195-2022 adds the four parts' scores (0–90): 90 intact, 66–89 mild,
/// 46–65 moderate, 30–45 severe, 0–29 complete loss. The NBA (SGB XI §15)
/// adds weighted points, counting only the higher of modules 2 and 3, with
/// thresholds 12.5, 27, 47.5, 70 and 90.
///
/// ```json
/// {"total": "points", "higherOf": [["m2", "m3"]],
///  "thresholds": [{"from": 0, "grade": 0}, {"from": 12.5, "grade": 1}, …]}
/// ```
public struct TotalGrading: Sendable, Hashable {
    public enum Measure: String, Sendable {
        /// The sum of the dimensions' scores.
        case score
        /// The sum of the weighted points of the dimensions' bands.
        case points
    }

    /// A total from `from` (inclusive) up to the next threshold gives `grade`.
    public struct Threshold: Sendable, Hashable {
        public var from: Points
        public var grade: Int

        public init(from: Points, grade: Int) {
            self.from = from
            self.grade = grade
        }
    }

    public var measure: Measure
    /// Sets of dimensions of which only the highest counts.
    public var higherOf: [[String]]
    /// Ascending by `from`; the first starts at or below the lowest total.
    public var thresholds: [Threshold]

    public init(measure: Measure, higherOf: [[String]], thresholds: [Threshold]) {
        self.measure = measure
        self.higherOf = higherOf
        self.thresholds = thresholds
    }

    /// The threshold a total falls in.
    public func threshold(for total: Points) -> Threshold {
        thresholds.last { $0.from <= total } ?? thresholds[0]
    }
}

/// How a form turns its dimensions into a grade.
public enum Grading: Sendable, Hashable {
    /// A table of dimension levels (the national LTC standard, Barthel).
    case table(GradingTable)
    /// A total and thresholds (GB/T 42195-2022, NBA).
    case total(TotalGrading)

    public var table: GradingTable? {
        if case .table(let table) = self { table } else { nil }
    }

    public var total: TotalGrading? {
        if case .total(let total) = self { total } else { nil }
    }
}
