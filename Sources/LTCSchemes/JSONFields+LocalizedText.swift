import LTCAssessment
import LTCCore

extension JSONFields {
    /// A `{"zh": …, "en": …}` member with both texts non-empty; each problem reported.
    func localizedText(_ key: String) -> LocalizedText? {
        guard let text = fields(key, accepting: ["zh", "en"]), let zh = text.nonEmptyString("zh"), let en = text.nonEmptyString("en") else {
            return nil
        }
        return LocalizedText(zh: zh, en: en)
    }
}
