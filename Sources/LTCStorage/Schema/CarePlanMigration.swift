/// The migration for individual care plans: `care_plans` holds every
/// version of each case's plan. A version's content (`document`: needs,
/// items, who made it and why) is kept as made; only its standing changes
/// (`status`, the days it binds, the person's confirmation), and triggers
/// refuse anything else. Never edited once released.
enum CarePlanMigration {
    static let name = "care-plans"

    static let sqlite = """
        CREATE TABLE care_plans (
            case_id INTEGER NOT NULL REFERENCES cases(id),
            version INTEGER NOT NULL CHECK (version > 0),
            person INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('proposed', 'in-force', 'superseded', 'discarded')),
            valid_from TEXT,
            valid_until TEXT,
            confirmation TEXT,
            document TEXT NOT NULL,
            PRIMARY KEY (case_id, version)
        );
        CREATE INDEX care_plans_binding ON care_plans(person, valid_from) WHERE valid_from IS NOT NULL;
        CREATE TRIGGER care_plans_content_is_kept BEFORE UPDATE OF case_id, version, person, document ON care_plans
            BEGIN SELECT RAISE(ABORT, 'a care plan version is kept as made; only its standing changes'); END;
        CREATE TRIGGER care_plans_are_kept BEFORE DELETE ON care_plans
            BEGIN SELECT RAISE(ABORT, 'a care plan version is kept as made; only its standing changes'); END;
        """

    static let postgresql = """
        CREATE TABLE care_plans (
            case_id BIGINT NOT NULL REFERENCES cases(id),
            version INTEGER NOT NULL CHECK (version > 0),
            person BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('proposed', 'in-force', 'superseded', 'discarded')),
            valid_from TEXT,
            valid_until TEXT,
            confirmation TEXT,
            document TEXT NOT NULL,
            PRIMARY KEY (case_id, version)
        );
        CREATE INDEX care_plans_binding ON care_plans(person, valid_from) WHERE valid_from IS NOT NULL;
        CREATE FUNCTION ltc_care_plan_content_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' OR NEW.case_id <> OLD.case_id OR NEW.version <> OLD.version OR NEW.person <> OLD.person
                   OR NEW.document <> OLD.document THEN
                    RAISE EXCEPTION 'a care plan version is kept as made; only its standing changes' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$;
        CREATE TRIGGER care_plans_content_is_kept BEFORE UPDATE OR DELETE ON care_plans
            FOR EACH ROW EXECUTE FUNCTION ltc_care_plan_content_kept();
        """
}
