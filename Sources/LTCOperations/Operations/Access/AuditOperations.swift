import LTCCases
import LTCCore

/// `audit.verify`: whether the audit trail's hash chain holds, and where it first does not.
public enum VerifyAudit: StoreOperation {
    public static let name = "audit.verify"
    public static let summary = "Verify the audit trail's hash chain: the first event deleted, inserted or edited, or that it is intact, and its head."
    public static let discussion = "Each event is chained after the one before it by SHA-256 (docs/security.md): every event's hash is computed again over what is stored, so the whole trail is read once. The result names the first break in the chain's order; events just recorded and not yet chained are pending, not a break. Keep the head it prints somewhere the database's holders cannot write, and give it to the next verify as head: events removed from the end, or a chain rewritten from some event on, then show. The command exits 65 when the trail does not hold."
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{intact, checked, pending, head: {position, hash, text} or null, problem: {kind, position, seq, message} or null}"
    public static let example: JSONObject = ["actor": "auditor:li"]

    public struct Input: Params {
        @Param("head", "A head printed by an earlier verify (POSITION:HASH) that the chain must still hold.") public var head: ChainHead?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AuditVerificationOutput {
        AuditVerificationOutput(verification: try context.services.audit.verify(actor: context.actor, head: input.head, asOf: try context.day()))
    }
}

/// A chain head as a param: `812:9f2c…` (the position, a colon, 64 hex digits).
extension ChainHead: ParamValue {
    public static var schema: JSONSchema { .string(maxLength: 83, pattern: "^[1-9][0-9]{0,17}:[0-9a-f]{64}$") }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard let head = ChainHead(text) else {
            throw .invalid("'\(text.prefix(90))' is not a chain head: its position, a colon and 64 lowercase hex digits, as audit verify prints it")
        }
        self = head
    }
}

/// What verifying the audit trail found; the command line exits 65 unless it holds.
public struct AuditVerificationOutput: OperationOutput {
    public let verification: AuditVerification
    public var json: JSONValue { verification.json }
    public var succeeded: Bool { verification.intact }

    public var text: String {
        let found = verification
        var lines = [found.intact ? "the audit trail holds: \(found.checked) event\(found.checked == 1 ? "" : "s") chained and checked"
                                  : "the audit trail does not hold: \(found.problem!.message)"]
        if !found.intact { lines.append("\(found.checked) event\(found.checked == 1 ? "" : "s") checked before it") }
        if found.pending > 0 { lines.append("\(found.pending) recorded and waiting to be chained") }
        if let head = found.head { lines.append("head: \(head)") }
        return lines.joined(separator: "\n")
    }

    public static var schema: JSONSchema {
        .object([
            ("intact", .boolean), ("checked", .integer(minimum: 0)), ("pending", .integer(minimum: 0)),
            ("head", JSONSchema.object([("position", .integer(minimum: 1)), ("hash", .string(pattern: "^[0-9a-f]{64}$")), ("text", .string())],
                                       required: ["position", "hash", "text"]).orNull),
            ("problem", JSONSchema.object([("kind", .enumeration(AuditProblem.Kind.allCases.map(\.rawValue))), ("position", JSONSchema.integer().orNull),
                                           ("seq", JSONSchema.integer().orNull), ("message", .string())],
                                          required: ["kind", "position", "seq", "message"]).orNull),
        ], required: ["intact", "checked", "pending", "head", "problem"])
    }
}
