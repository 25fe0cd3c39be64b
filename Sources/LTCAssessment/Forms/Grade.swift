import LTCCore

/// A result grade of a form, e.g. grade 3, 重度失能一级 (severe disability I),
/// under the national standard.
public struct Grade: Sendable, Hashable {
    public var level: Int
    public var label: LocalizedText

    public init(level: Int, label: LocalizedText) {
        self.level = level
        self.label = label
    }

    public var json: JSONValue { .members(.init("level", .integer(level)), .init("label", label.json)) }
}
