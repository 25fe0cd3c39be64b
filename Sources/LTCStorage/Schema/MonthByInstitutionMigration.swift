/// SQLite migration `0026-accepted-logs-by-start-dropped` (issue 32, SQLite
/// bulk intake): the index `service_logs_accepted_by_start` (0024) goes.
///
/// It served one purpose, the monitoring rules' pass over a month's
/// accepted logs, and cost every accepted log one more entry written at
/// intake, at a place all over the index (a submission's logs come person by
/// person, each spread over the month). The rules now read the month
/// institution by institution from `service_logs_accepted_money` (0020),
/// which intake keeps anyway for settlement: each institution's month is a
/// range of it, as settlement reads it (``SQLServiceLogs/acceptedTotals(month:)``),
/// so they still read the month's logs and nothing else, and get them in
/// the order they group them in. On a million logs, the institutions'
/// measures take 0.9–1.0 s of CPU either way (2026-12-07); intake writes a
/// quarter fewer index entries per accepted log.
///
/// PostgreSQL never had the index (a month is a partition): no migration.
/// Never edited once released.
enum MonthByInstitutionMigration {
    static let name = "accepted-logs-by-start-dropped"

    static let sqlite = """
        DROP INDEX service_logs_accepted_by_start;
        """
}
