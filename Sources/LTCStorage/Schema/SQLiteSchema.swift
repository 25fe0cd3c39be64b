/// The schema of the SQLite store, as named migrations applied in order.
/// A released migration is never edited: a later change is a new migration.
enum SQLiteSchema {
    /// Every migration, in order.
    static var migrations: [Migration] {
        released + [spine, enrolmentPeriods, dayUsage, staff, deadlines, cash, residence, draws, certificates, review, carePlans, deactivations,
                    credentials, holds, drafts, auditChain, acceptedMoney, monthQuantities, acceptedOrder, subsidyDeductions,
                    monitoring, enforcement, monthByInstitution, acceptedMoneyByMonth]
    }

    /// Migration `0027-accepted-money-by-month` (``AcceptedMoneyByMonthMigration``).
    static let acceptedMoneyByMonth = Migration("0027-" + AcceptedMoneyByMonthMigration.name, AcceptedMoneyByMonthMigration.sqlite)

    /// Migration `0026-accepted-logs-by-start-dropped` (``MonthByInstitutionMigration``).
    static let monthByInstitution = Migration("0026-" + MonthByInstitutionMigration.name, MonthByInstitutionMigration.sqlite)

    /// Migration `0025-enforcement` (``EnforcementMigration``).
    static let enforcement = Migration("0025-" + EnforcementMigration.name, EnforcementMigration.sqlite)

    /// Migration `0024-monitoring` (``MonitoringMigration``).
    static let monitoring = Migration("0024-" + MonitoringMigration.name, MonitoringMigration.sqlite)

    /// Migration `0023-subsidy-deductions` (``SubsidyDeductionMigration``).
    static let subsidyDeductions = Migration("0023-" + SubsidyDeductionMigration.name, SubsidyDeductionMigration.sqlite)

    /// Migration `0022-accepted-order` (``AcceptedOrderMigration``).
    static let acceptedOrder = Migration("0022-" + AcceptedOrderMigration.name, AcceptedOrderMigration.sqlite)

    /// Migration `0021-month-quantities` (``MonthQuantityMigration``).
    static let monthQuantities = Migration("0021-" + MonthQuantityMigration.name, MonthQuantityMigration.sqlite)

    /// Migration `0020-accepted-logs-by-institution`: the money of accepted
    /// logs by institution and time of service, which settlement adds up to
    /// check the usage ledger (``SQLServiceLogs/acceptedTotals(month:)``)
    /// reading this index alone, each institution's month in order: without
    /// it, settling a month would read every month's logs. (PostgreSQL keeps
    /// a partition per month.) Never edited once released.
    static let acceptedMoney = Migration("0020-accepted-logs-by-institution", """
        CREATE INDEX service_logs_accepted_money ON service_logs(institution, start, billed, allowed, fund) WHERE status = 'accepted';
        """)

    /// Migration `0019-audit-chain` (``AuditChainMigration``): the events already stored are chained.
    static let auditChain = Migration("0019-" + AuditChainMigration.name, AuditChainMigration.sqlite) { database in
        try SQLAuditChain(database: database).seal()
    }

    /// Migration `0018-assessment-drafts` (``AssessmentDraftMigration``).
    static let drafts = Migration("0018-" + AssessmentDraftMigration.name, AssessmentDraftMigration.sql)

    /// Migration `0017-hold-decisions-and-budget-closes` (``HoldMigration``).
    static let holds = Migration("0017-" + HoldMigration.name, HoldMigration.sqlite)

    /// Migration `0016-credentials` (``CredentialMigration``).
    static let credentials = Migration("0016-" + CredentialMigration.name, CredentialMigration.sqlite)

    /// Migration `0015-deactivations` (``DeactivationMigration``).
    static let deactivations = Migration("0015-" + DeactivationMigration.name, DeactivationMigration.sqlite)

    /// Migration `0014-care-plans` (``CarePlanMigration``).
    static let carePlans = Migration("0014-" + CarePlanMigration.name, CarePlanMigration.sqlite)

    /// Migration `0013-review-findings-and-bars` (``ReviewMigration``).
    static let review = Migration("0013-" + ReviewMigration.name, ReviewMigration.sqlite)

    /// Migration `0012-assessor-certificates` (``AssessorCertificateMigration``).
    static let certificates = Migration("0012-" + AssessorCertificateMigration.name, AssessorCertificateMigration.sql)

    /// Migration `0011-inspection-draws` (``InspectionDrawMigration``).
    static let draws = Migration("0011-" + InspectionDrawMigration.name, InspectionDrawMigration.sqlite)

    /// Migration `0010-residence-and-tiers` (``ResidenceMigration``).
    static let residence = Migration("0010-" + ResidenceMigration.name, ResidenceMigration.sql)

    /// Migration `0009-cash-payments-and-budgets` (``CashMigration``).
    static let cash = Migration("0009-" + CashMigration.name, CashMigration.sqlite)

    /// Migration `0008-case-deadlines` (``DeadlineMigration``).
    static let deadlines = Migration("0008-" + DeadlineMigration.name, DeadlineMigration.sql)

    /// Migration `0007-staff-and-submissions` (``StaffMigration``).
    static let staff = Migration("0007-" + StaffMigration.name, StaffMigration.sqlite)

    /// Migration `0006-day-usage-and-adjustments` (``DayUsageMigration``).
    static let dayUsage = Migration("0006-" + DayUsageMigration.name, DayUsageMigration.sql)

    /// Migration `0005-enrolment-periods`: an enrolment's period as columns,
    /// so that an institution's enrolments of a period (capacity, ratings) are
    /// found in SQL. Never edited once released.
    static let enrolmentPeriods = Migration("0005-enrolment-periods", """
        ALTER TABLE enrolments ADD COLUMN period_from TEXT;
        ALTER TABLE enrolments ADD COLUMN period_to TEXT;
        UPDATE enrolments SET period_from = json_extract(document, '$.period.from'), period_to = json_extract(document, '$.period.to');
        CREATE INDEX enrolments_by_institution_period ON enrolments(institution, period_from);
        """)

    /// Migrations released before the storage spine (cases, providers, supervision).
    static let released: [Migration] = [
        Migration("0001-cases", """
            CREATE TABLE schemes (
                id TEXT PRIMARY KEY,
                region TEXT NOT NULL,
                effective_from TEXT NOT NULL,
                effective_to TEXT NOT NULL,
                document TEXT NOT NULL
            );
            CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                national_id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                insurance TEXT NOT NULL CHECK (insurance IN ('employee', 'resident')),
                enrolled_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('insured', 'left', 'deceased'))
            );
            CREATE TABLE assessors (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                qualification TEXT NOT NULL CHECK (qualification IN ('medical', 'care', 'none')),
                employer TEXT,
                active INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE cases (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                scheme_id TEXT NOT NULL REFERENCES schemes(id),
                state TEXT NOT NULL,
                valid_until TEXT,
                document TEXT NOT NULL
            );
            CREATE INDEX cases_by_person ON cases(person_id);
            CREATE INDEX cases_by_valid_until ON cases(valid_until);
            CREATE TABLE assessments (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                document TEXT NOT NULL
            );
            CREATE INDEX assessments_by_case ON assessments(case_id);
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                recorded_at TEXT NOT NULL,
                as_of TEXT NOT NULL,
                actor TEXT NOT NULL,
                subject TEXT NOT NULL,
                action TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
                reason TEXT,
                before TEXT,
                after TEXT
            );
            CREATE INDEX events_by_subject ON events(subject);
            CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """),
        Migration("0002-providers", providersSchema),
        Migration("0003-supervision", """
            CREATE TABLE violations (
                id INTEGER PRIMARY KEY,
                institution TEXT NOT NULL REFERENCES institutions(id),
                document TEXT NOT NULL
            );
            CREATE INDEX violations_by_institution ON violations(institution);
            CREATE TABLE performance_assessments (
                institution TEXT NOT NULL REFERENCES institutions(id),
                period_from TEXT NOT NULL,
                period_to TEXT NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (institution, period_from, period_to)
            );
            CREATE TABLE supervision_records (
                id INTEGER PRIMARY KEY,
                institution TEXT NOT NULL REFERENCES institutions(id),
                kind TEXT NOT NULL CHECK (kind IN ('inspection', 'complaint')),
                document TEXT NOT NULL
            );
            """),
    ]
}
