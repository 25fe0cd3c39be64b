extension ClosedRange where Bound == Int {
    /// How a score range is written to people: `65–95`, or `100` for a single score.
    public var scoreText: String {
        lowerBound == upperBound ? "\(lowerBound)" : "\(lowerBound)–\(upperBound)"
    }
}
