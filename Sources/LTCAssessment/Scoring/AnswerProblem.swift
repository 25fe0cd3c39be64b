import LTCCore

/// One thing wrong with a set of answers.
public struct AnswerProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The form has the item but the answers do not.
        case missing
        /// The answers name an item the form does not have.
        case unknownItem
        /// The score is an integer but not one of the item's option scores.
        case notAnOption
        /// The answer is not an integer (a string, a decimal, a boolean, null, …).
        case wrongType
    }

    public var item: String
    public var kind: Kind
    /// The value given, if any.
    public var value: JSONValue?
    /// The option scores the item accepts; empty for an unknown item.
    public var accepted: [Int]

    public init(item: String, kind: Kind, value: JSONValue? = nil, accepted: [Int] = []) {
        self.item = item
        self.kind = kind
        self.value = value
        self.accepted = accepted
    }

    public var description: String {
        let options = accepted.map(String.init).joined(separator: ", ")
        switch kind {
        case .missing: return "\(item): missing; answer one of \(options)"
        case .unknownItem: return "\(item): not an item of this form"
        case .notAnOption: return "\(item): \(value?.description ?? "") is not an option; accepted: \(options)"
        case .wrongType:
            return "\(item): expected an integer score, found \(value?.typeName ?? "nothing") \(value?.description ?? ""); accepted: \(options)"
        }
    }

    public var json: JSONValue {
        var object: JSONObject = ["item": .string(item), "problem": .string(kind.rawValue)]
        if let value { object.set("value", value) }
        if kind != .unknownItem { object.set("accepted", .array(accepted.map { .integer($0) })) }
        object.set("message", .string(description))
        return .object(object)
    }
}
