import LTCCore
import LTCProviders

/// The usage ledger in `usage_months`, `usage_weeks` and
/// `institution_months`: running totals upserted with each chunk of logs;
/// triggers refuse changes to a settled month's money.
struct SQLiteUsageLedger: UsageLedger {
    let database: SQLiteDatabase

    func use(of people: Set<Int>, in month: YearMonth) throws -> [Int: PersonUse] {
        guard !people.isEmpty else { return [:] }
        var uses: [Int: PersonUse] = [:]
        try database.query("""
            SELECT person, SUM(allowed) FROM usage_months WHERE person IN (SELECT value FROM json_each(?)) AND month = ? GROUP BY person
            """, [.list(people), .text(month.description)]) { row in
            let reader = RowReader(row, record: "usage of a month")
            uses[try reader.integer(0, "person"), default: PersonUse()].allowed = Money(fen: try reader.integer(1, "allowed"))
        }
        let weeks = Week.overlapping(month)
        try database.query("""
            SELECT person, week, minutes, visits FROM usage_weeks
            WHERE person IN (SELECT value FROM json_each(?)) AND week >= ? AND week <= ?
            """, [.list(people), .integer(weeks.lowerBound), .integer(weeks.upperBound)]) { row in
            let reader = RowReader(row, record: "usage of a week")
            uses[try reader.integer(0, "person"), default: PersonUse()].weeks[try reader.integer(1, "week")] =
                WeekUse(minutes: try reader.integer(2, "minutes"), visits: try reader.integer(3, "visits"))
        }
        return uses
    }

    func add(_ changes: UsageChanges) throws {
        try database.runRows("""
            INSERT INTO usage_months (person, month, grade, mode, logs, billed, allowed, fund) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (person, month, grade, mode) DO UPDATE SET logs = logs + excluded.logs, billed = billed + excluded.billed,
                allowed = allowed + excluded.allowed, fund = fund + excluded.fund
            """, rows: Array(changes.months)) { entry, row in
            row.bind(1, entry.key.person); row.bind(2, entry.key.month.description); row.bind(3, entry.key.grade); row.bind(4, entry.key.mode)
            row.bind(5, entry.value.logs); row.bind(6, entry.value.billed.fen); row.bind(7, entry.value.allowed.fen); row.bind(8, entry.value.fund.fen)
        }
        try database.runRows("""
            INSERT INTO usage_weeks (person, week, minutes, visits) VALUES (?, ?, ?, ?)
            ON CONFLICT (person, week) DO UPDATE SET minutes = minutes + excluded.minutes, visits = visits + excluded.visits
            """, rows: Array(changes.weeks)) { entry, row in
            row.bind(1, entry.key.person); row.bind(2, entry.key.week); row.bind(3, entry.value.minutes); row.bind(4, entry.value.visits)
        }
        // Receipts only where no money moves: a settled month's money columns stay untouched.
        let (paid, receipts) = changes.institutions.reduce(into: ([(UsageChanges.InstitutionKey, UsageChanges.InstitutionAmounts)](),
                                                                  [(UsageChanges.InstitutionKey, UsageChanges.InstitutionAmounts)]())) { split, entry in
            let moves = entry.value.logs != 0 || entry.value.billed != .zero || entry.value.allowed != .zero || entry.value.fund != .zero
            if moves { split.0.append(entry) } else { split.1.append(entry) }
        }
        try database.runRows("""
            INSERT INTO institution_months (month, institution, received, rejected, logs, billed, allowed, fund) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (month, institution) DO UPDATE SET received = received + excluded.received, rejected = rejected + excluded.rejected,
                logs = logs + excluded.logs, billed = billed + excluded.billed, allowed = allowed + excluded.allowed, fund = fund + excluded.fund
            """, rows: paid) { entry, row in
            row.bind(1, entry.0.month.description); row.bind(2, entry.0.institution); row.bind(3, entry.1.received); row.bind(4, entry.1.rejected)
            row.bind(5, entry.1.logs); row.bind(6, entry.1.billed.fen); row.bind(7, entry.1.allowed.fen); row.bind(8, entry.1.fund.fen)
        }
        try database.runRows("""
            INSERT INTO institution_months (month, institution, received, rejected, logs, billed, allowed, fund) VALUES (?, ?, ?, ?, 0, 0, 0, 0)
            ON CONFLICT (month, institution) DO UPDATE SET received = received + excluded.received, rejected = rejected + excluded.rejected
            """, rows: receipts) { entry, row in
            row.bind(1, entry.0.month.description); row.bind(2, entry.0.institution); row.bind(3, entry.1.received); row.bind(4, entry.1.rejected)
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

    func receipts(month: YearMonth) throws -> [Receipts] {
        try database.query("SELECT institution, received, rejected FROM institution_months WHERE month = ? ORDER BY institution",
                           [.text(month.description)]) { row in
            let reader = RowReader(row, record: "institution month")
            return Receipts(institution: try reader.text(0, "institution"), received: try reader.integer(1, "received"),
                            rejected: try reader.integer(2, "rejected"))
        }
    }
}
