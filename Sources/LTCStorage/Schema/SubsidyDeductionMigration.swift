/// The migration that keeps subsidy deductions per case (issue 29, item 4):
/// `subsidy_deductions` holds what each statement took off (or gave back)
/// for one case's other subsidies and one month of care, closed once stored;
/// and each settled month keeps the audit trail's last event when it was
/// settled (`settlements.event_seq`), so that the next settlement checks the
/// cases changed since (a subsidy or a death recorded late) against the
/// months settled before and settles the difference once. Months settled
/// before this migration kept their deductions as totals only (`event_seq`
/// null): they are not checked again. Never edited once released.
enum SubsidyDeductionMigration {
    static let name = "subsidy-deductions"

    static let table = """
        ALTER TABLE settlements ADD COLUMN event_seq BIGINT;
        CREATE TABLE subsidy_deductions (
            case_id BIGINT NOT NULL,
            month TEXT NOT NULL,
            institution TEXT NOT NULL,
            amount BIGINT NOT NULL,
            carried_by TEXT NOT NULL,
            PRIMARY KEY (case_id, month, carried_by)
        );
        """

    static let sqlite = table + """
        CREATE TRIGGER subsidy_deductions_are_closed_update BEFORE UPDATE ON subsidy_deductions
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        CREATE TRIGGER subsidy_deductions_are_closed_delete BEFORE DELETE ON subsidy_deductions
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        """

    static let postgresql = table + """
        CREATE TRIGGER subsidy_deductions_are_closed BEFORE UPDATE OR DELETE ON subsidy_deductions
            FOR EACH ROW EXECUTE FUNCTION ltc_refuse('a settled month is closed');
        """
}
