import LTCCore
import LTCProviders

/// The institution registry in the `institutions` table.
struct SQLInstitutions<Database: SQLConnection>: InstitutionRepository {
    let database: Database

    private static func institution(_ row: Database.Row) throws -> Institution {
        let id = try RowReader(row, record: "institution").text(0, "id")
        return try RowReader(row, record: "institution").document(1, key: id) { json in
            JSONProblemLog().fields(of: json, at: .root, accepting: Institution.fields).flatMap(Institution.read)
        }
    }

    func institution(id: String) throws -> Institution? {
        try database.query("SELECT id, document FROM institutions WHERE id = ?", [.text(id)], row: Self.institution).first
    }

    func institutions(ids: Set<String>) throws -> [String: Institution] {
        guard !ids.isEmpty else { return [:] }
        let found = try database.query("SELECT id, document FROM institutions WHERE \(Database.dialect.textIn("id"))",
                                       [.list(ids)], row: Self.institution)
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func list(page: PageRequest<String>) throws -> Page<Institution, String> {
        let rows = try database.query("SELECT id, document FROM institutions WHERE id > ? ORDER BY id LIMIT ?",
                                      [.text(page.after ?? ""), .integer(page.limit + 1)], row: Self.institution)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ institution: Institution) throws {
        try database.run("INSERT INTO institutions (id, document) VALUES (?, ?)", [.text(institution.id), .text(JSONWriter.string(institution.document))])
    }

    func update(_ institution: Institution) throws {
        try database.run("UPDATE institutions SET document = ? WHERE id = ?", [.text(JSONWriter.string(institution.document)), .text(institution.id)])
    }
}
