import LTCCore

/// A range of dimension scores that maps to one dimension level.
///
/// In the national standard the ADL band `65...95` is level 1, 轻度受损
/// (mild impairment): 《长期护理失能等级评估标准(试行)》, dimension levels.
/// Level 0 is always the best (intact) band; a higher level is worse.
public struct Band: Sendable, Hashable {
    public var level: Int
    public var scores: ClosedRange<Int>
    public var label: LocalizedText
    /// The weighted points the band gives towards a points total (NBA Anlage 2:
    /// module 1 level 1 gives 2.5); `nil` in forms graded by table or by raw score.
    public var points: Points?

    public init(level: Int, scores: ClosedRange<Int>, label: LocalizedText, points: Points? = nil) {
        self.level = level
        self.scores = scores
        self.label = label
        self.points = points
    }
}
