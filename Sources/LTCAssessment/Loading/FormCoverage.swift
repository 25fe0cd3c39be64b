import LTCCore

/// What `ltc forms check` reports about a form file beyond its problems: for
/// every dimension, the scores its items can reach and how the bands cover
/// them; for a grading table, whether every reachable cell is defined; for a
/// total, whether the thresholds start low enough.
///
/// ```swift
/// let check = AssessmentForm.check(text: bytes, source: "my-form.json")
/// check.problems.isEmpty                 // the file loads
/// check.coverage.dimensions[0].gaps      // reachable scores in no band
/// ```
public struct FormCoverage: Sendable, Equatable {
    /// Scores that two bands both hold.
    public struct Overlap: Sendable, Equatable {
        public var levels: [Int]
        public var scores: ClosedRange<Int>

        public init(levels: [Int], scores: ClosedRange<Int>) {
            self.levels = levels
            self.scores = scores
        }
    }

    public struct DimensionCoverage: Sendable, Equatable {
        public var id: String
        public var range: ClosedRange<Int>
        /// `nil` when the dimension has no items.
        public var reachable: ReachableScores?
        public var bands: [Band]
        /// Reachable scores in no band, as runs of consecutive reachable scores.
        public var gaps: [ClosedRange<Int>]
        public var overlaps: [Overlap]
        /// The band levels some reachable score falls in.
        public var reachableLevels: [Int]
    }

    public struct TableCoverage: Sendable, Equatable {
        public var rows: Int
        public var columns: Int
        /// Reachable (row, column) cells, and those of them with no defined grade.
        public var reachableCells: Int
        public var undefinedCells: [Cell]
    }

    public struct Cell: Sendable, Equatable {
        public var row: Int
        public var column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public struct TotalCoverage: Sendable, Equatable {
        /// The lowest and highest total the dimensions can give (``Points``, exact).
        public var lowest: Points
        public var highest: Points
        public var firstThreshold: Points
    }

    public var dimensions: [DimensionCoverage] = []
    public var table: TableCoverage?
    public var total: TotalCoverage?
}

/// A form file's problems and coverage, whether or not it loads.
public struct FormCheck: Sendable {
    public var file: String
    public var problems: [JSONProblem]
    public var coverage: FormCoverage
    /// The form, when the file has no problems.
    public var form: AssessmentForm?
}

extension AssessmentForm {
    /// Reads a form file and reports every problem and its score coverage,
    /// without refusing it: the form-authoring check behind `ltc forms check`.
    public static func check(text: [UInt8], source: String) -> FormCheck {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            return FormCheck(file: source, problems: [JSONProblem(path: .root, message: "not valid JSON: \(error)")], coverage: FormCoverage())
        }
        let log = JSONProblemLog()
        let coverage = FormCoverageLog()
        let form = FormDecoder(log: log, coverage: coverage).form(json)
        return FormCheck(file: source, problems: log.problems, coverage: coverage.report, form: log.problems.isEmpty ? form : nil)
    }
}

/// Gathers ``FormCoverage`` during one decoding pass.
final class FormCoverageLog {
    var overlaps: [(dimension: String, overlap: FormCoverage.Overlap)] = []
    /// Group ids the file declares, valid or not, so that a broken group is reported once.
    var declaredGroups: Set<String> = []
    var dimensionsWithGroups: Set<String> = []
    var report = FormCoverage()
}
