import LTCCases
import LTCCore

/// The records of cases and benefits, as results carry them.
extension RecordSchemas {
    static let nullableDate = date.orNull
    static let strings = JSONSchema.array(.string())
    static let amount = JSONSchema.number(multipleOf: "0.01")

    public static let determination = JSONSchema.object([
        "assessment": .integer(), "grade": .integer(), "gradeLabel": .string(), "decidedOn": date, "benefitsEligible": .boolean,
        "validFrom": nullableDate, "validUntil": nullableDate,
    ], required: ["assessment", "grade", "gradeLabel", "decidedOn", "benefitsEligible", "validFrom", "validUntil"])

    public static let eligibility = JSONSchema.object([
        "checkedOn": date, "passed": .boolean,
        "rules": .array(.object([
            "id": .string(), "requirement": .string(), "found": .string(), "passed": .boolean, "ground": .string(), "groundMeaning": .string(),
        ], required: ["id", "requirement", "found", "passed"])),
    ], required: ["checkedOn", "passed", "rules"])

    /// A case: its state, grade, attributes and what the lifecycle recorded.
    public static let caseRecord = JSONSchema.object([
        ("id", .integer()), ("person", .integer()), ("scheme", .string()), ("institution", JSONSchema.string().orNull),
        ("state", .enumeration(CaseState.allCases.map(\.rawValue))), ("openedOn", date), ("disabledSince", date),
        ("assessors", strings), ("round", JSONSchema.string().orNull), ("eligibility", eligibility.orNull),
        ("determination", determination.orNull), ("pending", determination.orNull), ("publicityEnds", nullableDate),
        ("suspendedSince", nullableDate), ("closedReason", JSONSchema.string().orNull), ("endedOn", nullableDate),
        ("pastDeterminations", .array(determination)),
        ("modes", .array(.object(["from": date, "mode": .string()], required: ["from", "mode"]))),
        ("bonusChoices", .array(.object(["from": date, "choice": .enumeration(["hours", "cash"])], required: ["from", "choice"]))),
        ("suspensions", .array(.object(["from": date, "until": nullableDate, "reason": .string()], required: ["from", "until", "reason"]))),
        ("subsidies", .array(.object(["subsidy": .string(), "monthly": amount, "from": date, "until": nullableDate,
                                      "choice": JSONSchema.enumeration(["ltci", "subsidy"]).orNull],
                                     required: ["subsidy", "monthly", "from", "until", "choice"]))),
        ("deadline", JSONSchema.object(["kind": .enumeration(["visit", "conclusion"]), "due": date], required: ["kind", "due"]).orNull),
        ("letterDelivered", JSONSchema.object(["on": date, "how": .enumeration(LetterDelivery.Method.allCases.map(\.rawValue))],
                                              required: ["on", "how"]).orNull),
        ("residence", JSONSchema.object(["region": .string(), "agency": .string(), "from": date], required: ["region", "agency", "from"]).orNull),
        ("materials", strings),
        ("agent", JSONSchema.object(["name": .string(), "relationship": .string()], required: ["name", "relationship"]).orNull),
        ("assignedOn", nullableDate),
        ("draw", JSONSchema.object(["seed": .string(pattern: "^[0-9]{1,20}$"), "pool": strings], required: ["seed", "pool"]).orNull),
        ("evidence", .array(.openObject())),
        ("audit", JSONSchema.object(["month": .string(), "seed": .string(), "drawnOn": date], required: ["month", "seed", "drawnOn"]).orNull),
        ("conditionChange", JSONSchema.object(["reportedOn": date, "reason": .string()], required: ["reportedOn", "reason"]).orNull),
    ], required: ["id", "person", "scheme", "institution", "state", "openedOn", "disabledSince", "assessors", "round", "eligibility",
                  "determination", "pending", "publicityEnds", "suspendedSince", "closedReason", "endedOn", "pastDeterminations",
                  "modes", "bonusChoices", "suspensions", "subsidies", "deadline", "letterDelivered", "residence", "materials",
                  "agent", "draw", "assignedOn", "evidence", "audit", "conditionChange"])

    /// An assessment as stored: its answers and scored result.
    public static let assessment = JSONSchema.object([
        "id": .integer(), "case": .integer(), "round": .string(), "form": .object(["id": .string(), "version": .string()], required: ["id", "version"]),
        "grade": .integer(), "assessedOn": date, "place": .string(), "assessors": strings, "recordedBy": .string(),
        "answers": .openObject(), "result": .openObject(),
    ], required: ["id", "case", "round", "form", "grade", "assessedOn", "place", "assessors", "recordedBy", "answers", "result"])

    /// An event of the audit trail.
    public static let auditEvent = JSONSchema.object([
        "seq": .integer(), "recordedAt": .string(), "asOf": date, "actor": .string(), "subject": .string(), "action": .string(),
        "outcome": .enumeration(["done", "refused"]), "reason": JSONSchema.string().orNull, "before": .any, "after": .any,
        "credential": JSONSchema.string().describing("The credential the actor presented (C12), where the request came with one."),
    ], required: ["seq", "recordedAt", "asOf", "actor", "subject", "action", "outcome", "reason", "before", "after"])

    /// A benefit quote: what a grade earns in a mode in a month, line by line.
    public static let quote = JSONSchema.object([
        ("scheme", .string()), ("grade", .integer()), ("mode", .string()), ("month", .string()), ("days", .integer()),
        ("pricing", .string()), ("insured", .enumeration(["employee", "resident"])), ("tier", .integer(minimum: 1, maximum: 9)),
        ("hours", .object(["minutes": .integer(), "text": .string()], required: ["minutes", "text"])), ("visits", .integer()),
        ("eligibleCost", amount), ("fundShare", amount), ("personalShare", amount), ("cash", amount),
        ("bonus", .object(["afterMonths": .integer(), "extraHoursPerMonth": .integer(), "cashPerMonth": amount],
                          required: ["afterMonths", "extraHoursPerMonth", "cashPerMonth"])),
        ("lines", strings),
    ], required: ["scheme", "grade", "mode", "month", "days", "pricing", "eligibleCost", "fundShare", "personalShare", "cash", "lines"])
}
