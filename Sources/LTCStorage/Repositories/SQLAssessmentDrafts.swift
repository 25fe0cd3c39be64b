import LTCCases
import LTCCore

/// The assessors' drafts in the `assessment_drafts` table, one row per case and assessor.
struct SQLAssessmentDrafts<Database: SQLConnection>: AssessmentDraftRepository {
    let database: Database

    func draft(caseID: Int, assessor: String) throws -> AssessmentDraft? {
        try database.query("SELECT document FROM assessment_drafts WHERE case_id = ? AND assessor = ?", [.integer(caseID), .text(assessor)], row: { row in
            try RowReader(row, record: "draft").document(0, key: "\(caseID)/\(assessor)", AssessmentDraft.init(json:))
        }).first
    }

    func save(_ draft: AssessmentDraft) throws {
        try database.run("""
            INSERT INTO assessment_drafts (case_id, assessor, form, document, saved_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (case_id, assessor) DO UPDATE SET form = excluded.form, document = excluded.document, saved_at = excluded.saved_at
            """, [.integer(draft.caseID), .text(draft.assessor), .text(draft.formID), .text(JSONWriter.string(draft.json)), .text(draft.savedAt)])
    }

    func remove(caseID: Int, assessor: String) throws {
        try database.run("DELETE FROM assessment_drafts WHERE case_id = ? AND assessor = ?", [.integer(caseID), .text(assessor)])
    }
}
