import LTCCore
/// An item (or frequency group) that scored away from its best and so
/// pulled its dimension towards impairment: below its maximum where a higher
/// score is better (the national standard, GB/T 42195-2022), above its
/// minimum where a higher score is worse (the NBA).
public struct ItemShortfall: Sendable, Equatable {
    public var item: String
    public var name: LocalizedText
    public var score: Int
    /// The item's best score: its maximum, or its minimum in a form where a higher score is worse.
    public var best: Int

    /// Points away from the item's best.
    public var lost: Int { abs(best - score) }

    /// Whether a higher score is worse (``best`` is then the minimum).
    public var higherIsWorse: Bool { best < score }
}
