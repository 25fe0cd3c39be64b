import LTCCases
import LTCCore
import LTCProviders
import LTCReports

/// `statement.get`: an institution's remittance advice for a month.
public enum GetStatement: StoreOperation {
    public static let name = "statement.get"
    public static let summary = "An institution's statement of a month with its lines (a remittance advice): each accepted log with the fund's and the person's shares, each rejected log with its rule, reason and what to do, subtotals by client, the adjustments, and each amount kept back with the rule that set it."
    public static let discussion = "The institution's own verb: it reads, and needs no right to settle. Before the month is settled it shows what is accepted so far. An institution reads its own; administrators and auditors name one."
    public static let command = "statement"
    public static let access = AccessRule.record(roles: [.administrator, .auditor, .institution], rule: "an institution its own")
    public static let effect = OperationEffect.reads
    public static let result = "{institution, name, month, settled, settledOn, statement, totals, explanations, clients, accepted, rejected, adjustments}"
    public static let example: JSONObject = ["actor": "institution:I001", "institution": "I001", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The month of service (default: this month, so far).") public var month: YearMonth?
        @Param("institution", "The institution (an institution: its own, the default).", .text(.id)) public var institution: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> StatementOutput {
        guard let institution = input.institution ?? (context.actor.role == .institution ? context.actor.id : nil) else {
            throw CaseError(.invalidInput, "name the institution whose statement to read (institution)")
        }
        // Without a month, the one the clerk is working in: today's (an administrator's asOf), in the scheme's time zone.
        let month = try input.month ?? YearMonth(containing: context.day())
        return StatementOutput(advice: try RemittanceService(store: context.services.agreements.store)
            .advice(institution: institution, month: month, actor: context.actor))
    }
}

/// An institution's statement with its lines (``RemittanceAdvice``).
public struct StatementOutput: OperationOutput {
    public let advice: RemittanceAdvice
    public var json: JSONValue { advice.json }
    public var text: String { RemittanceText.text(advice) }
    public static var schema: JSONSchema { RecordSchemas.remittanceAdvice }
}

extension RecordSchemas {
    static let adviceLine = JSONSchema.object([
        "logId": .string(), "day": date, "person": .integer(), "item": .string(), "caregiver": .string(), "start": .string(), "end": .string(),
        "billed": money, "allowed": money, "fund": money, "personal": money,
        "rule": .string(), "reason": .string(), "whatToDo": JSONSchema.string().describing("What the institution does about the rejection."),
    ], required: ["logId", "day", "person", "item", "caregiver", "start", "end"])

    public static let remittanceAdvice = JSONSchema.object([
        "institution": .string(), "name": JSONSchema.string().orNull, "month": month, "settled": .boolean, "settledOn": date.orNull,
        "statement": statement.orNull,
        "totals": .object(["accepted": .integer(minimum: 0), "rejected": .integer(minimum: 0), "billed": money, "allowed": money, "fund": money,
                           "personal": money, "adjustments": money],
                          required: ["accepted", "rejected", "billed", "allowed", "fund", "personal", "adjustments"]),
        "explanations": .array(.object(["kind": .string(), "amount": money, "text": .string()], required: ["kind", "amount", "text"])),
        "clients": .array(.object(["person": .integer(), "accepted": .integer(minimum: 0), "rejected": .integer(minimum: 0), "billed": money,
                                   "allowed": money, "fund": money, "personal": money],
                                  required: ["person", "accepted", "rejected", "billed", "allowed", "fund", "personal"])),
        "accepted": .array(adviceLine), "rejected": .array(adviceLine),
        "adjustments": .array(.object(["id": .integer(), "institution": .string(), "logId": .string(), "serviceMonth": month, "amount": money,
                                       "reason": .string(), "settledMonth": month.orNull],
                                      required: ["id", "institution", "logId", "serviceMonth", "amount", "reason", "settledMonth"])),
    ], required: ["institution", "name", "month", "settled", "settledOn", "statement", "totals", "explanations", "clients", "accepted",
                  "rejected", "adjustments"])
}
