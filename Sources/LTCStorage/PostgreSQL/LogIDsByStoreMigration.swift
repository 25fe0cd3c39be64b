/// PostgreSQL 0021 (issue 32): `service_log_ids`, each institution's log
/// ids once across the months' partitions, is written by the store with
/// the logs (``SQLServiceLogs``: one COPY, or one statement, per chunk)
/// instead of by a statement trigger over the inserted rows. PostgreSQL 15
/// copies rows into a partitioned table one at a time, not in batches, as
/// long as the table has an insert trigger with a transition table; that
/// trigger and its capture of the rows made the COPY of a bulk submission's
/// logs 1.6–2× as long (196,000 logs: 1.9–2.4 s against 1.2 s, and 0.2 s
/// to add their ids by themselves). The key of `service_log_ids` still
/// refuses a log id sent twice; a removed log still takes its id with it
/// (the delete trigger stays). SQLite keeps its logs in one table with one
/// key, and has no such migration. Never edited once released.
enum LogIDsByStoreMigration {
    static let name = "log-ids-by-store"

    static let postgresql = """
        DROP TRIGGER service_log_ids_added ON service_logs;
        DROP FUNCTION ltc_add_log_ids();
        """
}
