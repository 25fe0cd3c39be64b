extension SQLiteSchema {
    /// Migration `0004-spine`: columns and indexes for the queries requests
    /// make (scopes of cases, busy times, adjustments not yet carried), the
    /// usage ledger of running totals filled from the logs already stored,
    /// and triggers that close a settled month's money in the ledger.
    /// Never edited once released.
    static let spine = Migration("0004-spine", """
        -- Cases: the institution serving the applicant, and who assessed or is assigned, for scoped listings.
        ALTER TABLE cases ADD COLUMN institution TEXT;
        UPDATE cases SET institution = json_extract(document, '$.institution');
        CREATE INDEX cases_by_institution ON cases(institution, id) WHERE institution IS NOT NULL;
        CREATE INDEX cases_by_state ON cases(state, id);
        CREATE TABLE case_assessors (
            assessor TEXT NOT NULL,
            case_id INTEGER NOT NULL REFERENCES cases(id),
            source TEXT NOT NULL CHECK (source IN ('assigned', 'assessed')),
            PRIMARY KEY (assessor, case_id, source)
        ) WITHOUT ROWID;
        CREATE INDEX case_assessors_by_case ON case_assessors(case_id);
        INSERT OR IGNORE INTO case_assessors (assessor, case_id, source)
            SELECT j.value, c.id, 'assigned' FROM cases c, json_each(c.document, '$.assessors') j;
        INSERT OR IGNORE INTO case_assessors (assessor, case_id, source)
            SELECT j.value, a.case_id, 'assessed' FROM assessments a, json_each(a.document, '$.assessors') j;

        -- Schemes: the time zone, and the region's versions by date.
        ALTER TABLE schemes ADD COLUMN time_zone TEXT;
        UPDATE schemes SET time_zone = json_extract(document, '$.timeZone');
        CREATE INDEX schemes_by_region ON schemes(region, effective_from);

        -- Institutions' agreements and enrolments.
        CREATE INDEX agreements_by_institution ON agreements(institution, id);
        CREATE INDEX enrolments_by_institution ON enrolments(institution, id);
        CREATE INDEX enrolments_by_case ON enrolments(case_id);

        -- Supervision: who a violation names, when an inspection was made and its score.
        ALTER TABLE violations ADD COLUMN caregiver TEXT;
        ALTER TABLE violations ADD COLUMN person INTEGER;
        UPDATE violations SET caregiver = json_extract(document, '$.caregiver'), person = json_extract(document, '$.person');
        CREATE INDEX violations_by_caregiver ON violations(institution, caregiver) WHERE caregiver IS NOT NULL;
        CREATE INDEX violations_by_person ON violations(person) WHERE person IS NOT NULL;
        ALTER TABLE supervision_records ADD COLUMN date TEXT;
        ALTER TABLE supervision_records ADD COLUMN score INTEGER;
        UPDATE supervision_records SET date = json_extract(document, '$.date'), score = json_extract(document, '$.score');
        CREATE INDEX supervision_records_by_institution ON supervision_records(institution, date);
        CREATE INDEX performance_assessments_by_period ON performance_assessments(period_from, period_to);

        -- Service logs: the grade of the day of service, and the busy times of people and caregivers.
        ALTER TABLE service_logs ADD COLUMN grade INTEGER;
        UPDATE service_logs SET grade = coalesce((
            SELECT json_extract(d.value, '$.grade')
            FROM cases c, json_each(json_insert(coalesce(json_extract(c.document, '$.pastDeterminations'), '[]'),
                                                '$[#]', json_extract(c.document, '$.determination'))) d
            WHERE c.person_id = service_logs.person AND c.state != 'rejected'
              AND json_extract(d.value, '$.validFrom') <= date(service_logs.start * 60, 'unixepoch')
              AND json_extract(d.value, '$.validUntil') >= date(service_logs.start * 60, 'unixepoch')
            ORDER BY c.id DESC LIMIT 1), -1)
        WHERE status = 'accepted';
        CREATE INDEX service_logs_busy_by_person ON service_logs(person, start) WHERE status = 'accepted';
        CREATE INDEX service_logs_busy_by_caregiver ON service_logs(institution, caregiver, start) WHERE status = 'accepted';
        CREATE INDEX settlement_adjustments_open ON settlement_adjustments(id) WHERE settled_month IS NULL;

        -- The usage ledger: running totals kept with the logs.
        CREATE TABLE usage_months (
            person INTEGER NOT NULL,
            month TEXT NOT NULL,
            grade INTEGER NOT NULL,
            mode TEXT NOT NULL,
            logs INTEGER NOT NULL,
            billed INTEGER NOT NULL,
            allowed INTEGER NOT NULL,
            fund INTEGER NOT NULL,
            PRIMARY KEY (person, month, grade, mode)
        ) WITHOUT ROWID;
        CREATE INDEX usage_months_by_month ON usage_months(month);
        CREATE TABLE usage_weeks (
            person INTEGER NOT NULL,
            week INTEGER NOT NULL,
            minutes INTEGER NOT NULL,
            visits INTEGER NOT NULL,
            PRIMARY KEY (person, week)
        ) WITHOUT ROWID;
        CREATE TABLE institution_months (
            month TEXT NOT NULL,
            institution TEXT NOT NULL,
            received INTEGER NOT NULL,
            rejected INTEGER NOT NULL,
            logs INTEGER NOT NULL,
            billed INTEGER NOT NULL,
            allowed INTEGER NOT NULL,
            fund INTEGER NOT NULL,
            PRIMARY KEY (month, institution)
        ) WITHOUT ROWID;
        INSERT INTO usage_months (person, month, grade, mode, logs, billed, allowed, fund)
            SELECT person, month, grade, mode, COUNT(*), SUM(billed), SUM(allowed), SUM(fund)
            FROM service_logs WHERE status = 'accepted' GROUP BY person, month, grade, mode;
        INSERT INTO usage_weeks (person, week, minutes, visits)
            SELECT l.person, (l.start / 1440 + 3) / 7,
                   SUM(CASE WHEN u.unit = 'hour' THEN l."end" - l.start ELSE 0 END), SUM(CASE WHEN u.unit = 'visit' THEN 1 ELSE 0 END)
            FROM service_logs l
            LEFT JOIN (SELECT json_extract(c.value, '$.code') AS code, min(json_extract(c.value, '$.unit')) AS unit
                       FROM schemes s, json_each(s.document, '$.benefits.catalogue') c GROUP BY 1) u ON u.code = l.item
            WHERE l.status = 'accepted' GROUP BY l.person, (l.start / 1440 + 3) / 7;
        INSERT INTO institution_months (month, institution, received, rejected, logs, billed, allowed, fund)
            SELECT month, institution, COUNT(*), SUM(status = 'rejected'), SUM(status = 'accepted'),
                   coalesce(SUM(CASE WHEN status = 'accepted' THEN billed END), 0),
                   coalesce(SUM(CASE WHEN status = 'accepted' THEN allowed END), 0),
                   coalesce(SUM(CASE WHEN status = 'accepted' THEN fund END), 0)
            FROM service_logs GROUP BY month, institution;

        -- A settled month's money is closed: the ledger refuses to change it.
        CREATE TRIGGER usage_months_closed_insert BEFORE INSERT ON usage_months
            WHEN EXISTS (SELECT 1 FROM settlements WHERE month = NEW.month)
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        CREATE TRIGGER usage_months_closed_update BEFORE UPDATE ON usage_months
            WHEN EXISTS (SELECT 1 FROM settlements WHERE month = OLD.month)
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        CREATE TRIGGER usage_months_closed_delete BEFORE DELETE ON usage_months
            WHEN EXISTS (SELECT 1 FROM settlements WHERE month = OLD.month)
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        CREATE TRIGGER institution_months_closed_insert BEFORE INSERT ON institution_months
            WHEN (NEW.logs != 0 OR NEW.billed != 0 OR NEW.allowed != 0 OR NEW.fund != 0)
                 AND EXISTS (SELECT 1 FROM settlements WHERE month = NEW.month)
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        CREATE TRIGGER institution_months_closed_update BEFORE UPDATE OF logs, billed, allowed, fund ON institution_months
            WHEN EXISTS (SELECT 1 FROM settlements WHERE month = OLD.month)
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        CREATE TRIGGER institution_months_closed_delete BEFORE DELETE ON institution_months
            WHEN EXISTS (SELECT 1 FROM settlements WHERE month = OLD.month)
            BEGIN SELECT RAISE(ABORT, 'a settled month is closed'); END;
        """)
}
