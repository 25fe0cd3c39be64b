/// SQLite migration `0027-accepted-money-by-month` (issue 32, SQLite bulk
/// intake): the index of accepted logs' money that settlement adds a month
/// up from (``SQLServiceLogs/acceptedTotals(month:)``) and the monitoring
/// rules read a month from (``SQLMonitoring``) is keyed by institution and
/// month of service, `start_month` (yyyymm of `start`, a virtual column:
/// computed, never stored in the row), instead of institution and start.
///
/// Each institution's month is still one range of it, read alone, but the
/// entries of a range now follow the order logs were stored in (rowid)
/// rather than their start. A submission sends its logs client by client,
/// each client's visits spread over the month, so by start every accepted
/// log went to some place within its institution's month: the whole index
/// was the working set of an intake, and past the page cache (10 million
/// logs a month: about 300 MB of it against a 96 MiB cache) every log read
/// and wrote a page from disk. By month, an institution's logs of a month go
/// to the end of its range: one page per institution and month is written
/// at a time. Readers lose nothing they used: settlement sums the range;
/// the rules group and order in SQL.
///
/// PostgreSQL keeps a partition per month and never had this index: no
/// migration. Never edited once released.
enum AcceptedMoneyByMonthMigration {
    static let name = "accepted-money-by-month"

    /// The month of a minute of local time (a query's `?`): yyyymm as an integer, as `start_month` is computed.
    static func month(of minute: String) -> String {
        "CAST(strftime('%Y%m', \(minute) * 60, 'unixepoch') AS INTEGER)"
    }

    static let sqlite = """
        ALTER TABLE service_logs ADD COLUMN start_month INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y%m', start * 60, 'unixepoch') AS INTEGER)) VIRTUAL;
        DROP INDEX service_logs_accepted_money;
        CREATE INDEX service_logs_accepted_money_by_month ON service_logs(institution, start_month, billed, allowed, fund) WHERE status = 'accepted';
        """
}
