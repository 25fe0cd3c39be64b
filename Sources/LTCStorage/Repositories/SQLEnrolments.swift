import LTCCore
import LTCProviders

/// Enrolments in the `enrolments` table.
struct SQLEnrolments<Database: SQLConnection>: EnrolmentRepository {
    let database: Database

    private static func enrolment(_ row: Database.Row) throws -> Enrolment {
        let id = try RowReader(row, record: "enrolment").integer(0, "id")
        var enrolment = try RowReader(row, record: "enrolment").document(1, key: String(id), Enrolment.init(json:))
        enrolment.id = id
        return enrolment
    }

    func enrolments(people: Set<Int>) throws -> [Int: [Enrolment]] {
        guard !people.isEmpty else { return [:] }
        let found = try database.query("SELECT id, document FROM enrolments WHERE \(Database.dialect.integerIn("person_id")) ORDER BY id",
                                       [.list(people)], row: Self.enrolment)
        return Dictionary(grouping: found, by: \.personID)
    }

    func enrolments(institution: String, from: CalendarDate, to: CalendarDate) throws -> [Enrolment] {
        try database.query("""
            SELECT id, document FROM enrolments WHERE institution = ? AND period_from <= ? AND (period_to IS NULL OR period_to >= ?) ORDER BY id
            """, [.text(institution), .text(to.description), .text(from.description)], row: Self.enrolment)
    }

    func openEnrolment(caseID: Int, institution: String, mode: String) throws -> Enrolment? {
        try database.query("SELECT id, document FROM enrolments WHERE case_id = ? AND institution = ? ORDER BY id",
                           [.integer(caseID), .text(institution)], row: Self.enrolment)
            .first { $0.mode == mode && $0.period.to == nil }
    }

    func list(institution: String?, page: PageRequest<Int>) throws -> Page<Enrolment, Int> {
        let rows = try database.query("""
            SELECT id, document FROM enrolments WHERE (CAST(?1 AS TEXT) IS NULL OR institution = ?1) AND id > ?2 ORDER BY id LIMIT ?3
            """, [SQLValue(institution), .integer(page.after ?? 0), .integer(page.limit + 1)], row: Self.enrolment)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ enrolment: Enrolment) throws -> Int {
        try database.insertReturningID("""
            INSERT INTO enrolments (person_id, case_id, institution, period_from, period_to, document) VALUES (?, ?, ?, ?, ?, ?)
            """, [.integer(enrolment.personID), .integer(enrolment.caseID), .text(enrolment.institution), .text(enrolment.period.from.description),
                  SQLValue(enrolment.period.to?.description), .text(JSONWriter.string(enrolment.json))])
    }

    func update(_ enrolment: Enrolment) throws {
        try database.run("UPDATE enrolments SET period_from = ?, period_to = ?, document = ? WHERE id = ?",
                         [.text(enrolment.period.from.description), SQLValue(enrolment.period.to?.description),
                          .text(JSONWriter.string(enrolment.json)), .integer(enrolment.id)])
    }
}
