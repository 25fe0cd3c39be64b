import LTCCases
import LTCCore

/// The assessor registry in the `assessors` table.
struct SQLAssessors<Database: SQLConnection>: AssessorRepository {
    let database: Database

    static var columns: String { "id, name, qualification, employer, active, agency, certificate_until, expert" }

    private static func assessor(_ row: Database.Row) throws -> Assessor {
        let reader = RowReader(row, record: "assessor")
        let id = try reader.text(0, "id")
        let record = RowReader(row, record: "assessor \(id)")
        var assessor = Assessor(id: id, name: try record.text(1, "name"), qualification: try record.value(2, "qualification", Assessor.Qualification.init(rawValue:)),
                                employer: record.optionalText(3), active: try record.integer(4, "active") != 0)
        assessor.agency = record.optionalText(5)
        assessor.certificateUntil = record.optionalText(6).flatMap(CalendarDate.init)
        assessor.expert = try record.integer(7, "expert") != 0
        return assessor
    }

    func assessor(id: String) throws -> Assessor? {
        try database.query("SELECT \(Self.columns) FROM assessors WHERE id = ?", [.text(id)], row: Self.assessor).first
    }

    func list(page: PageRequest<String>) throws -> Page<Assessor, String> {
        let rows = try database.query("SELECT \(Self.columns) FROM assessors WHERE id > ? ORDER BY id LIMIT ?",
                                      [.text(page.after ?? ""), .integer(page.limit + 1)], row: Self.assessor)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ assessor: Assessor) throws {
        try database.run("INSERT INTO assessors (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [.text(assessor.id), .text(assessor.name), .text(assessor.qualification.rawValue),
                          SQLValue(assessor.employer), .integer(assessor.active ? 1 : 0), SQLValue(assessor.agency),
                          SQLValue(assessor.certificateUntil?.description), .integer(assessor.expert ? 1 : 0)])
    }
}
