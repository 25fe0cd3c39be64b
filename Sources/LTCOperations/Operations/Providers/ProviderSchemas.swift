import LTCCore
import LTCProviders

extension RecordSchemas {
    static let money = Money.schema
    static let month = YearMonth.schema
    static let period = JSONSchema.object(["from": date, "to": date.orNull], required: ["from", "to"])

    public static let institution = JSONSchema.object([
        "id": .string(), "name": .string(), "type": .enumeration(Institution.Kind.allCases.map(\.rawValue)), "licence": .string(),
        "deliveries": .array(.enumeration(Institution.Delivery.allCases.map(\.rawValue))), "capacity": .integer(minimum: 0),
        "address": .string(), "district": .string(), "contact": .string(),
        "principalId": JSONSchema.string().describing("The principal's national ID, masked."),
    ], required: ["id", "name", "type", "licence", "deliveries", "capacity", "address", "district", "contact"])

    static let agreementTerms = JSONSchema.object([
        "version": .integer(minimum: 1), "effectiveFrom": date, "start": date, "end": date, "modes": .array(.string()),
        "prices": .map(money), "capacity": .integer(minimum: 1),
    ], required: ["version", "effectiveFrom", "start", "end", "modes", "prices", "capacity"])

    static let admissionFacts = JSONSchema.object([
        "legalPerson": .boolean, "caregivers": .integer(minimum: 0), "qualifiedCaregivers": .integer(minimum: 0),
        "administrators": .integer(minimum: 0), "beds": .integer(minimum: 0), "pledgedClean": .boolean,
    ], required: ["legalPerson", "caregivers", "qualifiedCaregivers", "administrators", "beds", "pledgedClean"])

    public static let agreement = JSONSchema.object([
        "id": .string(), "institution": .string(), "scheme": .string(),
        "status": .enumeration(["applied", "reviewed", "active", "suspended", "terminated", "refused"]),
        "versions": .array(agreementTerms), "suspensions": .array(period), "signedOn": date.orNull, "terminatedOn": date.orNull,
        "exitGround": .enumeration(ExitGround.allCases.map(\.rawValue)), "facts": admissionFacts,
        "refusal": JSONSchema.array(.string()).describing("Each admission criterion the review found not met."),
    ], required: ["id", "institution", "scheme", "status", "versions", "suspensions", "signedOn", "terminatedOn"])

    public static let caregiver = JSONSchema.object([
        "id": .string(), "name": .string(), "institution": .string(), "qualifications": .array(.string()),
        "employment": .array(period), "nationalId": JSONSchema.string().describing("Masked."),
    ], required: ["id", "name", "institution", "qualifications", "employment"])

    public static let enrolment = JSONSchema.object([
        "id": .integer(), "case": .integer(), "person": .integer(), "institution": .string(), "mode": .string(), "period": period,
        "weeklyMinutes": JSONSchema.integer().orNull, "weeklyVisits": JSONSchema.integer().orNull,
        "home": JSONSchema.string().orNull.describing("\"lat,lon\", for the check-in distance."),
    ], required: ["id", "case", "person", "institution", "mode", "period", "weeklyMinutes", "weeklyVisits", "home"])

    public static let storedLog = JSONSchema.object([
        "logId": .string(), "institution": .string(), "caregiver": .string(), "person": .integer(), "item": .string(),
        "start": .string(), "end": .string(), "mode": .string(), "location": JSONSchema.string().orNull,
        "version": .integer(minimum: 1), "status": .enumeration(["accepted", "rejected"]), "rule": JSONSchema.string().orNull,
        "detail": JSONSchema.string().orNull,
        "money": JSONSchema.object(["billed": money, "allowed": money, "fund": money, "grade": .integer()],
                                   required: ["billed", "allowed", "fund", "grade"]).orNull,
        "submission": .integer(), "sampled": .boolean, "settledMonth": month, "settledFund": money,
    ], required: ["logId", "institution", "caregiver", "person", "item", "start", "end", "mode", "location", "version", "status",
                  "rule", "detail", "money", "submission", "sampled"])

    public static let submission = JSONSchema.object([
        "id": .integer(), "institution": JSONSchema.string().orNull.describing("null when the submission named several."),
        "actor": .string(), "asOf": date, "recordedAt": .string(),
        "summary": JSONSchema.openObject().describing("{received, accepted, rejected, unchanged, corrected, withdrawn, bytes}"),
    ], required: ["id", "institution", "actor", "asOf", "recordedAt", "summary"])

    public static let submissionReport = JSONSchema.object([
        "submission": JSONSchema.integer().orNull.describing("The submission's number; null for a dry run (logs.check), which stores none."),
        "dryRun": JSONSchema.boolean.describing("true for logs.check: nothing was stored."),
        "received": .integer(minimum: 0), "accepted": .integer(minimum: 0), "rejected": .integer(minimum: 0),
        "unchanged": .integer(minimum: 0), "corrected": .integer(minimum: 0), "rechecked": .integer(minimum: 0),
        "withdrawn": .integer(minimum: 0), "sampled": .integer(minimum: 0),
        "byRule": .array(.object(["rule": .string(), "explanation": .string(), "count": .integer(minimum: 1)],
                                 required: ["rule", "explanation", "count"])),
        "money": .object(["billed": money, "allowed": money, "fund": money, "adjustments": money],
                         required: ["billed", "allowed", "fund", "adjustments"]),
        "rejectedLines": .array(.object(["line": .integer(), "logId": JSONSchema.string().orNull, "rule": .string(), "detail": .string()],
                                        required: ["line", "rule", "detail"])),
    ], required: ["submission", "received", "accepted", "rejected", "unchanged", "corrected", "rechecked", "withdrawn", "sampled",
                  "byRule", "money", "rejectedLines"])

    static let statement = JSONSchema.object([
        "institution": .string(), "logs": .integer(minimum: 0), "billed": money, "allowed": money, "fund": money, "personal": money,
        "overCap": money, "adjustments": money, "withheld": money, "heldAboveBudget": money, "subsidiesDeducted": money,
        "payable": money, "budget": money.orNull, "usedThisYear": money.orNull, "warning": JSONSchema.number().orNull,
    ], required: ["institution", "logs", "billed", "allowed", "fund", "personal", "overCap", "adjustments", "withheld",
                  "heldAboveBudget", "subsidiesDeducted", "payable", "budget", "usedThisYear", "warning"])

    public static let settlementRun = JSONSchema.object([
        "month": month, "settledOn": date, "statements": .array(statement),
        "summary": .object(["institutions": .integer(minimum: 0), "logs": .integer(minimum: 0), "billed": money, "allowed": money,
                            "fund": money, "personal": money, "overCap": money, "adjustments": money, "withheld": money, "payable": money],
                           required: ["institutions", "logs", "billed", "allowed", "fund", "personal", "overCap", "adjustments", "withheld", "payable"]),
    ], required: ["month", "settledOn", "statements", "summary"])

    public static let adjustment = JSONSchema.object([
        "id": .integer(), "institution": .string(), "logId": .string(), "serviceMonth": month, "amount": money, "reason": .string(),
        "settledMonth": month.orNull,
    ], required: ["id", "institution", "logId", "serviceMonth", "amount", "reason", "settledMonth"])

    public static let cashPayee = JSONSchema.object([
        "case": .integer(), "kind": .enumeration(CashPayee.Kind.allCases.map(\.rawValue)), "name": .string(),
        "nationalId": JSONSchema.string().describing("Masked."), "account": JSONSchema.string().orNull.describing("Masked."),
        "trainedOn": date, "registeredOn": date,
    ], required: ["case", "kind", "account", "registeredOn"])

    public static let cashRun = JSONSchema.object([
        "month": month, "runOn": date, "payments": .integer(minimum: 0), "total": money,
    ], required: ["month", "runOn", "payments", "total"])

    public static let cashPayment = JSONSchema.object([
        "month": month, "line": .integer(minimum: 1), "case": .integer(), "forMonth": month, "person": .integer(),
        "payee": .enumeration(CashPayee.Kind.allCases.map(\.rawValue)), "account": JSONSchema.string().orNull,
        "cash": money, "deducted": money, "amount": money,
    ], required: ["month", "line", "case", "forMonth", "person", "payee", "account", "cash", "deducted", "amount"])
}

extension RecordSchemas {
    public static let serviceCatalogue = JSONSchema.object([
        "scheme": .string(),
        "modes": .array(.object(["id": .string(), "name": bilingual, "delivery": .string()], required: ["id", "name", "delivery"])),
        "institution": JSONSchema.string().orNull, "agreedModes": JSONSchema.array(.string()).orNull,
        "items": .array(.object([
            "code": .string(), "name": bilingual, "unit": .string(), "modes": .array(.string()), "qualifications": .array(.string()),
            "minutes": .object(["minimum": JSONSchema.integer().orNull, "maximum": JSONSchema.integer().orNull, "planned": JSONSchema.integer().orNull],
                               required: ["minimum", "maximum", "planned"]),
            "maxPerWeek": JSONSchema.integer().orNull, "maxPerDay": JSONSchema.integer().orNull, "price": money, "agreedPrice": money.orNull,
        ], required: ["code", "name", "unit", "modes", "qualifications", "minutes", "maxPerWeek", "maxPerDay", "price", "agreedPrice"])),
        "lateDays": JSONSchema.integer().orNull, "checkInRadiusMeters": JSONSchema.integer().orNull,
    ], required: ["scheme", "modes", "institution", "agreedModes", "items", "lateDays", "checkInRadiusMeters"])
}

extension RecordSchemas {
    public static let logTemplate = JSONSchema.object([
        "institution": .string(), "day": date, "header": .string(), "csv": JSONSchema.string().describing("The header and the example lines, as a logs file."),
        "lines": .array(.object([
            "logId": .string(), "institution": .string(), "caregiver": .string(), "person": .integer(), "item": .string(),
            "start": .string(), "end": .string(), "mode": .string(), "location": JSONSchema.string().orNull,
        ], required: ["logId", "institution", "caregiver", "person", "item", "start", "end", "mode"])),
        "clients": .array(.object([
            "case": .integer(), "person": .integer(), "mode": .string(), "enrolledFrom": date,
            "planned": .array(.object(["code": .string(), "perWeek": .integer(), "perDay": .integer(), "minutes": .integer()],
                                      required: ["code", "perWeek"])),
            "weeklyMinutes": JSONSchema.integer().orNull, "weeklyVisits": JSONSchema.integer().orNull,
        ], required: ["case", "person", "mode", "enrolledFrom", "planned", "weeklyMinutes", "weeklyVisits"])),
        "missing": JSONSchema.string().orNull.describing("Why there is no example line, when there is none."),
    ], required: ["institution", "day", "header", "csv", "lines", "clients", "missing"])
}
