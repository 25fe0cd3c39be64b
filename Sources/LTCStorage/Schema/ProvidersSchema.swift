/// Institutions, agreements, caregivers, enrolments, service logs and
/// settlements (migration `0002-providers`; never edited once released).
let providersSchema = """
    CREATE TABLE institutions (
        id TEXT PRIMARY KEY,
        document TEXT NOT NULL
    );
    CREATE TABLE agreements (
        id TEXT PRIMARY KEY,
        institution TEXT NOT NULL REFERENCES institutions(id),
        document TEXT NOT NULL
    );
    CREATE TABLE caregivers (
        institution TEXT NOT NULL REFERENCES institutions(id),
        id TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (institution, id)
    );
    CREATE TABLE enrolments (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL,
        case_id INTEGER NOT NULL,
        institution TEXT NOT NULL REFERENCES institutions(id),
        document TEXT NOT NULL
    );
    CREATE INDEX enrolments_by_person ON enrolments(person_id);
    CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        institution TEXT,
        actor TEXT NOT NULL,
        as_of TEXT NOT NULL,
        recorded_at TEXT NOT NULL DEFAULT (datetime('now')),
        summary TEXT NOT NULL
    );
    CREATE TABLE service_logs (
        id INTEGER PRIMARY KEY,
        institution TEXT NOT NULL,
        log_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        person INTEGER NOT NULL,
        caregiver TEXT NOT NULL,
        item TEXT NOT NULL,
        mode TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        location TEXT,
        month TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
        rule TEXT,
        detail TEXT,
        billed INTEGER,
        allowed INTEGER,
        fund INTEGER,
        submission INTEGER NOT NULL REFERENCES submissions(id),
        sampled INTEGER NOT NULL DEFAULT 0,
        settled_month TEXT,
        settled_fund INTEGER,
        UNIQUE (institution, log_id)
    );
    CREATE TABLE service_log_history (
        institution TEXT NOT NULL,
        log_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        replaced_in INTEGER NOT NULL REFERENCES submissions(id)
    );
    CREATE TABLE settlement_adjustments (
        id INTEGER PRIMARY KEY,
        institution TEXT NOT NULL,
        log_id TEXT NOT NULL,
        service_month TEXT NOT NULL,
        amount INTEGER NOT NULL,
        reason TEXT NOT NULL,
        settled_month TEXT
    );
    CREATE TABLE settlements (
        month TEXT PRIMARY KEY,
        settled_on TEXT NOT NULL,
        document TEXT NOT NULL
    );
    CREATE TRIGGER settlements_are_closed_update BEFORE UPDATE ON settlements
        BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
    CREATE TRIGGER settlements_are_closed_delete BEFORE DELETE ON settlements
        BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
    """
