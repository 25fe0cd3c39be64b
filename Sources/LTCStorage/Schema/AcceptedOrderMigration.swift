/// The migration that keeps the order in which accepted logs took their
/// share of a month's ceiling (issue 29, item 3): `service_logs` gets
/// `accepted_order`, the submission that accepted the version and its line
/// there as one number (`StoredLog.order(submission:line:)`), so that a
/// month whose ceiling shrinks later (a death recorded late) is re-capped in
/// the order its services were capped, as if the death had been known. Logs
/// accepted before it are ordered by their submission; on SQLite, within it,
/// by the row they were stored in (the order they were checked), on
/// PostgreSQL, which keeps no such row number, by their start. Never edited
/// once released.
enum AcceptedOrderMigration {
    static let name = "accepted-order"

    static let sqlite = """
        ALTER TABLE service_logs ADD COLUMN accepted_order INTEGER;
        UPDATE service_logs SET accepted_order = submission * 4294967296 + (id % 4294967296) WHERE status = 'accepted';
        """

    static let postgresql = """
        ALTER TABLE service_logs ADD COLUMN accepted_order BIGINT;
        UPDATE service_logs SET accepted_order = submission * 4294967296 WHERE status = 'accepted';
        """
}
