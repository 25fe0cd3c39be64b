import LTCCore
import LTCProviders

/// Designation agreements in the `agreements` table.
struct SQLAgreements<Database: SQLConnection>: AgreementRepository {
    let database: Database

    private static func agreement(_ row: Database.Row) throws -> Agreement {
        let id = try RowReader(row, record: "agreement").text(0, "id")
        return try RowReader(row, record: "agreement").document(1, key: id, Agreement.init(json:))
    }

    func agreement(id: String) throws -> Agreement? {
        try database.query("SELECT id, document FROM agreements WHERE id = ?", [.text(id)], row: Self.agreement).first
    }

    func agreements(institution: String) throws -> [Agreement] {
        try database.query("SELECT id, document FROM agreements WHERE institution = ? ORDER BY rowid", [.text(institution)], row: Self.agreement)
    }

    func agreements(institutions: Set<String>) throws -> [String: [Agreement]] {
        guard !institutions.isEmpty else { return [:] }
        let found = try database.query("""
            SELECT id, document FROM agreements WHERE \(Database.dialect.textIn("institution")) ORDER BY rowid
            """, [.list(institutions)], row: Self.agreement)
        return Dictionary(grouping: found, by: \.institution)
    }

    func list(institution: String?, page: PageRequest<String>) throws -> Page<Agreement, String> {
        let rows = try database.query("""
            SELECT id, document FROM agreements WHERE (CAST(?1 AS TEXT) IS NULL OR institution = ?1) AND id > ?2 ORDER BY id LIMIT ?3
            """, [SQLValue(institution), .text(page.after ?? ""), .integer(page.limit + 1)], row: Self.agreement)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ agreement: Agreement) throws {
        try database.run("INSERT INTO agreements (id, institution, document) VALUES (?, ?, ?)",
                         [.text(agreement.id), .text(agreement.institution), .text(JSONWriter.string(agreement.json))])
    }

    func update(_ agreement: Agreement) throws {
        try database.run("UPDATE agreements SET document = ? WHERE id = ?", [.text(JSONWriter.string(agreement.json)), .text(agreement.id)])
    }
}
