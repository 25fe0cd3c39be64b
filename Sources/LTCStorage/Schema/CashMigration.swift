/// The migration that adds cash benefits paid out: each case's payee (the
/// beneficiary or a registered family carer, with the carer's training), the
/// monthly payment runs, and their payment lines, one per case and month
/// paid for (an adjustment of a closed month is a line of a later run). A
/// run and its lines are closed once stored: triggers in each engine's
/// dialect refuse to change or delete them. And institutions' yearly
/// budgets (总额预算), which settlement reads. Never edited once released.
enum CashMigration {
    static let name = "cash-payments-and-budgets"

    static let tables = """
        CREATE TABLE cash_payees (
            case_id INTEGER PRIMARY KEY REFERENCES cases(id),
            kind TEXT NOT NULL CHECK (kind IN ('beneficiary', 'carer')),
            name TEXT,
            national_id TEXT,
            account TEXT,
            trained_on TEXT,
            registered_on TEXT NOT NULL
        );
        CREATE TABLE cash_runs (
            month TEXT PRIMARY KEY,
            run_on TEXT NOT NULL,
            event_seq BIGINT NOT NULL,
            payments INTEGER NOT NULL,
            total BIGINT NOT NULL
        );
        CREATE TABLE cash_payments (
            month TEXT NOT NULL REFERENCES cash_runs(month),
            line INTEGER NOT NULL,
            case_id INTEGER NOT NULL,
            for_month TEXT NOT NULL,
            person_id INTEGER NOT NULL,
            payee TEXT NOT NULL CHECK (payee IN ('beneficiary', 'carer')),
            account TEXT,
            cash BIGINT NOT NULL,
            deducted BIGINT NOT NULL,
            amount BIGINT NOT NULL,
            PRIMARY KEY (month, line),
            UNIQUE (month, case_id, for_month)
        );
        CREATE INDEX cash_payments_by_case ON cash_payments(case_id, for_month);
        CREATE TABLE budgets (
            institution TEXT NOT NULL,
            year INTEGER NOT NULL,
            amount BIGINT NOT NULL CHECK (amount >= 0),
            set_on TEXT NOT NULL,
            PRIMARY KEY (institution, year)
        );
        """

    static let sqlite = tables + """
        CREATE TRIGGER cash_runs_are_closed_update BEFORE UPDATE ON cash_runs
            BEGIN SELECT RAISE(ABORT, 'a cash payment run is closed'); END;
        CREATE TRIGGER cash_runs_are_closed_delete BEFORE DELETE ON cash_runs
            BEGIN SELECT RAISE(ABORT, 'a cash payment run is closed'); END;
        CREATE TRIGGER cash_payments_are_closed_update BEFORE UPDATE ON cash_payments
            BEGIN SELECT RAISE(ABORT, 'a cash payment run is closed'); END;
        CREATE TRIGGER cash_payments_are_closed_delete BEFORE DELETE ON cash_payments
            BEGIN SELECT RAISE(ABORT, 'a cash payment run is closed'); END;
        """

    static let postgresql = tables + """
        CREATE TRIGGER cash_runs_are_closed BEFORE UPDATE OR DELETE ON cash_runs
            FOR EACH ROW EXECUTE FUNCTION ltc_refuse('a cash payment run is closed');
        CREATE TRIGGER cash_payments_are_closed BEFORE UPDATE OR DELETE ON cash_payments
            FOR EACH ROW EXECUTE FUNCTION ltc_refuse('a cash payment run is closed');
        """
}
