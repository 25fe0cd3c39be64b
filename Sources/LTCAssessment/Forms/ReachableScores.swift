/// The dimension scores that some set of answers can actually produce.
///
/// A band table may leave out scores no one can reach: ADL items score in
/// steps of 5, so the national standard's ADL bands 45–60 and 65–95 leave 61–64
/// out on purpose. A gap is only an error if it holds a reachable score.
///
/// ```swift
/// let scores = ReachableScores(items: form.items(in: "adl"))
/// scores.contains(95)   // true
/// scores.contains(62)   // false
/// ```
public struct ReachableScores: Sendable, Equatable {
    /// The smallest and largest reachable score.
    public let bounds: ClosedRange<Int>
    private let reachable: [Bool]  // reachable[score - bounds.lowerBound]

    public init(items: [Item]) {
        let low = items.reduce(0) { $0 + $1.minimumScore }
        let high = items.reduce(0) { $0 + $1.maximumScore }
        var sums = [Bool](repeating: false, count: high - low + 1)
        sums[0] = true  // offset 0: every item at its minimum
        var reach = 0   // highest offset reachable so far
        for item in items {
            var next = [Bool](repeating: false, count: sums.count)
            for offset in 0...reach where sums[offset] {
                for option in item.options {
                    next[offset + option.score - item.minimumScore] = true
                }
            }
            reach += item.maximumScore - item.minimumScore
            sums = next
        }
        bounds = low...high
        reachable = sums
    }

    public func contains(_ score: Int) -> Bool {
        bounds.contains(score) && reachable[score - bounds.lowerBound]
    }

    /// The reachable scores in `range`, in order.
    public func scores(in range: ClosedRange<Int>) -> [Int] {
        range.clamped(to: bounds).filter(contains)
    }

    /// Every reachable score, in order.
    public var all: [Int] { scores(in: bounds) }
}
