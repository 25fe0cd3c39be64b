import LTCCases
import LTCCore

/// Recorded assessments in the `assessments` table.
struct SQLiteAssessments: AssessmentRepository {
    let database: SQLiteDatabase

    private static func assessment(_ row: SQLiteRow) throws -> AssessmentRecord {
        let id = try RowReader(row, record: "assessment").integer(0, "id")
        return try RowReader(row, record: "assessment").document(1, key: String(id)) { AssessmentRecord(json: $0, id: id) }
    }

    func assessments(caseID: Int) throws -> [AssessmentRecord] {
        try database.query("SELECT id, document FROM assessments WHERE case_id = ? ORDER BY id", [.integer(caseID)], row: Self.assessment)
    }

    func latest(caseID: Int) throws -> AssessmentRecord? {
        try database.query("SELECT id, document FROM assessments WHERE case_id = ? ORDER BY id DESC LIMIT 1", [.integer(caseID)], row: Self.assessment).first
    }

    func insert(_ assessment: AssessmentRecord) throws -> Int {
        try database.run("INSERT INTO assessments (case_id, document) VALUES (?, ?)",
                         [.integer(assessment.caseID), .text(JSONWriter.string(assessment.json))])
        let id = database.lastInsertedRowID
        for assessor in Set(assessment.assessors) {
            try database.run("INSERT OR IGNORE INTO case_assessors (assessor, case_id, source) VALUES (?, ?, 'assessed')",
                             [.text(assessor), .integer(assessment.caseID)])
        }
        return id
    }
}
