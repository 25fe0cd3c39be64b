/// Which cell of the grading table decided the grade, and why.
public struct GradeDecision: Sendable, Equatable {
    public struct ColumnInput: Sendable, Equatable {
        public var dimension: String
        public var level: Int
    }

    public var rowDimension: String
    /// The row: the level of ``rowDimension``.
    public var row: Int
    /// The levels the column was taken from; empty for a single-column table.
    public var columnInputs: [ColumnInput]
    /// The column: the worst (highest) of the ``columnInputs`` levels, or 0.
    public var column: Int
    public var grade: Int
}
