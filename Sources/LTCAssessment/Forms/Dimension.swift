import LTCCore
/// A first-level indicator of a form: its score is the sum of its items'
/// scores, and that score falls in exactly one ``Band``, which gives the
/// dimension's level.
///
/// ```swift
/// let adl = form.dimension("adl")!
/// adl.band(for: 45)?.level   // 2 (moderate) under the national standard
/// ```
public struct Dimension: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// The scores the dimension can take, as declared by the form.
    public var range: ClosedRange<Int>
    /// The bands in level order, 0 (best) first; every reachable score is in
    /// exactly one. Empty when the dimension only adds to a total (GB/T 42195-2022's parts).
    public var bands: [Band]

    public init(id: String, name: LocalizedText, range: ClosedRange<Int>, bands: [Band]) {
        self.id = id
        self.name = name
        self.range = range
        self.bands = bands.sorted { $0.level < $1.level }
    }

    /// The band holding `score`, or `nil` if none does.
    public func band(for score: Int) -> Band? {
        bands.first { $0.scores.contains(score) }
    }

    /// The number of levels (and bands) of the dimension.
    public var levelCount: Int { bands.count }
}
