import LTCCore
import LTCProviders

/// Service logs in the `service_logs` table, one row per institution and log
/// id (the current version of each, unique), their earlier versions in
/// `service_log_history`, and `submissions`. The table has no other index:
/// the checks read busy times and use from the usage ledger.
struct SQLServiceLogs<Database: SQLConnection>: ServiceLogRepository {
    let database: Database

    static var columnNames: [String] {
        ["institution", "log_id", "version", "person", "caregiver", "item", "mode", "start", "end", "location", "status", "rule", "detail",
         "billed", "allowed", "fund", "submission", "settled_month", "settled_fund", "sampled", "grade", "accepted_order"]
    }

    static var columns: String { columnNames.map { "\"\($0)\"" }.joined(separator: ", ") }

    static func storedLog(_ row: Database.Row) throws -> StoredLog {
        let key = "\(row.text(0) ?? "?")/\(row.text(1) ?? "?")"
        let reader = RowReader(row, record: "service log \(key)")
        let log = ServiceLog(logID: try reader.text(1, "log_id"), institution: try reader.text(0, "institution"),
                             caregiver: try reader.text(4, "caregiver"), person: try reader.integer(3, "person"), item: try reader.text(5, "item"),
                             start: LocalMinute(minutes: try reader.integer(7, "start")), end: LocalMinute(minutes: try reader.integer(8, "end")),
                             mode: try reader.text(6, "mode"),
                             location: try reader.optionalText(9).map { text throws(StorageError) in
                                 guard let point = GeoPoint(text: Substring(text)) else { throw StorageError.damaged("service log \(key)", column: "location", value: text) }
                                 return point
                             })
        let status = try reader.value(10, "status", StoredLog.Status.init(rawValue:))
        var money: AcceptedService?
        if status == .accepted {
            money = AcceptedService(billed: Money(fen: try reader.integer(13, "billed")), allowed: Money(fen: try reader.integer(14, "allowed")),
                                    fund: Money(fen: try reader.integer(15, "fund")), grade: reader.optionalInteger(20) ?? -1)
        }
        return StoredLog(log: log, version: try reader.integer(2, "version"), status: status,
                         rule: try reader.optionalText(11).map { code throws(StorageError) in
                             guard let rule = MonitoringRule(rawValue: code) else { throw StorageError.damaged("service log \(key)", column: "rule", value: code) }
                             return rule
                         },
                         detail: reader.optionalText(12), money: money, submission: try reader.integer(16, "submission"),
                         settledMonth: reader.optionalText(17).flatMap(YearMonth.init), settledFund: reader.optionalInteger(18).map(Money.init(fen:)),
                         sampled: reader.optionalInteger(19) == 1, acceptedOrder: reader.optionalInteger(21))
    }

    func insertSubmission(institution: String?, actor: String, asOf: CalendarDate, summary: JSONValue) throws -> Int {
        try database.insertReturningID("INSERT INTO submissions (institution, actor, as_of, summary) VALUES (?, ?, ?, ?)",
                         [SQLValue(institution), .text(actor), .text(asOf.description), .text(JSONWriter.string(summary))])
    }

    func finishSubmission(_ id: Int, summary: JSONValue) throws {
        try database.run("INSERT INTO submission_outcomes (submission, summary) VALUES (?, ?)", [.integer(id), .text(JSONWriter.string(summary))])
    }

    func submissions(institution: String?, page: PageRequest<Int>) throws -> Page<Submission, Int> {
        let rows = try database.query("""
            SELECT s.id, s.institution, s.actor, s.as_of, s.recorded_at, COALESCE(o.summary, s.summary)
            FROM submissions s LEFT JOIN submission_outcomes o ON o.submission = s.id
            WHERE (CAST(?1 AS TEXT) IS NULL OR s.institution = ?1) AND s.id > ?2 ORDER BY s.id LIMIT ?3
            """, [SQLValue(institution), .integer(page.after ?? 0), .integer(page.limit + 1)]) { row throws -> Submission in
            let reader = RowReader(row, record: "submission")
            let id = try reader.integer(0, "id")
            let record = RowReader(row, record: "submission \(id)")
            let summary = try record.text(5, "summary")
            guard let json = try? JSONParser.parse(summary) else { throw StorageError.damaged("submission \(id)", column: "summary", value: summary) }
            return Submission(id: id, institution: record.optionalText(1), actor: try record.text(2, "actor"),
                              asOf: try record.value(3, "as_of") { CalendarDate($0) }, recordedAt: try record.text(4, "recorded_at"), summary: json)
        }
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func hasLogs(institution: String) throws -> Bool {
        try !database.query("SELECT 1 FROM service_logs WHERE institution = ? LIMIT 1", [.text(institution)]) { _ in true }.isEmpty
    }

    func stored(institution: String, ids: [String]) throws -> [String: StoredLog] {
        guard !ids.isEmpty else { return [:] }
        var found: [String: StoredLog] = [:]
        for stored in try database.query("""
            SELECT \(Self.columns) FROM service_logs WHERE institution = ? AND \(Database.dialect.textIn("log_id"))
            """, [.text(institution), .list(ids)], row: Self.storedLog) {
            found[stored.log.logID] = stored
        }
        return found
    }

    func store(_ logs: [StoredLog], replacing: [StoredLog], submission: Int) throws {
        for old in replacing {
            try database.run("INSERT INTO service_log_history (institution, log_id, version, document, replaced_in) VALUES (?, ?, ?, ?, ?)",
                             [.text(old.log.institution), .text(old.log.logID), .integer(old.version), .text(JSONWriter.string(old.log.json)),
                              .integer(submission)])
            try database.run("DELETE FROM service_logs WHERE institution = ? AND log_id = ?", [.text(old.log.institution), .text(old.log.logID)])
        }
        try logs.withUnsafeBufferPointer { logs in
            // PostgreSQL: each institution's log ids once across the months' partitions, written here
            // rather than by a trigger, which made PostgreSQL copy the logs one at a time (LogIDsByStoreMigration).
            if let postgres = database as? PostgresConnection {
                try postgres.insertRows(into: "service_log_ids", columns: ["institution", "log_id", "start"], count: logs.count) { index, row in
                    row.bind(1, logs[index].log.institution); row.bind(2, logs[index].log.logID); row.bind(3, logs[index].log.start.value)
                }
            }
            try database.insertRows(into: "service_logs", columns: Self.columnNames, count: logs.count) { index, row in
                // Read in place: a copy of each log would retain and release every text of it.
                row.bind(1, logs[index].log.institution); row.bind(2, logs[index].log.logID); row.bind(3, logs[index].version)
                row.bind(4, logs[index].log.person); row.bind(5, logs[index].log.caregiver); row.bind(6, logs[index].log.item)
                row.bind(7, logs[index].log.mode); row.bind(8, logs[index].log.start.value); row.bind(9, logs[index].log.end.value)
                row.bind(10, logs[index].log.location?.text); row.bind(11, logs[index].status.rawValue)
                row.bind(12, logs[index].rule?.code); row.bind(13, logs[index].detail); row.bind(14, logs[index].money?.billed.fen)
                row.bind(15, logs[index].money?.allowed.fen); row.bind(16, logs[index].money?.fund.fen); row.bind(17, logs[index].submission)
                row.bind(18, logs[index].settledMonth?.description); row.bind(19, logs[index].settledFund?.fen)
                row.bind(20, logs[index].sampled ? 1 : 0); row.bind(21, logs[index].money?.grade); row.bind(22, logs[index].acceptedOrder)
            }
        }
    }

    func history(institution: String, logID: String) throws -> [ReplacedLog] {
        try database.query("""
            SELECT version, document, replaced_in FROM service_log_history WHERE institution = ? AND log_id = ? ORDER BY version
            """, [.text(institution), .text(logID)]) { row in
            let reader = RowReader(row, record: "earlier version of log \(institution)/\(logID)")
            return ReplacedLog(version: try reader.integer(0, "version"), log: try reader.document(1, "document", key: nil, ServiceLog.init(json:)),
                               replacedIn: try reader.integer(2, "replaced_in"))
        }
    }

    func list(institution: String, month: YearMonth, status: StoredLog.Status?, rule: MonitoringRule?,
              page: PageRequest<String>) throws -> Page<StoredLog, String> {
        // The filters narrow the rows of the same index range; the order, and so the cursor, stay by log id.
        var filters = "", arguments: [SQLValue] = [.text(institution), .text(page.after ?? ""), .integer(month.firstDay.dayNumber * 1440),
                                                  .integer((month.lastDay.dayNumber + 1) * 1440)]
        if let status {
            filters += " AND status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let rule {
            filters += " AND rule = ?"
            arguments.append(.text(rule.code))
        }
        let rows = try database.query("""
            SELECT \(Self.columns) FROM service_logs WHERE institution = ? AND log_id > ? AND start >= ? AND start < ?\(filters) ORDER BY log_id LIMIT ?
            """, arguments + [.integer(page.limit + 1)], row: Self.storedLog)
        return Page(rows: rows, limit: page.limit) { $0.log.logID }
    }

    func activity(institution: String, from: CalendarDate, to: CalendarDate, timelyDays: Int) throws -> InstitutionActivity {
        var activity = InstitutionActivity()
        try database.query("""
            SELECT COUNT(*), SUM(CASE WHEN l.status = 'rejected' THEN 1 ELSE 0 END), SUM(CASE WHEN l.status = 'accepted' THEN l."end" - l.start ELSE 0 END),
                   SUM(CASE WHEN \(Database.dialect.dayNumber("s.as_of")) - l.start / 1440 <= ? THEN 1 ELSE 0 END)
            FROM service_logs l JOIN submissions s ON s.id = l.submission
            WHERE l.institution = ? AND l.start >= ? AND l.start < ?
            """, [.integer(timelyDays), .text(institution), .integer(from.dayNumber * 1440), .integer((to.dayNumber + 1) * 1440)]) { row in
            activity.received = row.integer(0) ?? 0
            activity.rejected = row.integer(1) ?? 0
            activity.acceptedMinutes = row.integer(2) ?? 0
            activity.timely = row.integer(3) ?? 0
        }
        return activity
    }

    func acceptedTotals(month: YearMonth) throws -> [LedgerTotals] {
        try Database.dialect.scanning(database) {
            // SQLite: institution by institution, the month's range of its index of accepted logs' money
            // (by institution and month of service, AcceptedMoneyByMonthMigration), read alone (an accepted
            // log is always a registered institution's: intake refuses the others). PostgreSQL: one scan of
            // the month's partition.
            let byInstitution = Database.dialect.addsUpByInstitution
            return try database.query(byInstitution ? """
                SELECT i.id, COUNT(*), SUM(l.billed), SUM(l.allowed), SUM(l.fund) FROM institutions i CROSS JOIN service_logs l
                WHERE l.institution = i.id AND l.start_month = ? AND l.status = 'accepted' GROUP BY i.id ORDER BY i.id
                """ : """
                SELECT institution, COUNT(*), SUM(billed), SUM(allowed), SUM(fund) FROM service_logs
                WHERE start >= ? AND start < ? AND status = 'accepted' GROUP BY institution
                """, byInstitution ? [.integer(month.year * 100 + month.month)]
                    : [.integer(month.firstDay.dayNumber * 1440), .integer((month.lastDay.dayNumber + 1) * 1440)]) { row in
                let reader = RowReader(row, record: "logs of \(month)")
                return LedgerTotals(institution: try reader.text(0, "institution"), logs: try reader.integer(1, "logs"),
                                    billed: Money(fen: try reader.integer(2, "billed")), allowed: Money(fen: try reader.integer(3, "allowed")),
                                    fund: Money(fen: try reader.integer(4, "fund")))
            }
        }
    }
}
