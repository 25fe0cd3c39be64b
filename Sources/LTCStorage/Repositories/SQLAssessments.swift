import LTCCases
import LTCCore

/// Recorded assessments in the `assessments` table.
struct SQLAssessments<Database: SQLConnection>: AssessmentRepository {
    let database: Database

    private static func assessment(_ row: Database.Row) throws -> AssessmentRecord {
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
        let id = try database.insertReturningID("INSERT INTO assessments (case_id, document) VALUES (?, ?)",
                         [.integer(assessment.caseID), .text(JSONWriter.string(assessment.json))])
        for assessor in Set(assessment.assessors) {
            try database.run("INSERT INTO case_assessors (assessor, case_id, source) VALUES (?, ?, 'assessed') ON CONFLICT DO NOTHING",
                             [.text(assessor), .integer(assessment.caseID)])
        }
        return id
    }
}
