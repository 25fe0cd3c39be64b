extension JSONFields {
    /// A `{"zh": …, "en": …}` member with both texts non-empty, as form and
    /// scheme files write names and labels; each problem is reported at its path.
    public func localizedText(_ key: String) -> LocalizedText? {
        fields(key, accepting: ["zh", "en"]).flatMap { $0.localizedText() }
    }

    /// These fields read as a `{"zh": …, "en": …}` text.
    public func localizedText() -> LocalizedText? {
        guard let zh = nonEmptyString("zh"), let en = nonEmptyString("en") else { return nil }
        return LocalizedText(zh: zh, en: en)
    }
}
