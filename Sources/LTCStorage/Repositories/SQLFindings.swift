import LTCCases
import LTCCore

/// Findings against assessors in the `assessor_findings` table, which triggers keep as found.
struct SQLFindings<Database: SQLConnection>: FindingRepository {
    let database: Database

    func insert(_ finding: AssessorFinding) throws -> Int {
        try database.insertReturningID("INSERT INTO assessor_findings (assessor, case_id, document) VALUES (?, ?, ?)",
                                       [.text(finding.assessor), .integer(finding.caseID), .text(JSONWriter.string(finding.json))])
    }

    func findings(assessor: String?, page: PageRequest<Int>) throws -> Page<AssessorFinding, Int> {
        var sql = "SELECT id, document FROM assessor_findings WHERE id > ?"
        var arguments: [SQLValue] = [.integer(page.after ?? 0)]
        if let assessor {
            sql += " AND assessor = ?"
            arguments.append(.text(assessor))
        }
        let rows = try database.query(sql + " ORDER BY id LIMIT ?", arguments + [.integer(page.limit + 1)]) { row in
            let id = try RowReader(row, record: "finding").integer(0, "id")
            return try RowReader(row, record: "finding").document(1, key: String(id)) { AssessorFinding(json: $0, id: id) }
        }
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }
}
