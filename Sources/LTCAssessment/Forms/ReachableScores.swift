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
        self.init(scoreSets: items.map { $0.options.map(\.score) })
    }

    /// The sums that taking one score from each set can make.
    public init(scoreSets: [[Int]]) {
        let sets = scoreSets.filter { !$0.isEmpty }
        let low = sets.reduce(0) { $0 + $1.min()! }
        let high = sets.reduce(0) { $0 + $1.max()! }
        var sums = [Bool](repeating: false, count: high - low + 1)
        sums[0] = true  // offset 0: every set at its minimum
        var reach = 0   // highest offset reachable so far
        for scores in sets {
            let minimum = scores.min()!
            var next = [Bool](repeating: false, count: sums.count)
            for offset in 0...reach where sums[offset] {
                for score in scores {
                    next[offset + score - minimum] = true
                }
            }
            reach += scores.max()! - minimum
            sums = next
        }
        bounds = low...high
        reachable = sums
    }

    /// The union of several sets of reachable scores.
    public init(union parts: [ReachableScores]) {
        let low = parts.map(\.bounds.lowerBound).min() ?? 0
        let high = parts.map(\.bounds.upperBound).max() ?? 0
        var sums = [Bool](repeating: false, count: high - low + 1)
        for part in parts {
            for score in part.all { sums[score - low] = true }
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
