/// A dimension's score, the band it falls in, and the items that lowered it.
public struct DimensionResult: Sendable, Equatable {
    public var dimension: Dimension
    public var score: Int
    public var band: Band
    /// Items below their best option, the largest loss first (form order among equals).
    public var shortfalls: [ItemShortfall]

    public var level: Int { band.level }
}
