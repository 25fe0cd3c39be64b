/// The migration that keeps the deactivations of staff, assessors and
/// institutions (``Deactivation``): one row per actor (`role:id`), never
/// changed or removed (a deactivation is final). Never edited once released.
enum DeactivationMigration {
    static let name = "deactivations"

    static let table = """
        CREATE TABLE deactivations (
            actor TEXT PRIMARY KEY,
            from_date TEXT NOT NULL,
            reason TEXT NOT NULL,
            deactivated_by TEXT NOT NULL,
            recorded_on TEXT NOT NULL
        );
        """

    static let sqlite = table + """
        CREATE TRIGGER deactivations_are_kept_update BEFORE UPDATE ON deactivations
            BEGIN SELECT RAISE(ABORT, 'a deactivation is kept as recorded'); END;
        CREATE TRIGGER deactivations_are_kept_delete BEFORE DELETE ON deactivations
            BEGIN SELECT RAISE(ABORT, 'a deactivation is kept as recorded'); END;
        """

    static let postgresql = table + """
        CREATE TRIGGER deactivations_are_kept BEFORE UPDATE OR DELETE ON deactivations
            FOR EACH ROW EXECUTE FUNCTION ltc_refuse('a deactivation is kept as recorded');
        """
}
