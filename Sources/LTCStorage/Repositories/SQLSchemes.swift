import LTCCases
import LTCCore
import LTCSchemes

/// Schemes in the `schemes` table: the scheme file's JSON and the columns queries select on.
struct SQLSchemes<Database: SQLConnection>: SchemeRepository {
    let database: Database
    let cache: SchemeCache

    func scheme(id: String) throws -> Scheme? {
        if let known = cache.scheme(id) { return known }
        guard let text = try database.query("SELECT document FROM schemes WHERE id = ?", [.text(id)], row: { $0.text(0) }).first else {
            return nil
        }
        guard let text else { throw StorageError.damaged("scheme \(id)", column: "document", value: nil) }
        let scheme: Scheme
        do {
            scheme = try Scheme.decode(text: Array(text.utf8), source: "stored scheme \(id)")
        } catch {
            throw StorageError.damaged("scheme \(id)", column: "document", value: "\(error)")
        }
        cache.keep(scheme)
        return scheme
    }

    private func schemes(_ sql: String, _ arguments: [SQLValue]) throws -> [Scheme] {
        try database.query(sql, arguments) { try RowReader($0, record: "scheme").text(0, "id") }.compactMap { try scheme(id: $0) }
    }

    func inForce(on day: CalendarDate) throws -> [Scheme] {
        try schemes("SELECT id FROM schemes WHERE effective_from <= ?1 AND effective_to >= ?1 ORDER BY effective_from, id", [.text(day.description)])
    }

    func versions(region: String) throws -> [Scheme] {
        try schemes("SELECT id FROM schemes WHERE region = ? ORDER BY effective_from, id", [.text(region)])
    }

    func overlapping(region: String, from: CalendarDate, to: CalendarDate) throws -> [Scheme] {
        try schemes("SELECT id FROM schemes WHERE region = ? AND effective_from <= ? AND effective_to >= ? ORDER BY effective_from, id",
                    [.text(region), .text(to.description), .text(from.description)])
    }

    func list(page: PageRequest<String>) throws -> Page<Scheme, String> {
        let rows = try schemes("SELECT id FROM schemes WHERE id > ? ORDER BY id LIMIT ?", [.text(page.after ?? ""), .integer(page.limit + 1)])
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func summaries() throws -> [SchemeSummary] {
        try database.query("SELECT id, region, effective_from, effective_to FROM schemes ORDER BY effective_from, id") { row in
            let reader = RowReader(row, record: "scheme")
            return SchemeSummary(id: try reader.text(0, "id"), region: try reader.text(1, "region"),
                                 effectiveFrom: try reader.value(2, "effective_from", CalendarDate.init),
                                 effectiveTo: try reader.value(3, "effective_to", CalendarDate.init))
        }
    }

    func timeZones() throws -> Set<String> {
        Set(try database.query("SELECT DISTINCT time_zone FROM schemes WHERE time_zone IS NOT NULL") { $0.text(0) }.compactMap { $0 })
    }

    func insert(_ scheme: Scheme) throws {
        try database.run("INSERT INTO schemes (id, region, effective_from, effective_to, time_zone, document) VALUES (?, ?, ?, ?, ?, ?)",
                         [.text(scheme.id), .text(scheme.region), .text(scheme.effectiveFrom.description),
                          .text(scheme.effectiveTo.description), .text(scheme.timeZone), .text(JSONWriter.string(scheme.document))])
    }
}
