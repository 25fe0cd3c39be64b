import LTCCases
import LTCCore

extension Actor: ParamValue {
    public static var schema: JSONSchema {
        .string(maxLength: 80, pattern: "^(" + Actor.Role.allCases.map(\.rawValue).joined(separator: "|") + "):[^\\s:]+$")
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard text.unicodeScalars.count <= 80 else { throw .invalid("an actor is at most 80 characters") }
        do {
            self = try Actor(text)
        } catch {
            throw .invalid(error.message)
        }
    }
}

/// The params every operation on stored state takes besides its own: who
/// acts, and on which date.
public struct StoreParams: Params {
    @Param("actor", "Who is acting: administrator:ID, auditor:ID, assessor:ID or institution:ID; required unless the caller acts as one actor (ltc rpc --actor, a credential), and then only that one.")
    public var actor: Actor?
    @Param("asOf", "The date of the operation (YYYY-MM-DD; administrators only); default today in the scheme's time zone.")
    public var asOf: CalendarDate?

    public init() {}
}

/// A request to a ``StoreOperation``: the shared params, then the operation's own.
struct StoreRequest<Input: Params>: Params {
    @ParamGroup var context: StoreParams
    @ParamGroup var input: Input

    init() {}
}
