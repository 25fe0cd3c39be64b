/// The SQL of the migration that keeps each case's next deadline (the visit
/// or the conclusion, `CaseDeadline`) in a column, so that the overdue cases
/// are found in SQL: `case list --overdue`. Shared by both engines. Never
/// edited once released.
enum DeadlineMigration {
    static let name = "case-deadlines"

    static let sql = """
        ALTER TABLE cases ADD COLUMN due_on TEXT;
        CREATE INDEX cases_by_due ON cases(due_on) WHERE due_on IS NOT NULL;
        """
}
