import LTCCore
import LTCProviders

/// The monitoring rules' aggregates over a month of accepted logs, and the
/// flags, their items and in-patient stays. Each rule is one statement over
/// the month's accepted logs (``month``: PostgreSQL, its partition; SQLite,
/// each institution's range of the index `service_logs_accepted_money_by_month`),
/// grouped in SQL, so that what comes back is a row per institution, per
/// flagged point, or per pair of visits, never the month's logs to add up
/// in memory.
struct SQLMonitoring<Database: SQLConnection>: MonitoringRepository {
    let database: Database

    /// The month as a range of `start` (minutes since 1970-01-01, local time).
    private static func range(_ month: YearMonth) -> [SQLValue] {
        [.integer(month.firstDay.dayNumber * 1440), .integer((month.lastDay.dayNumber + 1) * 1440)]
    }

    /// The month's accepted logs, as a table to select from (`AS` a name),
    /// taking the month's range (``range(_:)``). SQLite reads them
    /// institution by institution, each a range of the index of accepted
    /// logs by institution and month of service that intake keeps for
    /// settlement (the month's key from the range's first minute; every log
    /// of that month starts before the range's end) (its
    /// planner follows a `CROSS JOIN`'s order; every accepted log is a
    /// registered institution's: intake refuses the others); PostgreSQL
    /// reads the month's partition.
    private static var month: String {
        Database.dialect.addsUpByInstitution ? """
            (SELECT l.* FROM institutions i CROSS JOIN service_logs l
             WHERE l.institution = i.id AND l.status = 'accepted' AND l.start_month = \(AcceptedMoneyByMonthMigration.month(of: "?")) AND l.start < ?)
            """ : "(SELECT * FROM service_logs WHERE status = 'accepted' AND start >= ? AND start < ?)"
    }

    func institutionMeasures(month: YearMonth) throws -> [InstitutionMeasures] {
        try Database.dialect.scanning(database) {
            var identical: [String: Int] = [:]
            try database.query("""
                SELECT institution, SUM(n) FROM (
                    SELECT institution, start, COUNT(*) AS n FROM \(Self.month) AS m GROUP BY institution, start HAVING COUNT(*) > 1
                ) AS same GROUP BY institution
                """, Self.range(month)) { row in identical[row.text(0) ?? ""] = row.integer(1) ?? 0 }
            return try database.query("""
                SELECT institution, COUNT(*), COUNT(DISTINCT person), SUM("end" - start), COUNT(DISTINCT caregiver || '/' || (start / 1440))
                FROM \(Self.month) AS m GROUP BY institution ORDER BY institution
                """, Self.range(month)) { row in
                let reader = RowReader(row, record: "institution measures")
                let institution = try reader.text(0, "institution")
                return InstitutionMeasures(institution: institution, visits: try reader.integer(1, "visits"), clients: try reader.integer(2, "clients"),
                                           minutes: try reader.integer(3, "minutes"), caregiverDays: try reader.integer(4, "caregiver days"),
                                           identicalStarts: identical[institution] ?? 0)
            }
        }
    }

    func sharedCheckIns(month: YearMonth, minimumClients: Int) throws -> [SharedCheckInLog] {
        try Database.dialect.scanning(database) {
            try database.query("""
                SELECT l.location, l.institution, l.log_id, l.person FROM \(Self.month) AS l
                JOIN (SELECT location FROM \(Self.month) AS m WHERE location IS NOT NULL
                      GROUP BY location HAVING COUNT(DISTINCT person) >= ?) AS shared ON shared.location = l.location
                ORDER BY l.location, l.institution, l.log_id
                """, Self.range(month) + Self.range(month) + [.integer(minimumClients)]) { row in
                let reader = RowReader(row, record: "shared check-in")
                return SharedCheckInLog(location: try reader.text(0, "location"), institution: try reader.text(1, "institution"),
                                        logID: try reader.text(2, "log_id"), person: try reader.integer(3, "person"))
            }
        }
    }

    func consecutiveVisits(month: YearMonth, _ visit: (ConsecutiveVisits) -> Void) throws {
        try Database.dialect.scanning(database) {
            try database.query("""
                SELECT institution, caregiver, previous_log, previous_end, previous_location, log_id, start, location FROM (
                    SELECT institution, caregiver, log_id, start, location,
                           LAG(log_id) OVER visits AS previous_log, LAG("end") OVER visits AS previous_end,
                           LAG(location) OVER visits AS previous_location
                    FROM \(Self.month) AS m
                    WINDOW visits AS (PARTITION BY institution, caregiver ORDER BY start, log_id)
                ) AS pairs
                WHERE location IS NOT NULL AND previous_location IS NOT NULL AND location <> previous_location
                  AND start / 1440 = previous_end / 1440
                """, Self.range(month)) { row in
                let reader = RowReader(row, record: "consecutive visits")
                guard let before = GeoPoint(text: Substring(try reader.text(4, "previous location"))),
                      let after = GeoPoint(text: Substring(try reader.text(7, "location"))) else { return }
                visit(ConsecutiveVisits(institution: try reader.text(0, "institution"), caregiver: try reader.text(1, "caregiver"),
                                        previousLog: try reader.text(2, "previous log"), previousEnd: LocalMinute(minutes: try reader.integer(3, "previous end")),
                                        previousLocation: before, logID: try reader.text(5, "log_id"),
                                        start: LocalMinute(minutes: try reader.integer(6, "start")), location: after))
            }
        }
    }

    func caregiversAcrossInstitutions(month: YearMonth) throws -> [CrossInstitutionLog] {
        try Database.dialect.scanning(database) {
            try database.query("""
                WITH worked AS (
                    SELECT c.national_id AS nid, l.start / 1440 AS day, l.institution, l.caregiver, l.log_id
                    FROM \(Self.month) AS l CROSS JOIN caregivers c
                    WHERE c.institution = l.institution AND c.id = l.caregiver AND c.national_id IS NOT NULL
                ), both_days AS (
                    SELECT nid, day FROM worked GROUP BY nid, day HAVING COUNT(DISTINCT institution) > 1
                )
                SELECT w.nid, w.day, w.institution, w.caregiver, w.log_id FROM worked w JOIN both_days b ON b.nid = w.nid AND b.day = w.day
                ORDER BY w.nid, w.day, w.institution, w.log_id
                """, Self.range(month)) { row in
                let reader = RowReader(row, record: "caregiver across institutions")
                return CrossInstitutionLog(nationalID: try reader.text(0, "national_id"), day: CalendarDate(dayNumber: try reader.integer(1, "day")),
                                           institution: try reader.text(2, "institution"), caregiver: try reader.text(3, "caregiver"),
                                           logID: try reader.text(4, "log_id"))
            }
        }
    }

    func movedClients(month: YearMonth, ratioPercent: Int, minimumIncrease: Int) throws -> [MovedClient] {
        let monthly = """
            SELECT person, MIN(institution) AS first_institution, MAX(institution) AS last_institution, SUM("end" - start) AS minutes
            FROM \(Self.month) AS m GROUP BY person
            """
        return try Database.dialect.scanning(database) {
            try database.query("""
                SELECT cur.person, prev.first_institution, cur.first_institution, prev.minutes, cur.minutes
                FROM (\(monthly)) AS cur JOIN (\(monthly)) AS prev ON prev.person = cur.person
                WHERE cur.first_institution = cur.last_institution AND prev.first_institution = prev.last_institution
                  AND cur.first_institution <> prev.first_institution
                  AND cur.minutes * 100 >= prev.minutes * ? AND cur.minutes - prev.minutes >= ?
                ORDER BY cur.person
                """, Self.range(month) + Self.range(month.adding(months: -1)) + [.integer(ratioPercent), .integer(minimumIncrease)]) { row in
                let reader = RowReader(row, record: "moved client")
                return MovedClient(person: try reader.integer(0, "person"), before: try reader.text(1, "before"), after: try reader.text(2, "after"),
                                   minutesBefore: try reader.integer(3, "minutes before"), minutesAfter: try reader.integer(4, "minutes after"))
            }
        }
    }

    private static func stayService(_ row: Database.Row) throws -> StayService {
        let reader = RowReader(row, record: "service during a stay")
        return StayService(stay: try reader.integer(0, "stay"), person: try reader.integer(1, "person"), institution: try reader.text(2, "institution"),
                           logID: try reader.text(3, "log_id"), start: LocalMinute(minutes: try reader.integer(4, "start")),
                           settledMonth: reader.optionalText(5).flatMap(YearMonth.init))
    }

    func servicesDuringStays(month: YearMonth) throws -> [StayService] {
        // Stays reaching into the month, then each one's client's logs by the index of person and start.
        try database.query("""
            SELECT s.id, l.person, l.institution, l.log_id, l.start, l.settled_month
            FROM inpatient_stays s JOIN service_logs l ON l.person = s.person AND l.status = 'accepted'
                 AND l.start >= (s.admitted_day + 1) * 1440 AND l.start < s.discharged_day * 1440
            WHERE s.admitted_day < ?2 AND s.discharged_day > ?1 AND l.start >= ?3 AND l.start < ?4
            ORDER BY s.id, l.institution, l.log_id
            """, [.integer(month.firstDay.dayNumber), .integer(month.lastDay.dayNumber + 1)] + Self.range(month), row: Self.stayService)
    }

    func services(during stay: InpatientStay) throws -> [StayService] {
        try database.query("""
            SELECT CAST(? AS BIGINT), person, institution, log_id, start, settled_month FROM service_logs
            WHERE person = ? AND status = 'accepted' AND start >= ? AND start < ?
            ORDER BY institution, log_id
            """, [.integer(stay.id), .integer(stay.person), .integer((stay.admitted.dayNumber + 1) * 1440), .integer(stay.discharged.dayNumber * 1440)],
            row: Self.stayService)
    }

    func flagKeys(month: YearMonth) throws -> Set<String> {
        Set(try database.query("SELECT rule, subject FROM monitor_flags WHERE month = ?", [.text(month.description)]) { row in
            "\(row.text(0) ?? "") \(row.text(1) ?? "")"
        })
    }

    func insert(_ flag: MonitorFlag, items: [FlagItem]) throws -> Int {
        let id = try database.insertReturningID("""
            INSERT INTO monitor_flags (month, rule, subject, institution, status, document) VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(flag.month.description), .text(flag.rule.rawValue), .text(flag.subject), SQLValue(flag.institution),
                  .text(flag.status.rawValue), .text(JSONWriter.string(flag.json))])
        try database.insertRows(into: "monitor_flag_items", columns: ["flag_id", "seq", "kind", "ref"], count: items.count) { index, row in
            row.bind(1, id); row.bind(2, index + 1); row.bind(3, items[index].kind.rawValue); row.bind(4, items[index].reference)
        }
        return id
    }

    private static func flag(_ row: Database.Row) throws -> MonitorFlag {
        let reader = RowReader(row, record: "flag")
        let id = try reader.integer(0, "id")
        return try reader.document(1, key: String(id)) { MonitorFlag(json: $0, id: id) }
    }

    func flag(id: Int) throws -> MonitorFlag? {
        try database.query("SELECT id, document FROM monitor_flags WHERE id = ?", [.integer(id)], row: Self.flag).first
    }

    func update(_ flag: MonitorFlag) throws {
        try database.run("UPDATE monitor_flags SET status = ?, document = ? WHERE id = ?",
                         [.text(flag.status.rawValue), .text(JSONWriter.string(flag.json)), .integer(flag.id)])
    }

    func flags(_ filter: FlagFilter, page: PageRequest<Int>) throws -> Page<MonitorFlag, Int> {
        var conditions = ["id > ?"]
        var arguments: [SQLValue] = [.integer(page.after ?? 0)]
        if let month = filter.month { conditions.append("month = ?"); arguments.append(.text(month.description)) }
        if let rule = filter.rule { conditions.append("rule = ?"); arguments.append(.text(rule.rawValue)) }
        if let status = filter.status { conditions.append("status = ?"); arguments.append(.text(status.rawValue)) }
        if let institution = filter.institution { conditions.append("institution = ?"); arguments.append(.text(institution)) }
        let rows = try database.query("SELECT id, document FROM monitor_flags WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?",
                                      arguments + [.integer(page.limit + 1)], row: Self.flag)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func items(flag: Int, page: PageRequest<Int>) throws -> Page<FlagItem, Int> {
        let rows = try database.query("""
            SELECT seq, kind, ref FROM monitor_flag_items WHERE flag_id = ? AND seq > ? ORDER BY seq LIMIT ?
            """, [.integer(flag), .integer(page.after ?? 0), .integer(page.limit + 1)]) { row -> (Int, FlagItem) in
            let reader = RowReader(row, record: "flag item")
            let kind = try reader.value(1, "kind", FlagItem.Kind.init(rawValue:))
            return (try reader.integer(0, "seq"), FlagItem(kind, try reader.text(2, "ref")))
        }
        let page = Page(rows: rows, limit: page.limit, cursor: \.0)
        return Page(items: page.items.map(\.1), next: page.next)
    }

    func insert(_ stay: InpatientStay) throws -> (stay: InpatientStay, new: Bool) {
        let stored = try database.query("""
            SELECT id, discharged, recorded_on FROM inpatient_stays WHERE person = ? AND hospital = ? AND admitted = ?
            """, [.integer(stay.person), .text(stay.hospital), .text(stay.admitted.description)]) { row -> InpatientStay in
            let reader = RowReader(row, record: "stay")
            var found = stay
            found.id = try reader.integer(0, "id")
            found.discharged = try reader.value(1, "discharged", CalendarDate.init)
            found.recordedOn = try reader.value(2, "recorded_on", CalendarDate.init)
            return found
        }
        if let stored = stored.first { return (stored, false) }
        var new = stay
        new.id = try database.insertReturningID("""
            INSERT INTO inpatient_stays (person, hospital, admitted, discharged, admitted_day, discharged_day, recorded_on) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.integer(stay.person), .text(stay.hospital), .text(stay.admitted.description), .text(stay.discharged.description),
                  .integer(stay.admitted.dayNumber), .integer(stay.discharged.dayNumber), .text(stay.recordedOn.description)])
        return (new, true)
    }
}
