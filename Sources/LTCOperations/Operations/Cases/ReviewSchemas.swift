import LTCCore

/// The records of review, bars and care plans, as their results hold them.
extension RecordSchemas {
    public static let evidence = JSONSchema.object([
        "kind": .enumeration(["photo", "video", "signature"]), "sha256": .string(pattern: "^[0-9a-f]{64}$"), "bytes": .integer(minimum: 0),
        "name": .string(), "assessment": .integer(), "addedBy": .string(), "addedOn": date,
    ], required: ["kind", "sha256", "bytes", "name", "assessment", "addedBy", "addedOn"])

    /// Evidence with what reading its file back found.
    public static let checkedEvidence = JSONSchema.object([
        "kind": .enumeration(["photo", "video", "signature"]), "sha256": .string(pattern: "^[0-9a-f]{64}$"), "bytes": .integer(minimum: 0),
        "name": .string(), "assessment": .integer(), "addedBy": .string(), "addedOn": date,
        "state": JSONSchema.enumeration(["intact", "missing", "altered"]).describing("What reading the file back found."),
    ], required: ["kind", "sha256", "bytes", "name", "assessment", "addedBy", "addedOn", "state"])

    public static let assessorFinding = JSONSchema.object([
        "id": .integer(), "assessor": .string(), "case": .integer(), "assessment": .integer(), "auditAssessment": .integer(),
        "grade": .integer(), "auditedGrade": .integer(), "direction": .enumeration(["lowered", "raised"]), "foundOn": date,
    ], required: ["id", "assessor", "case", "assessment", "auditAssessment", "grade", "auditedGrade", "direction", "foundOn"])

    public static let auditDraw = JSONSchema.object([
        "month": .string(pattern: #"^\d{4}-(0[1-9]|1[0-2])$"#),
        "seed": JSONSchema.string(pattern: "^[0-9]{1,20}$").describing("The draw's seed: giving it again replays the draw."),
        "pool": JSONSchema.array(.integer()).describing("The cases drawn from: those whose grade in force was decided in the month."),
        "picked": .array(.integer()),
    ], required: ["month", "seed", "pool", "picked"])

    /// A bar on a person, the national ID masked.
    public static let personBar = JSONSchema.object([
        "id": .integer(), "nationalId": .string(), "name": .string(), "role": .enumeration(["principal", "staff", "staff-serious"]),
        "from": date, "until": date, "institution": .string(), "reason": .string(),
    ], required: ["id", "nationalId", "name", "role", "from", "until", "institution", "reason"])

    public static let barOutcome = JSONSchema.object([
        "id": .integer(), "nationalId": .string(), "name": .string(), "role": .enumeration(["principal", "staff", "staff-serious"]),
        "from": date, "until": date, "institution": .string(), "reason": .string(),
        "endedEmployment": JSONSchema.array(.string()).describing("The person's caregiver registrations (INSTITUTION/CAREGIVER) whose employment ended the day before."),
    ], required: ["id", "nationalId", "name", "role", "from", "until", "institution", "reason", "endedEmployment"])

    public static let carePlan = JSONSchema.object([
        "case": .integer(), "person": .integer(), "version": .integer(minimum: 1),
        "status": .enumeration(["proposed", "in-force", "superseded", "discarded"]), "scheme": .string(), "grade": .integer(), "mode": .string(),
        "needsForm": .string(), "answers": .map(.integer()), "needs": .array(.string()), "needLevel": .integer(),
        "items": .array(.object(["code": .string(), "perWeek": .integer(), "perDay": .integer(), "minutes": .integer()], required: ["code", "perWeek"])),
        "madeOn": date, "madeBy": .string(), "reason": .string(),
        "confirmation": .object(["by": .string(), "on": date, "recordedBy": .string()], required: ["by", "on", "recordedBy"]),
        "from": date, "until": date,
    ], required: ["case", "person", "version", "status", "scheme", "grade", "mode", "needsForm", "answers", "needs", "needLevel", "items",
                  "madeOn", "madeBy", "reason"])

    public static let carePlanView = JSONSchema.object([
        "inForce": carePlan.orNull, "proposal": carePlan.orNull,
        "review": JSONSchema.object(["due": .boolean, "dueOn": date.orNull, "reasons": .array(.string())], required: ["due", "dueOn", "reasons"]).orNull,
    ], required: ["inForce", "proposal", "review"])
}
