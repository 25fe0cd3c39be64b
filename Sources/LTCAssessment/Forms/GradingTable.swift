/// How a form turns dimension levels into a grade: the level of one dimension
/// picks the row; the worst (highest) level among the column dimensions picks
/// the column; the cell is the grade.
///
/// The national standard takes the ADL level as the row and the worse of the
/// cognition and sensory levels as the column (《长期护理失能等级评估标准(试行)》,
/// combination of first-level indicators). A form with a single dimension,
/// such as the Barthel index, has no column dimensions and one column.
///
/// ```swift
/// let table = GradingTable(rowDimension: "adl", columnDimensions: ["cognition", "sensory"],
///                          cells: [[0, 0, 1, 1], [1, 1, 1, 2], [2, 2, 2, 3], [3, 3, 4, 5]])
/// table.grade(row: 3, column: 2)   // 4
/// ```
public struct GradingTable: Sendable, Hashable {
    public var rowDimension: String
    /// Empty when the row dimension alone decides the grade.
    public var columnDimensions: [String]
    /// `cells[row][column]` is a grade level.
    public var cells: [[Int]]

    public init(rowDimension: String, columnDimensions: [String], cells: [[Int]]) {
        self.rowDimension = rowDimension
        self.columnDimensions = columnDimensions
        self.cells = cells
    }

    public func grade(row: Int, column: Int) -> Int {
        cells[row][column]
    }
}
