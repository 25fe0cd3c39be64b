import LTCCore

/// A form id that no loaded form has.
public struct FormNotFound: LTCError, Equatable {
    public var formID: String
    /// The ids of the forms that are loaded.
    public var available: [String]

    public var kind: String { "formNotFound" }

    public var details: JSONObject {
        ["form": .string(formID), "available": .array(available.map { .string($0) })]
    }

    public var description: String {
        "no form with id '\(formID)'; available forms: \(available.joined(separator: ", "))"
    }
}
