/// An item that scored below its best option and so pulled its dimension down.
public struct ItemShortfall: Sendable, Equatable {
    public var item: String
    public var name: LocalizedText
    public var score: Int
    public var maximum: Int

    /// Points below the item's best option.
    public var lost: Int { maximum - score }
}
