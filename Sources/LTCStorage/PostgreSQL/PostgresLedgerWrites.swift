import LTCCore
import LTCProviders

/// The usage ledger's writes on PostgreSQL, set-based: each table's rows of
/// a chunk go in one `INSERT … SELECT … ON CONFLICT` (or one `DELETE …
/// USING`), by COPY through a temporary table when they are many and as
/// one JSON argument when few (``PostgresConnection/upsertRows(into:columns:conflict:count:bind:)``),
/// not a statement per row (issue 32: the per-row upserts were a quarter of
/// a bulk submission's time on the server). What is written is what
/// ``SQLUsageLedger`` writes on SQLite: weeks whole, money and receipts added.
enum PostgresLedgerWrites {
    static let dayColumns = (1...7).map { "allowed_\($0)" }

    static func save(_ weeks: [PersonWeek], _ caregiverWeeks: [CaregiverWeek], on database: PostgresConnection) throws {
        let (kept, emptied) = (weeks.filter { !$0.isEmpty }, weeks.filter(\.isEmpty))
        try database.upsertRows(into: "person_weeks", columns: ["person", "week", "minutes", "visits", "busy"] + dayColumns, conflict: """
            (person, week) DO UPDATE SET minutes = excluded.minutes, visits = excluded.visits, busy = excluded.busy, \
            \(dayColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """, count: kept.count) { index, row in
            let week = kept[index]
            row.bind(1, week.person); row.bind(2, week.week); row.bind(3, week.minutes); row.bind(4, week.visits)
            row.bind(5, BusyCodec.encode(week.busy, of: .person(week.person)))
            for day in 0..<7 { row.bind(Int32(6 + day), week.allowed[day].fen) }
        }
        try database.withRowSet(columns: ["person", "week"], count: emptied.count, bind: { index, row in
            row.bind(1, emptied[index].person); row.bind(2, emptied[index].week)
        }) { rows throws(StorageError) in
            try database.run("""
                DELETE FROM person_weeks w USING jsonb_populate_recordset(NULL::person_weeks, CAST(? AS jsonb)) gone
                WHERE w.person = gone.person AND w.week = gone.week
                """, [.text(rows)])
        }
        let (busy, idle) = (caregiverWeeks.filter { !$0.busy.isEmpty }, caregiverWeeks.filter(\.busy.isEmpty))
        try database.upsertRows(into: "caregiver_weeks", columns: ["institution", "caregiver", "week", "busy"],
                                conflict: "(institution, caregiver, week) DO UPDATE SET busy = excluded.busy", count: busy.count) { index, row in
            let week = busy[index]
            row.bind(1, week.caregiver.institution); row.bind(2, week.caregiver.caregiver); row.bind(3, week.week)
            row.bind(4, BusyCodec.encode(week.busy, of: .caregiver(week.caregiver)))
        }
        try database.withRowSet(columns: ["institution", "caregiver", "week"], count: idle.count, bind: { index, row in
            row.bind(1, idle[index].caregiver.institution); row.bind(2, idle[index].caregiver.caregiver); row.bind(3, idle[index].week)
        }) { rows throws(StorageError) in
            try database.run("""
                DELETE FROM caregiver_weeks w USING jsonb_populate_recordset(NULL::caregiver_weeks, CAST(? AS jsonb)) gone
                WHERE w.institution = gone.institution AND w.caregiver = gone.caregiver AND w.week = gone.week
                """, [.text(rows)])
        }
    }

    static func add(_ changes: UsageChanges, on database: PostgresConnection) throws {
        let months = Array(changes.months)
        try database.upsertRows(into: "usage_months", columns: ["person", "month", "grade", "mode", "logs", "billed", "allowed", "fund", "minutes", "visits"],
                                conflict: """
            (person, month, grade, mode) DO UPDATE SET logs = t.logs + excluded.logs, billed = t.billed + excluded.billed, \
            allowed = t.allowed + excluded.allowed, fund = t.fund + excluded.fund, minutes = t.minutes + excluded.minutes, \
            visits = t.visits + excluded.visits
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
        try database.upsertRows(into: "institution_months", columns: columns, conflict: """
            (month, institution) DO UPDATE SET received = t.received + excluded.received, rejected = t.rejected + excluded.rejected, \
            logs = t.logs + excluded.logs, billed = t.billed + excluded.billed, allowed = t.allowed + excluded.allowed, fund = t.fund + excluded.fund
            """, count: paid.count) { index, row in
            let (key, amounts) = paid[index]
            row.bind(1, key.month.description); row.bind(2, key.institution); row.bind(3, amounts.received); row.bind(4, amounts.rejected)
            row.bind(5, amounts.logs); row.bind(6, amounts.billed.fen); row.bind(7, amounts.allowed.fen); row.bind(8, amounts.fund.fen)
        }
        try database.upsertRows(into: "institution_months", columns: columns, conflict: """
            (month, institution) DO UPDATE SET received = t.received + excluded.received, rejected = t.rejected + excluded.rejected
            """, count: receipts.count) { index, row in
            let (key, amounts) = receipts[index]
            row.bind(1, key.month.description); row.bind(2, key.institution); row.bind(3, amounts.received); row.bind(4, amounts.rejected)
            row.bind(5, 0); row.bind(6, 0); row.bind(7, 0); row.bind(8, 0)
        }
    }
}
