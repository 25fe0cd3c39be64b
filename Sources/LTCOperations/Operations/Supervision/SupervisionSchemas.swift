import LTCCore

/// The records of supervision and the fund report, as results give them.
extension RecordSchemas {
    public static let violation = JSONSchema.object([
        "id": .integer(), "institution": .string(), "caregiver": JSONSchema.string().orNull, "person": JSONSchema.integer().orNull,
        "type": .string(), "foundOn": date, "evidence": .string(), "amount": SupervisionSchemaParts.money, "penalty": .string(),
        "decidedOn": date, "decidedBy": .string(), "deducted": SupervisionSchemaParts.money,
        "suspendedUntil": date.orNull, "barredUntil": date.orNull, "credit": JSONSchema.integer().describing("The credit points it cost."),
        "notice": JSONSchema.integer().orNull.describing("The penalty notice it was decided on, if due process ran in ltc."),
        "typical": JSONSchema.string().orNull.describing("Marked as a typical case for publication: its summary."),
    ], required: ["id", "institution", "caregiver", "person", "type", "foundOn", "evidence", "amount", "penalty", "decidedOn", "decidedBy",
                  "deducted", "suspendedUntil", "barredUntil", "credit"])

    /// How many months of spending the fund's balance covers, and the warning level reached.
    public static let fundRisk = JSONSchema.object([
        "balance": SupervisionSchemaParts.money, "monthlySpending": SupervisionSchemaParts.money, "months": .integer(minimum: 0),
        "coverMonths": SupervisionSchemaParts.money.orNull.describing("Months (two decimals, rounded down); null where nothing was spent."),
        "level": JSONSchema.string().orNull.describing("The scheme's warning level reached (enforcement.fund.warnings), if any."),
    ], required: ["balance", "monthlySpending", "months", "coverMonths", "level"])

    public static let creditRecord = JSONSchema.object([
        "subject": .string(), "score": .integer(), "closerChecks": .boolean, "barred": .boolean,
        "history": .array(.object(["date": date, "change": .integer(), "reason": .string(), "score": .integer()],
                                  required: ["date", "change", "reason", "score"])),
    ], required: ["subject", "score", "closerChecks", "barred", "history"])

    /// An inspection (with its score) or a complaint.
    public static let supervisionRecord = JSONSchema.object([
        "id": .integer(), "kind": .enumeration(["inspection", "complaint"]), "institution": .string(), "date": date,
        "score": JSONSchema.integer(minimum: 0, maximum: 100).orNull, "person": JSONSchema.integer().orNull, "note": .string(),
        "recordedBy": .string(), "draw": JSONSchema.integer().orNull,
        "type": JSONSchema.enumeration(["routine", "special", "joint", "flight"]).orNull, "matter": JSONSchema.string().orNull,
    ], required: ["id", "kind", "institution", "date", "score", "person", "note", "recordedBy", "draw"])

    public static let inspectionDraw = JSONSchema.object([
        "id": .integer(), "drawnOn": date, "seed": JSONSchema.string(pattern: "^[0-9]{1,20}$"),
        "institutionPool": .array(.string()), "inspectorPool": .array(.string()),
        "picks": .array(.object(["institution": .string(), "inspectors": .array(.string())], required: ["institution", "inspectors"])),
        "drawnBy": .string(),
    ], required: ["id", "drawnOn", "seed", "institutionPool", "inspectorPool", "picks", "drawnBy"])

    public static let performanceAssessment = JSONSchema.object([
        "institution": .string(), "from": date, "to": date,
        "lines": .array(.object([
            "indicator": .string(), "name": bilingual, "value": .string(), "score": .number(), "weight": .integer(), "contribution": .number(),
        ], required: ["indicator", "name", "value", "score", "weight", "contribution"])),
        "total": .number(), "rating": .string(), "withheld": SupervisionSchemaParts.money, "released": .boolean,
    ], required: ["institution", "from", "to", "lines", "total", "rating", "withheld", "released"])

    /// A settled month's fund report (format json).
    public static let fundReport: JSONSchema = {
        let money = SupervisionSchemaParts.money
        let rows = JSONSchema.array(.object(["key": .string(), "logs": .integer(minimum: 0), "allowed": money, "fund": money],
                                            required: ["key", "logs", "allowed", "fund"]))
        return .object([
            "month": .string(pattern: #"^\d{4}-(0[1-9]|1[0-2])$"#), "fund": money, "adjustments": money, "subsidiesDeducted": money, "netFund": money,
            "payable": money, "cash": JSONSchema.openObject().orNull.describing("The month's cash run, if it was run."),
            "totalSpent": money.describing("What the fund paid out for the month: care (payable) and cash."),
            "withheld": money, "heldAboveBudget": money,
            "owed": money.describing("Of what the month's statements withheld and held, what the fund still owes."),
            "outOfRegion": rows,
            "budgetWarnings": .array(.object(["institution": .string(), "budget": money, "usedThisYear": money, "warning": .any, "heldAboveBudget": money],
                                             required: ["institution", "budget", "usedThisYear", "warning", "heldAboveBudget"])),
            "byGrade": rows, "byMode": rows, "byDistrict": rows, "byInstitution": rows,
            "mostRejected": .array(.object(["institution": .string(), "received": .integer(minimum: 0), "rejected": .integer(minimum: 0), "share": .number()],
                                           required: ["institution", "received", "rejected", "share"])),
            "ratings": .array(.object(["rating": .string(), "count": .integer(minimum: 0)], required: ["rating", "count"])),
            "risk": RecordSchemas.fundRisk.orNull,
        ], required: ["month", "fund", "adjustments", "subsidiesDeducted", "netFund", "payable", "cash", "totalSpent", "withheld", "heldAboveBudget", "owed", "outOfRegion",
                      "budgetWarnings", "byGrade", "byMode", "byDistrict", "byInstitution", "mostRejected", "ratings"])
    }()
}

/// Pieces the supervision schemas share.
enum SupervisionSchemaParts {
    /// An amount in yuan, to the fen.
    static let money = JSONSchema.number(multipleOf: "0.01")
}
