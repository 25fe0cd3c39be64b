/// A short text in Chinese and English; every name, label and option
/// description in a form carries both.
///
/// ```swift
/// let name = LocalizedText(zh: "进食", en: "eating")
/// name.bilingual   // "进食 eating"
/// ```
public struct LocalizedText: Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// Both texts, Chinese first, as shown to assessors.
    public var bilingual: String { zh == en ? zh : "\(zh) \(en)" }

    public var json: JSONValue { .members(.init("zh", .string(zh)), .init("en", .string(en))) }
}
