import LTCCore
import LTCProviders

/// Settled months in `settlements` (closed by triggers) and the adjustments
/// that later statements carry, in `settlement_adjustments`.
struct SQLSettlements<Database: SQLConnection>: SettlementRepository {
    let database: Database

    func settlement(month: YearMonth) throws -> SettlementRun? {
        try database.query("SELECT document FROM settlements WHERE month = ?", [.text(month.description)]) {
            try RowReader($0, record: "settlement").document(0, key: month.description, SettlementRun.init(json:))
        }.first
    }

    func settled(_ months: Set<YearMonth>) throws -> Set<YearMonth> {
        guard !months.isEmpty else { return [] }
        return Set(try database.query("SELECT month FROM settlements WHERE \(Database.dialect.textIn("month"))",
                                      [.list(months.map(\.description))]) {
            try RowReader($0, record: "settlement").value(0, "month", YearMonth.init)
        })
    }

    func insert(_ run: SettlementRun, eventSeq: Int?) throws {
        try database.run("INSERT INTO settlements (month, settled_on, document, event_seq) VALUES (?, ?, ?, ?)",
                         [.text(run.month.description), .text(run.settledOn.description), .text(JSONWriter.string(run.json)), SQLValue(eventSeq)])
    }

    func lastSettledEvent() throws -> Int? {
        try database.query("SELECT MAX(event_seq) FROM settlements") { $0.integer(0) }.first ?? nil
    }

    func keptDeductions(_ months: Set<YearMonth>) throws -> Set<YearMonth> {
        guard !months.isEmpty else { return [] }
        return Set(try database.query("SELECT month FROM settlements WHERE event_seq IS NOT NULL AND \(Database.dialect.textIn("month"))",
                                      [.list(months.map(\.description))]) {
            try RowReader($0, record: "settlement").value(0, "month", YearMonth.init)
        })
    }

    func deductions(caseID: Int, months: [YearMonth]) throws -> [YearMonth: Money] {
        try database.monthlySums(of: "subsidy_deductions", by: "month", caseID: caseID, months: months, record: "subsidy deductions of case \(caseID)")
    }

    func insert(_ deductions: [SubsidyDeduction]) throws {
        try database.runRows("""
            INSERT INTO subsidy_deductions (case_id, month, institution, amount, carried_by) VALUES (?, ?, ?, ?, ?)
            """, rows: deductions) { deduction, row in
            row.bind(1, deduction.caseID); row.bind(2, deduction.month.description); row.bind(3, deduction.institution)
            row.bind(4, deduction.amount.fen); row.bind(5, deduction.carriedBy.description)
        }
    }

    func openAdjustments() throws -> [SettlementAdjustment] {
        try database.query("""
            SELECT id, institution, log_id, service_month, amount, reason, settled_month, fund_change FROM settlement_adjustments
            WHERE settled_month IS NULL ORDER BY id
            """, row: Self.adjustment)
    }

    func adjustments(carriedBy month: YearMonth?, institution: String?, page: PageRequest<Int>) throws -> Page<SettlementAdjustment, Int> {
        let carried = month == nil ? "settled_month IS NULL AND CAST(?1 AS TEXT) IS NULL" : "settled_month = ?1"
        let rows = try database.query("""
            SELECT id, institution, log_id, service_month, amount, reason, settled_month, fund_change FROM settlement_adjustments
            WHERE \(carried) AND (CAST(?2 AS TEXT) IS NULL OR institution = ?2) AND id > ?3 ORDER BY id LIMIT ?4
            """, [SQLValue(month?.description), SQLValue(institution), .integer(page.after ?? 0), .integer(page.limit + 1)], row: Self.adjustment)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    private static func adjustment(_ row: Database.Row) throws -> SettlementAdjustment {
        let reader = RowReader(row, record: "adjustment \(row.integer(0) ?? 0)")
        return SettlementAdjustment(id: try reader.integer(0, "id"), institution: try reader.text(1, "institution"), logID: try reader.text(2, "log_id"),
                                    serviceMonth: try reader.value(3, "service_month", YearMonth.init),
                                    amount: Money(fen: try reader.integer(4, "amount")), reason: try reader.text(5, "reason"),
                                    settledMonth: row.text(6).flatMap(YearMonth.init), fundChange: row.integer(7).map(Money.init(fen:)))
    }

    func insert(_ adjustment: SettlementAdjustment) throws {
        try database.run("INSERT INTO settlement_adjustments (institution, log_id, service_month, amount, reason, fund_change) VALUES (?, ?, ?, ?, ?, ?)",
                         [.text(adjustment.institution), .text(adjustment.logID), .text(adjustment.serviceMonth.description),
                          .integer(adjustment.amount.fen), .text(adjustment.reason), SQLValue(adjustment.fundChange?.fen)])
    }

    func corrections(institution: String, month: YearMonth) throws -> Money {
        Money(fen: try database.query("""
            SELECT COALESCE(SUM(fund_change), 0) FROM settlement_adjustments
            WHERE service_month = ? AND institution = ? AND fund_change IS NOT NULL
            """, [.text(month.description), .text(institution)]) { $0.integer(0) ?? 0 }.first ?? 0)
    }

    func corrections(year: Int) throws -> [String: Money] {
        let months = (YearMonth(year: year, month: 1)!.description, YearMonth(year: year, month: 12)!.description)
        var changes: [String: Money] = [:]
        for (institution, fen) in try database.query("""
            SELECT institution, SUM(fund_change) FROM settlement_adjustments
            WHERE service_month >= ? AND service_month <= ? AND fund_change IS NOT NULL GROUP BY institution
            """, [.text(months.0), .text(months.1)], row: { row in
                let reader = RowReader(row, record: "corrections")
                return (try reader.text(0, "institution"), try reader.integer(1, "fund_change"))
            }) {
            changes[institution] = Money(fen: fen)
        }
        return changes
    }

    func carryOpenAdjustments(into month: YearMonth) throws {
        try database.run("UPDATE settlement_adjustments SET settled_month = ? WHERE settled_month IS NULL", [.text(month.description)])
    }

    func budgets(year: Int) throws -> [String: Money] {
        var budgets: [String: Money] = [:]
        for (institution, amount) in try database.query("SELECT institution, amount FROM budgets WHERE year = ?", [.integer(year)], row: { row in
            let reader = RowReader(row, record: "budget")
            return (try reader.text(0, "institution"), Money(fen: try reader.integer(1, "amount")))
        }) {
            budgets[institution] = amount
        }
        return budgets
    }

    func setBudget(institution: String, year: Int, amount: Money, on day: CalendarDate) throws {
        try database.run("DELETE FROM budgets WHERE institution = ? AND year = ?", [.text(institution), .integer(year)])
        try database.run("INSERT INTO budgets (institution, year, amount, set_on) VALUES (?, ?, ?, ?)",
                         [.text(institution), .integer(year), .integer(amount.fen), .text(day.description)])
    }
}
