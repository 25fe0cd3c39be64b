import LTCCore

/// An item answered from another form's item, so that an assessor does not
/// ask twice: the care-needs form reads a bathing need off the disability
/// assessment's bathing score (`adl.bathing` 0, cannot bathe alone → a need).
///
/// In a form file, on an item:
/// `"derive": {"form": "cn-ltc-2021", "item": "adl.bathing", "atMost": 0, "then": 1, "else": 0}`:
/// a source score of at most `atMost` answers `then`, a higher one `else`
/// (both scores of the item's options). The source form and item are
/// checked when the catalog loads (``FormCatalog/load(directories:)``).
///
/// ```swift
/// let needs = try catalog.form(id: "ltc-care-needs")
/// needs.derivedAnswers(from: "cn-ltc-2021", answers: ["adl.bathing": 0])   // ["needs.bathing": 1, …]
/// ```
public struct Derivation: Sendable, Hashable {
    /// The form whose answers this item is read from.
    public var form: String
    /// The item of that form.
    public var item: String
    /// The highest source score that answers ``then``.
    public var atMost: Int
    public var then: Int
    public var otherwise: Int

    public init(form: String, item: String, atMost: Int, then: Int, otherwise: Int) {
        self.form = form
        self.item = item
        self.atMost = atMost
        self.then = then
        self.otherwise = otherwise
    }

    /// The answer a source score gives.
    public func answer(from score: Int) -> Int { score <= atMost ? then : otherwise }
}

extension AssessmentForm {
    /// The answers to this form's derived items whose source is `formID`'s
    /// item answered in `answers`; items not derived, or whose source item is
    /// not answered, are left to be asked.
    public func derivedAnswers(from formID: String, answers: [String: Int]) -> [String: Int] {
        var derived: [String: Int] = [:]
        for item in items {
            guard let rule = item.derivation, rule.form == formID, let score = answers[rule.item] else { continue }
            derived[item.id] = rule.answer(from: score)
        }
        return derived
    }

    /// The answers to this form's derived items read from `answers`, a JSON object of another form's scores.
    public func derivedAnswers(from formID: String, answers: JSONObject) -> [String: Int] {
        var scores: [String: Int] = [:]
        for item in items {
            guard let rule = item.derivation, rule.form == formID, let score = answers[rule.item]?.intValue else { continue }
            scores[rule.item] = score
        }
        return derivedAnswers(from: formID, answers: scores)
    }
}
