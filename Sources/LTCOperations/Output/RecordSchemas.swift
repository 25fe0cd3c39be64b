import LTCCore

/// The JSON Schemas of the records results are made of, each written once
/// next to the others so that results that share a record share its schema.
public enum RecordSchemas {
    static let date = JSONSchema.string(format: "date")
    static let bilingual = JSONSchema.object(["zh": .string(), "en": .string()], required: ["zh", "en"])

    public static let schemeSummary = JSONSchema.object([
        "id": .string(), "name": bilingual, "region": .string(), "timeZone": .string(), "effectiveFrom": date, "effectiveTo": date,
    ], required: ["id", "name", "region", "timeZone", "effectiveFrom", "effectiveTo"])

    public static let person = JSONSchema.object([
        "id": .integer(), "name": .string(), "nationalId": .string(), "birthDate": date, "insurance": .enumeration(["employee", "resident"]),
        "tier": .integer(minimum: 1, maximum: 9), "enrolledOn": date, "status": .string(),
    ], required: ["id", "name", "nationalId", "birthDate", "insurance", "enrolledOn", "status"])

    public static let staffMember = JSONSchema.object([
        "id": .string(), "role": .enumeration(["administrator", "auditor"]), "name": JSONSchema.string().orNull, "addedOn": date,
    ], required: ["id", "role", "name", "addedOn"])

    public static let assessor = JSONSchema.object([
        "id": .string(), "name": .string(), "qualification": .enumeration(["medical", "care", "none"]), "employer": JSONSchema.string().orNull,
        "active": .boolean, "agency": .string(), "certificateUntil": date, "expert": .boolean,
    ], required: ["id", "name", "qualification", "employer", "active"])

    public static let deactivation = JSONSchema.object([
        "actor": .string(), "from": date, "reason": .string(), "by": .string(), "on": date,
    ], required: ["actor", "from", "reason", "by", "on"])

    /// A credential as stored, with `extra` members (the token, once): never its hash.
    public static func credential(with extra: [(String, JSONSchema)] = []) -> JSONSchema {
        let members: [(String, JSONSchema)] = [
            ("id", .string(pattern: "^C[1-9][0-9]*$")), ("actor", .string()), ("createdAt", .string()), ("createdBy", .string()),
            ("expires", date.orNull), ("note", JSONSchema.string().orNull), ("lastUsedAt", JSONSchema.string().orNull),
            ("revoked", JSONSchema.object(["at": .string(), "by": .string()], required: ["at", "by"]).orNull),
        ] + extra
        return .object(members, required: members.map(\.0))
    }
}
