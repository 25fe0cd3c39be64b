import LTCCases
import LTCCore

/// `case.transitions`: the case lifecycle, every allowed transition and its role.
public enum ListTransitions: ComputeOperation {
    public static let name = "case.transitions"
    public static let summary = "The lifecycle: every allowed transition and its role."
    public static let result = "{transitions: [{action, from, to, role, meaning}]}"
    public static let example: JSONObject = [:]
    public typealias Input = NoParams

    public static func run(_ input: NoParams, _ context: ComputeContext) throws -> TransitionsOutput {
        TransitionsOutput()
    }
}

public struct TransitionsOutput: OperationOutput {
    public var json: JSONValue { ["transitions": .array(Lifecycle.transitions.map(\.json))] }
    public var text: String { CaseText.transitions() }
    public static var schema: JSONSchema {
        .object(["transitions": .array(.object([
            "action": .string(), "from": JSONSchema.string().orNull, "to": .array(.string()), "role": .string(), "meaning": .string(),
        ], required: ["action", "from", "to", "role", "meaning"]))], required: ["transitions"])
    }
}
