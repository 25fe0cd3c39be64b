import LTCCore

/// One thing wrong with a set of answers or conditions.
public struct AnswerProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The form has the item (and it applies) but the answers do not.
        case missing
        /// The answers name an item the form does not have.
        case unknownItem
        /// The score is an integer but not one of the item's option scores.
        case notAnOption
        /// The answer is not an integer (a string, a decimal, a boolean, null, …).
        case wrongType
        /// A frequency answer that is not `{"perDay"|"perWeek"|"perMonth": n}`
        /// with an accepted period and count.
        case invalidFrequency
        /// The item does not apply to this person (e.g. NBA 4.K from 18 months).
        case notApplicable
        /// The conditions name one the form does not have.
        case unknownCondition
        /// The form needs the condition and it has no default.
        case missingCondition
        /// The condition's value is not of its type or out of its range.
        case invalidCondition

        var isCondition: Bool { self == .unknownCondition || self == .missingCondition || self == .invalidCondition }
    }

    /// The item id, or the condition id for condition problems.
    public var item: String
    public var kind: Kind
    /// The value given, if any.
    public var value: JSONValue?
    /// The option scores an option item accepts; empty otherwise.
    public var accepted: [Int]
    /// What is accepted, in words, where ``accepted`` cannot say it.
    public var expected: String?

    public init(item: String, kind: Kind, value: JSONValue? = nil, accepted: [Int] = [], expected: String? = nil) {
        self.item = item
        self.kind = kind
        self.value = value
        self.accepted = accepted
        self.expected = expected
    }

    public var description: String {
        let options = expected ?? accepted.map(String.init).joined(separator: ", ")
        let found = value.map { "\($0.typeName) \($0)" } ?? "nothing"
        switch kind {
        case .missing: return "\(item): missing; answer \(expected ?? "one of \(options)")"
        case .unknownItem: return "\(item): not an item of this form"
        case .notAnOption: return "\(item): \(value?.description ?? "") is not an option; accepted: \(options)"
        case .wrongType: return "\(item): expected an integer score, found \(found); accepted: \(options)"
        case .invalidFrequency: return "\(item): \(expected ?? "")"
        case .notApplicable: return "\(item): does not apply \(expected ?? ""); leave it out"
        case .unknownCondition: return "condition \(item): not a condition of this form\(expected.map { "; its conditions: \($0)" } ?? "")"
        case .missingCondition: return "condition \(item): missing; give \(expected ?? "a value")"
        case .invalidCondition: return "condition \(item): expected \(expected ?? "another value"), found \(found)"
        }
    }

    public var json: JSONValue {
        var object: JSONObject = [kind.isCondition ? "condition" : "item": .string(item), "problem": .string(kind.rawValue)]
        if let value { object.set("value", value) }
        if !accepted.isEmpty { object.set("accepted", .array(accepted.map { .integer($0) })) }
        if let expected { object.set("expected", .string(expected)) }
        object.set("message", .string(description))
        return .object(object)
    }
}
