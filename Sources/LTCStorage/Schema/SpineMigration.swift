import LTCCore
import LTCProviders

extension SQLiteSchema {
    /// Migration `0004-spine`: columns and indexes for the queries requests
    /// make (scopes of cases, adjustments not yet carried), service logs
    /// keyed by institution and log id, the usage ledger filled from the logs
    /// already stored (its weeks' busy times by ``fillWeeks(_:)``), and
    /// triggers that close a settled month's money in the ledger. Never
    /// edited once released.
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

        -- Service logs: found by institution and log id (no other index: checks read the usage ledger), with the grade of the day of service.
        CREATE TABLE service_logs_keyed (
            id INTEGER PRIMARY KEY,
            institution TEXT NOT NULL,
            log_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            person INTEGER NOT NULL,
            caregiver TEXT NOT NULL,
            item TEXT NOT NULL,
            mode TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            location TEXT,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
            rule TEXT,
            detail TEXT,
            billed INTEGER,
            allowed INTEGER,
            fund INTEGER,
            grade INTEGER,
            submission INTEGER NOT NULL REFERENCES submissions(id),
            sampled INTEGER NOT NULL DEFAULT 0,
            settled_month TEXT,
            settled_fund INTEGER,
            UNIQUE (institution, log_id),
            CHECK (status = 'rejected' OR (billed >= 0 AND allowed >= 0 AND allowed <= billed AND fund >= 0 AND fund <= allowed))
        );
        INSERT INTO service_logs_keyed (id, institution, log_id, version, person, caregiver, item, mode, start, "end", location, status,
                                        rule, detail, billed, allowed, fund, grade, submission, sampled, settled_month, settled_fund)
            SELECT id, institution, log_id, version, person, caregiver, item, mode, start, "end", location, status, rule, detail,
                   billed, allowed, fund,
                   CASE WHEN status = 'accepted' THEN coalesce((
                       SELECT json_extract(d.value, '$.grade')
                       FROM cases c, json_each(json_insert(coalesce(json_extract(c.document, '$.pastDeterminations'), '[]'),
                                                           '$[#]', json_extract(c.document, '$.determination'))) d
                       WHERE c.person_id = l.person AND c.state != 'rejected'
                         AND json_extract(d.value, '$.validFrom') <= date(l.start * 60, 'unixepoch')
                         AND json_extract(d.value, '$.validUntil') >= date(l.start * 60, 'unixepoch')
                       ORDER BY c.id DESC LIMIT 1), -1) END,
                   submission, sampled, settled_month, settled_fund
            FROM service_logs l;
        DROP TABLE service_logs;
        ALTER TABLE service_logs_keyed RENAME TO service_logs;
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
        CREATE TABLE person_weeks (
            person INTEGER NOT NULL,
            week INTEGER NOT NULL,
            minutes INTEGER NOT NULL,
            visits INTEGER NOT NULL,
            busy BLOB NOT NULL,
            PRIMARY KEY (person, week)
        ) WITHOUT ROWID;
        CREATE TABLE caregiver_weeks (
            institution TEXT NOT NULL,
            caregiver TEXT NOT NULL,
            week INTEGER NOT NULL,
            busy BLOB NOT NULL,
            PRIMARY KEY (institution, caregiver, week)
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
            SELECT person, strftime('%Y-%m', start * 60, 'unixepoch'), grade, mode, COUNT(*), SUM(billed), SUM(allowed), SUM(fund)
            FROM service_logs WHERE status = 'accepted' GROUP BY 1, 2, 3, 4;
        INSERT INTO institution_months (month, institution, received, rejected, logs, billed, allowed, fund)
            SELECT strftime('%Y-%m', start * 60, 'unixepoch'), institution, COUNT(*), SUM(status = 'rejected'), SUM(status = 'accepted'),
                   coalesce(SUM(CASE WHEN status = 'accepted' THEN billed END), 0),
                   coalesce(SUM(CASE WHEN status = 'accepted' THEN allowed END), 0),
                   coalesce(SUM(CASE WHEN status = 'accepted' THEN fund END), 0)
            FROM service_logs GROUP BY 1, 2;

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
        """, fill: fillWeeks)

    /// The weeks of people and caregivers from the accepted logs already
    /// stored: hours and visits by the unit of each item in the schemes'
    /// catalogues, and the busy times.
    @Sendable static func fillWeeks(_ database: SQLiteDatabase) throws {
        var units: [String: String] = [:]
        for (code, unit) in try database.query("""
            SELECT json_extract(c.value, '$.code'), json_extract(c.value, '$.unit') FROM schemes s, json_each(s.document, '$.benefits.catalogue') c
            """, row: { ($0.text(0) ?? "", $0.text(1) ?? "") }) where units[code] == nil {
            units[code] = unit
        }
        var people: [Int: [Int: PersonWeek]] = [:]
        var caregivers: [CaregiverKey: [Int: [BusyTime]]] = [:]
        try database.query("""
            SELECT institution, log_id, person, caregiver, item, start, "end" FROM service_logs WHERE status = 'accepted' ORDER BY start
            """) { row in
            let reader = RowReader(row, record: "service log")
            let time = BusyTime(institution: try reader.text(0, "institution"), logID: try reader.text(1, "log_id"), person: try reader.integer(2, "person"),
                                caregiver: try reader.text(3, "caregiver"), item: try reader.text(4, "item"),
                                start: LocalMinute(minutes: try reader.integer(5, "start")), end: LocalMinute(minutes: try reader.integer(6, "end")))
            let week = Week.number(of: time.start)
            var entry = people[time.person, default: [:]][week] ?? PersonWeek(person: time.person, week: week)
            entry.busy.append(time)
            if units[time.item] == "hour" { entry.minutes += time.end.value - time.start.value }
            if units[time.item] == "visit" { entry.visits += 1 }
            people[time.person, default: [:]][week] = entry
            caregivers[CaregiverKey(institution: time.institution, caregiver: time.caregiver), default: [:]][week, default: []].append(time)
        }
        let ledger = SQLUsageLedger(database: database)
        try ledger.save(people.values.flatMap(\.values),
                        caregivers.flatMap { key, weeks in weeks.map { CaregiverWeek(caregiver: key, week: $0.key, busy: $0.value) } })
    }
}
