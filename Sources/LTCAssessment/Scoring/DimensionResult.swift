import LTCCore

/// A dimension's score, the band it falls in, and the items that lowered it.
public struct DimensionResult: Sendable, Equatable {
    public var dimension: Dimension
    public var score: Int
    /// `nil` for a dimension without bands (it only adds to a total).
    public var band: Band?
    /// Items below their best option, the largest loss first (form order among equals).
    public var shortfalls: [ItemShortfall]
    /// The band's weighted points, in forms graded by a points total.
    public var weighted: Points? = nil
    /// `false` when the dimension lost a "higher of" comparison and does not count towards the total.
    public var counted: Bool = true
    /// The frequency groups of the dimension (NBA module 5's parts).
    public var groups: [GroupResult] = []

    public var level: Int? { band?.level }
}

/// What a frequency group measured and the score it gave.
public struct GroupResult: Sendable, Equatable {
    public var group: CountGroup
    /// In the group's exact unit (210ths of one a day, or hundredths of a point).
    public var measure: Int
    public var score: Int

    /// The measure as people read it: `2.5` (a day) or `12.9` (points).
    public var measureText: String { group.measureText(measure) }
}
