/// The migration for the assessors' drafts of assessments
/// (`AssessmentDraft`): one row per case and assessor, replaced as answers
/// are given and deleted by the assessment that completes it. Shared by both
/// engines. Never edited once released.
enum AssessmentDraftMigration {
    static let name = "assessment-drafts"

    static let sql = """
        CREATE TABLE assessment_drafts (
            case_id BIGINT NOT NULL REFERENCES cases(id),
            assessor TEXT NOT NULL,
            form TEXT NOT NULL,
            document TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (case_id, assessor)
        );
        """
}
