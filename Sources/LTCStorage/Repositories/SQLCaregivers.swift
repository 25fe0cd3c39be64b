import LTCCases
import LTCCore
import LTCProviders

/// Caregivers in the `caregivers` table, keyed by institution and id.
struct SQLCaregivers<Database: SQLConnection>: CaregiverRepository {
    let database: Database

    private static func caregiver(_ row: Database.Row) throws -> Caregiver {
        let key = "\(row.text(0) ?? "?")/\(row.text(1) ?? "?")"
        let reader = RowReader(row, record: "caregiver \(key)")
        var caregiver = try reader.document(2, key: key, Caregiver.init(json:))
        caregiver.nationalID = try reader.optionalText(3).map { text in
            guard let id = try? NationalID(text) else { throw StorageError.damaged("caregiver \(key)", column: "national_id", value: NationalID.masked(text)) }
            return id
        }
        return caregiver
    }

    func caregiver(institution: String, id: String) throws -> Caregiver? {
        try database.query("SELECT institution, id, document, national_id FROM caregivers WHERE institution = ? AND id = ?",
                           [.text(institution), .text(id)], row: Self.caregiver).first
    }

    func caregivers(_ keys: Set<CaregiverKey>) throws -> [CaregiverKey: Caregiver] {
        guard !keys.isEmpty else { return [:] }
        var found: [CaregiverKey: Caregiver] = [:]
        for caregiver in try database.query("""
            SELECT institution, id, document, national_id FROM caregivers WHERE \(Database.dialect.pairIn("institution", "id", "?1"))
            """, [.list(keys)], row: Self.caregiver) {
            found[CaregiverKey(institution: caregiver.institution, caregiver: caregiver.id)] = caregiver
        }
        return found
    }

    func list(institution: String?, page: PageRequest<CaregiverKey>) throws -> Page<Caregiver, CaregiverKey> {
        let after = page.after ?? CaregiverKey(institution: "", caregiver: "")
        let rows = try database.query("""
            SELECT institution, id, document, national_id FROM caregivers
            WHERE (CAST(?1 AS TEXT) IS NULL OR institution = ?1) AND (institution, id) > (?2, ?3) ORDER BY institution, id LIMIT ?4
            """, [SQLValue(institution), .text(after.institution), .text(after.caregiver), .integer(page.limit + 1)], row: Self.caregiver)
        return Page(rows: rows, limit: page.limit) { CaregiverKey(institution: $0.institution, caregiver: $0.id) }
    }

    func caregivers(nationalID: NationalID) throws -> [Caregiver] {
        try database.query("SELECT institution, id, document, national_id FROM caregivers WHERE national_id = ? ORDER BY institution, id",
                           [.text(nationalID.value)], row: Self.caregiver)
    }

    func caregivers(nationalIDs: Set<NationalID>) throws -> [Caregiver] {
        guard !nationalIDs.isEmpty else { return [] }
        return try database.query("""
            SELECT institution, id, document, national_id FROM caregivers WHERE \(Database.dialect.textIn("national_id")) ORDER BY institution, id
            """, [.list(nationalIDs.map(\.value))], row: Self.caregiver)
    }

    func upsert(_ caregiver: Caregiver) throws {
        try database.run("""
            INSERT INTO caregivers (institution, id, document, national_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (institution, id) DO UPDATE SET document = excluded.document, national_id = excluded.national_id
            """, [.text(caregiver.institution), .text(caregiver.id), .text(JSONWriter.string(caregiver.json)), SQLValue(caregiver.nationalID?.value)])
    }
}
