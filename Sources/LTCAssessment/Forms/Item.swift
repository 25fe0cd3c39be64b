import LTCCore

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
    /// Empty for an item answered as a frequency (see ``group``).
    public var options: [ItemOption]
    /// The ``CountGroup`` of an item answered as a frequency, `{"perWeek": 2}`,
    /// instead of by an option.
    public var group: String?
    /// For an item of a points group: the points each occurrence earns, per
    /// period it may be answered in (NBA 5.13: 4.3 per weekly, 1 per monthly visit).
    public var pointsPerOccurrence: [Frequency.Period: Points]
    /// When the item applies; an item that does not apply is not answered and
    /// scores 0 (NBA 4.K applies under 18 months, 4.1–4.13 from 18 months).
    public var when: [ConditionClause]
    /// Where the answer is read from another form's item (``Derivation``); `nil`: it is asked.
    public var derivation: Derivation?
    /// What the assessor looks at and how the options are told apart, in
    /// the form's words (the walk-through's `?`); `nil` where the form gives none.
    public var guidance: LocalizedText?

    public init(id: String, dimension: String, name: LocalizedText, options: [ItemOption],
                group: String? = nil, pointsPerOccurrence: [Frequency.Period: Points] = [:], when: [ConditionClause] = [],
                derivation: Derivation? = nil, guidance: LocalizedText? = nil) {
        self.id = id
        self.dimension = dimension
        self.name = name
        self.options = options
        self.group = group
        self.pointsPerOccurrence = pointsPerOccurrence
        self.when = when
        self.derivation = derivation
        self.guidance = guidance
    }

    public var maximumScore: Int { options.map(\.score).max() ?? 0 }
    public var minimumScore: Int { options.map(\.score).min() ?? 0 }
}
