/// A second-level indicator: one question of a form, answered by choosing one
/// of its options, whose score counts towards the item's dimension.
///
/// ```swift
/// let eating = form.item("adl.eating")!
/// eating.options.map(\.score)   // [10, 5, 0]
/// eating.maximumScore           // 10
/// ```
public struct Item: Sendable, Hashable {
    public var id: String
    /// The id of the ``Dimension`` this item counts towards.
    public var dimension: String
    public var name: LocalizedText
    /// The options in the order the form lists them (best first in the national standard).
    public var options: [ItemOption]

    public init(id: String, dimension: String, name: LocalizedText, options: [ItemOption]) {
        self.id = id
        self.dimension = dimension
        self.name = name
        self.options = options
    }

    public var maximumScore: Int { options.map(\.score).max() ?? 0 }
    public var minimumScore: Int { options.map(\.score).min() ?? 0 }
}
