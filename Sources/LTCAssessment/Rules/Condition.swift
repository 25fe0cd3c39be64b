import LTCCore
/// An input to a form that is not an item score: a coma flag, diagnosis
/// codes, a count of events, an age. Conditions never add to a dimension;
/// they decide which items apply and which ``Adjustment``s fire.
///
/// GB/T 42195-2022 needs three (coma, ICD-10 diagnoses, care-risk events in
/// the last 30 days); the German NBA needs the age in months (infant rule) and
/// a flag for the loss of use of both arms and both legs.
///
/// ```json
/// {"id": "coma", "type": "boolean", "default": false, "name": {"zh": "昏迷", "en": "coma"}}
/// ```
public struct Condition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `true` or `false`. With `requiresReason`, `true` must be given as
        /// `{"value": true, "reason": "…"}` so that the reason is on record.
        case boolean(default: Bool?, requiresReason: Bool)
        /// A whole number from 0 to `maximum`.
        case count(default: Int?, maximum: Int)
        /// A list of ICD-10 codes such as `F01.1`; the default is none.
        case codes
    }

    public var id: String
    public var name: LocalizedText
    public var kind: Kind

    public init(id: String, name: LocalizedText, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }

    /// Whether scoring refuses answers that leave the condition out.
    public var isRequired: Bool {
        switch kind {
        case .boolean(let value, _): value == nil
        case .count(let value, _): value == nil
        case .codes: false
        }
    }

    /// What an input must look like, for error messages.
    public var expected: String {
        switch kind {
        case .boolean(_, let requiresReason):
            requiresReason ? "false, or {\"value\": true, \"reason\": \"…\"}" : "true or false"
        case .count(_, let maximum): "a whole number from 0 to \(maximum)"
        case .codes: "an array of ICD-10 codes such as \"F01.1\""
        }
    }
}

/// The value a ``Condition`` takes for one assessment.
public enum ConditionValue: Sendable, Hashable {
    case boolean(Bool, reason: String?)
    case count(Int)
    case codes([String])
}
