import LTCCore
import LTCProviders

/// The usage ledger: weeks in `person_weeks` and `caregiver_weeks` (the busy
/// times a blob, ``BusyCodec``), written whole; money, minutes, visits and
/// receipts in `usage_months` and `institution_months`, added to with each
/// chunk of logs; triggers refuse changes to a settled month's money.
struct SQLUsageLedger<Database: SQLConnection>: UsageLedger {
    let database: Database

    /// The columns of a person's week that hold each day's allowed amount, Monday first.
    static var dayColumns: String { (1...7).map { "allowed_\($0)" }.joined(separator: ", ") }

    /// Transaction advisory locks on the keys' hashes (`hashtextextended`,
    /// as a settlement's month lock: ``PostgresStore``), taken in the order
    /// given, in one statement; none on SQLite, whose writes run one at a time.
    func lock(_ locks: [LedgerLock]) throws {
        guard Database.dialect.locksLedger, !locks.isEmpty else { return }
        let list = JSONWriter.string(.array(locks.map { .array([.string($0.key), .string($0.shared ? "s" : "x")]) }))
        try database.query("""
            SELECT CASE WHEN l.shared THEN pg_advisory_xact_lock_shared(hashtextextended(l.key, 0))
                        ELSE pg_advisory_xact_lock(hashtextextended(l.key, 0)) END
            FROM (SELECT e ->> 0 AS key, (e ->> 1) = 's' AS shared, n
                  FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS t(e, n) ORDER BY n OFFSET 0) l
            """, [.text(list)]) { _ in () }
    }

    func allowed(people: Set<Int>, month: YearMonth) throws -> [Int: Money] {
        guard !people.isEmpty else { return [:] }
        var allowed: [Int: Money] = [:]
        try database.query("""
            SELECT person, SUM(allowed) FROM usage_months WHERE \(Database.dialect.integerIn("person")) AND \(Database.dialect.keyedText("month")) = ? GROUP BY person
            """, [.list(people), .text(month.description)]) { row in
            let reader = RowReader(row, record: "usage of \(month)")
            allowed[try reader.integer(0, "person")] = Money(fen: try reader.integer(1, "allowed"))
        }
        return allowed
    }

    func use(people: Set<Int>, month: YearMonth) throws -> [Int: MonthUse] {
        guard !people.isEmpty else { return [:] }
        var use: [Int: MonthUse] = [:]
        try database.query("""
            SELECT person, SUM(allowed), SUM(minutes), SUM(visits) FROM usage_months
            WHERE \(Database.dialect.integerIn("person")) AND \(Database.dialect.keyedText("month")) = ? GROUP BY person
            """, [.list(people), .text(month.description)]) { row in
            let reader = RowReader(row, record: "usage of \(month)")
            use[try reader.integer(0, "person")] = MonthUse(allowed: Money(fen: try reader.integer(1, "allowed")),
                                                            minutes: try reader.integer(2, "minutes"), visits: try reader.integer(3, "visits"))
        }
        return use
    }

    func fund(people: Set<Int>, month: YearMonth) throws -> [Int: Money] {
        guard !people.isEmpty else { return [:] }
        var fund: [Int: Money] = [:]
        try database.query("""
            SELECT person, SUM(fund) FROM usage_months WHERE \(Database.dialect.integerIn("person")) AND \(Database.dialect.keyedText("month")) = ? GROUP BY person
            """, [.list(people), .text(month.description)]) { row in
            let reader = RowReader(row, record: "usage of \(month)")
            fund[try reader.integer(0, "person")] = Money(fen: try reader.integer(1, "fund"))
        }
        return fund
    }

    func weeks(people: Set<Int>, weeks: Set<Int>) throws -> [PersonWeek] {
        guard !people.isEmpty else { return [] }
        return try database.query("""
            SELECT person, week, minutes, visits, busy, \(Self.dayColumns) FROM person_weeks
            WHERE \(Database.dialect.integerIn("person")) AND \(Database.dialect.integerIn("week"))
            """, [.list(people), .list(weeks)], row: Self.personWeek)
    }

    func weeks(person: Int, from week: Int) throws -> [PersonWeek] {
        try database.query("""
            SELECT person, week, minutes, visits, busy, \(Self.dayColumns) FROM person_weeks WHERE person = ? AND week >= ? ORDER BY week
            """, [.integer(person), .integer(week)], row: Self.personWeek)
    }

    private static func personWeek(_ row: Database.Row) throws -> PersonWeek {
        let reader = RowReader(row, record: "person week")
        let person = try reader.integer(0, "person"), week = try reader.integer(1, "week")
        let record = "week \(week) of person \(person)"
        let busy = try row.withBlob(4) { bytes throws(StorageError) in try BusyCodec.decode(bytes, of: .person(person), record: record) }
        let allowed = try (0..<7).map { day in Money(fen: try reader.integer(5 + day, "allowed_\(day + 1)")) }
        return PersonWeek(person: person, week: week, minutes: try reader.integer(2, "minutes"), visits: try reader.integer(3, "visits"),
                          allowed: allowed, busy: busy ?? [])
    }

    func weeks(caregivers: Set<CaregiverKey>, weeks: Set<Int>) throws -> [CaregiverWeek] {
        guard !caregivers.isEmpty else { return [] }
        return try database.query("""
            SELECT institution, caregiver, week, busy FROM caregiver_weeks
            WHERE \(Database.dialect.pairIn("institution", "caregiver", "?1")) AND \(Database.dialect.integerIn("week", "?2"))
            """, [.list(caregivers), .list(weeks)]) { row in
            let reader = RowReader(row, record: "caregiver week")
            let key = CaregiverKey(institution: try reader.text(0, "institution"), caregiver: try reader.text(1, "caregiver"))
            let week = try reader.integer(2, "week")
            let busy = try row.withBlob(3) { bytes throws(StorageError) in
                try BusyCodec.decode(bytes, of: .caregiver(key), record: "week \(week) of caregiver \(key)")
            }
            return CaregiverWeek(caregiver: key, week: week, busy: busy ?? [])
        }
    }

    /// Weeks are written whole; an emptied week is deleted. One statement
    /// per table on PostgreSQL, a prepared one per row on SQLite
    /// (``SQLConnection/upsertRows(into:columns:conflict:count:bind:)``).
    func save(_ weeks: [PersonWeek], _ caregiverWeeks: [CaregiverWeek]) throws {
        let (kept, emptied) = (weeks.filter { !$0.isEmpty }, weeks.filter(\.isEmpty))
        let days = (1...7).map { "allowed_\($0)" }
        try database.upsertRows(into: "person_weeks", columns: ["person", "week", "minutes", "visits", "busy"] + days, conflict: """
            (person, week) DO UPDATE SET minutes = excluded.minutes, visits = excluded.visits, busy = excluded.busy, \
            \(days.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """, count: kept.count) { index, row in
            let week = kept[index]
            row.bind(1, week.person); row.bind(2, week.week); row.bind(3, week.minutes); row.bind(4, week.visits)
            row.bind(5, BusyCodec.encode(week.busy, of: .person(week.person)))
            for day in 0..<7 { row.bind(Int32(6 + day), week.allowed[day].fen) }
        }
        try database.deleteRows(from: "person_weeks", keys: ["person", "week"], count: emptied.count) { index, row in
            row.bind(1, emptied[index].person); row.bind(2, emptied[index].week)
        }
        let (busy, idle) = (caregiverWeeks.filter { !$0.busy.isEmpty }, caregiverWeeks.filter(\.busy.isEmpty))
        try database.upsertRows(into: "caregiver_weeks", columns: ["institution", "caregiver", "week", "busy"],
                                conflict: "(institution, caregiver, week) DO UPDATE SET busy = excluded.busy", count: busy.count) { index, row in
            let week = busy[index]
            row.bind(1, week.caregiver.institution); row.bind(2, week.caregiver.caregiver); row.bind(3, week.week)
            row.bind(4, BusyCodec.encode(week.busy, of: .caregiver(week.caregiver)))
        }
        try database.deleteRows(from: "caregiver_weeks", keys: ["institution", "caregiver", "week"], count: idle.count) { index, row in
            row.bind(1, idle[index].caregiver.institution); row.bind(2, idle[index].caregiver.caregiver); row.bind(3, idle[index].week)
        }
    }

    /// Money, logs and receipts are added to what is stored.
    func add(_ changes: UsageChanges) throws {
        let months = Array(changes.months)
        try database.upsertRows(into: "usage_months", columns: ["person", "month", "grade", "mode", "logs", "billed", "allowed", "fund", "minutes", "visits"],
                                conflict: """
            (person, month, grade, mode) DO UPDATE SET logs = usage_months.logs + excluded.logs, billed = usage_months.billed + excluded.billed, \
            allowed = usage_months.allowed + excluded.allowed, fund = usage_months.fund + excluded.fund, minutes = usage_months.minutes + excluded.minutes, \
            visits = usage_months.visits + excluded.visits
            """, count: months.count) { index, row in
            let (key, amounts) = months[index]
            row.bind(1, key.person); row.bind(2, key.month.description); row.bind(3, key.grade); row.bind(4, key.mode)
            row.bind(5, amounts.logs); row.bind(6, amounts.billed.fen); row.bind(7, amounts.allowed.fen); row.bind(8, amounts.fund.fen)
            row.bind(9, amounts.minutes); row.bind(10, amounts.visits)
        }
        // Receipts only where no money moves: a settled month's money columns stay untouched (its trigger refuses them).
        let (paid, receipts) = changes.institutions.reduce(into: ([(UsageChanges.InstitutionKey, UsageChanges.InstitutionAmounts)](),
                                                                  [(UsageChanges.InstitutionKey, UsageChanges.InstitutionAmounts)]())) { split, entry in
            let moves = entry.value.logs != 0 || entry.value.billed != .zero || entry.value.allowed != .zero || entry.value.fund != .zero
            if moves { split.0.append((entry.key, entry.value)) } else { split.1.append((entry.key, entry.value)) }
        }
        let columns = ["month", "institution", "received", "rejected", "logs", "billed", "allowed", "fund"]
        let receiptsAdded = "(month, institution) DO UPDATE SET received = institution_months.received + excluded.received, rejected = institution_months.rejected + excluded.rejected"
        try database.upsertRows(into: "institution_months", columns: columns, conflict: receiptsAdded + """
            , logs = institution_months.logs + excluded.logs, billed = institution_months.billed + excluded.billed, allowed = institution_months.allowed + excluded.allowed, fund = institution_months.fund + excluded.fund
            """, count: paid.count) { index, row in
            let (key, amounts) = paid[index]
            row.bind(1, key.month.description); row.bind(2, key.institution); row.bind(3, amounts.received); row.bind(4, amounts.rejected)
            row.bind(5, amounts.logs); row.bind(6, amounts.billed.fen); row.bind(7, amounts.allowed.fen); row.bind(8, amounts.fund.fen)
        }
        try database.upsertRows(into: "institution_months", columns: columns, conflict: receiptsAdded, count: receipts.count) { index, row in
            let (key, amounts) = receipts[index]
            row.bind(1, key.month.description); row.bind(2, key.institution); row.bind(3, amounts.received); row.bind(4, amounts.rejected)
            row.bind(5, 0); row.bind(6, 0); row.bind(7, 0); row.bind(8, 0)
        }
    }

    func statementTotals(month: YearMonth) throws -> [Statement] {
        try database.query("""
            SELECT institution, logs, billed, allowed, fund FROM institution_months WHERE month = ? AND logs != 0 ORDER BY institution
            """, [.text(month.description)]) { row in
            let reader = RowReader(row, record: "institution month")
            let billed = Money(fen: try reader.integer(2, "billed")), allowed = Money(fen: try reader.integer(3, "allowed"))
            let fund = Money(fen: try reader.integer(4, "fund"))
            return Statement(institution: try reader.text(0, "institution"), logs: try reader.integer(1, "logs"), billed: billed, allowed: allowed,
                             fund: fund, personal: allowed - fund, overCap: billed - allowed)
        }
    }

    func fundUse(month: YearMonth) throws -> [FundUse] {
        try database.query("""
            SELECT grade, mode, SUM(logs), SUM(allowed), SUM(fund) FROM usage_months WHERE month = ? GROUP BY grade, mode HAVING SUM(logs) != 0
            ORDER BY grade, mode
            """, [.text(month.description)]) { row in
            let reader = RowReader(row, record: "usage of a month")
            return FundUse(grade: try reader.integer(0, "grade"), mode: try reader.text(1, "mode"), logs: try reader.integer(2, "logs"),
                           allowed: Money(fen: try reader.integer(3, "allowed")), fund: Money(fen: try reader.integer(4, "fund")))
        }
    }

    func fundUseAway(month: YearMonth) throws -> [(region: String, use: FundUse)] {
        try database.query("""
            SELECT c.residence, SUM(u.logs), SUM(u.allowed), SUM(u.fund) FROM usage_months u
            JOIN cases c ON c.person_id = u.person AND c.residence IS NOT NULL
                AND c.id = (SELECT MAX(newest.id) FROM cases newest WHERE newest.person_id = c.person_id)
            WHERE u.month = ? GROUP BY c.residence HAVING SUM(u.logs) != 0 ORDER BY c.residence
            """, [.text(month.description)]) { row in
            let reader = RowReader(row, record: "usage of a month away")
            return (try reader.text(0, "residence"), FundUse(grade: 0, mode: "", logs: try reader.integer(1, "logs"),
                                                             allowed: Money(fen: try reader.integer(2, "allowed")), fund: Money(fen: try reader.integer(3, "fund"))))
        }
    }

    func receipts(month: YearMonth) throws -> [Receipts] {
        try database.query("SELECT institution, received, rejected FROM institution_months WHERE month = ? ORDER BY institution",
                           [.text(month.description)]) { row in
            let reader = RowReader(row, record: "institution month")
            return Receipts(institution: try reader.text(0, "institution"), received: try reader.integer(1, "received"),
                            rejected: try reader.integer(2, "rejected"))
        }
    }
}
