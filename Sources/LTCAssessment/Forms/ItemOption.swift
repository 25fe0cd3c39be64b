import LTCCore
/// One answer an assessor can choose for an item: its score and what it means.
///
/// ```swift
/// ItemOption(score: 5, label: LocalizedText(zh: "需部分帮助", en: "needs some help"))
/// ```
public struct ItemOption: Sendable, Hashable {
    public var score: Int
    public var label: LocalizedText

    public init(score: Int, label: LocalizedText) {
        self.score = score
        self.label = label
    }
}
