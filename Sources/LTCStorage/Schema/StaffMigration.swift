/// The migration that adds the staff registry: the administrators and
/// auditors who may act (an actor of those roles must be registered, as
/// assessors and institutions are); and what became of each submission,
/// kept beside it (a submission row is never changed), with an index that
/// lists an institution's submissions. The tables are the same on both
/// engines; each keeps submissions and their outcomes unchangeable with
/// triggers in its own dialect. Never edited once released.
enum StaffMigration {
    static let name = "staff-and-submissions"

    static let tables = """
        CREATE TABLE staff (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('administrator', 'auditor')),
            name TEXT,
            added_on TEXT NOT NULL
        );
        CREATE TABLE submission_outcomes (
            submission INTEGER PRIMARY KEY REFERENCES submissions(id),
            summary TEXT NOT NULL
        );
        CREATE INDEX submissions_by_institution ON submissions(institution, id);
        """

    static let sqlite = tables + """
        CREATE TRIGGER submissions_are_kept_update BEFORE UPDATE ON submissions
            BEGIN SELECT RAISE(ABORT, 'a submission is kept as received'); END;
        CREATE TRIGGER submissions_are_kept_delete BEFORE DELETE ON submissions
            BEGIN SELECT RAISE(ABORT, 'a submission is kept as received'); END;
        CREATE TRIGGER submission_outcomes_are_kept_update BEFORE UPDATE ON submission_outcomes
            BEGIN SELECT RAISE(ABORT, 'a submission is kept as received'); END;
        CREATE TRIGGER submission_outcomes_are_kept_delete BEFORE DELETE ON submission_outcomes
            BEGIN SELECT RAISE(ABORT, 'a submission is kept as received'); END;
        """

    static let postgresql = tables + """
        CREATE TRIGGER submission_outcomes_are_kept BEFORE UPDATE OR DELETE ON submission_outcomes
            FOR EACH ROW EXECUTE FUNCTION ltc_refuse('a submission is kept as received');
        """
}
