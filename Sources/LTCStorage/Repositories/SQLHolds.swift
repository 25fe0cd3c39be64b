import LTCCore
import LTCProviders

/// Decisions on settled statements' withheld shares and budget holds, in
/// `hold_decisions` (kept as decided by triggers; one closing decision per
/// statement's hold by a unique index), and the years' budget closes, in
/// `budget_closes` (one per year, closed by triggers).
struct SQLHolds<Database: SQLConnection>: HoldRepository {
    let database: Database

    func decisions(institution: String?, months: ClosedRange<YearMonth>) throws -> [HoldDecision] {
        try database.query("""
            SELECT id, institution, month, kind, cause, decided_by, decided_on, released, kept, closing FROM hold_decisions
            WHERE month >= ?1 AND month <= ?2 AND (CAST(?3 AS TEXT) IS NULL OR institution = ?3) ORDER BY id
            """, [.text(months.lowerBound.description), .text(months.upperBound.description), SQLValue(institution)]) { row in
            let reader = RowReader(row, record: "hold decision \(row.integer(0) ?? 0)")
            return HoldDecision(id: try reader.integer(0, "id"), institution: try reader.text(1, "institution"),
                                month: try reader.value(2, "month", YearMonth.init),
                                kind: try reader.value(3, "kind", HoldDecision.Kind.init(rawValue:)),
                                cause: try reader.value(4, "cause", HoldDecision.Cause.init(rawValue:)),
                                decidedBy: try reader.text(5, "decided_by"), decidedOn: try reader.value(6, "decided_on", CalendarDate.init),
                                released: Money(fen: try reader.integer(7, "released")), kept: Money(fen: try reader.integer(8, "kept")),
                                closing: try reader.integer(9, "closing") == 1)
        }
    }

    @discardableResult
    func insert(_ decision: HoldDecision) throws -> Int {
        try database.insertReturningID("""
            INSERT INTO hold_decisions (institution, month, kind, cause, decided_by, decided_on, released, kept, closing)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(decision.institution), .text(decision.month.description), .text(decision.kind.rawValue), .text(decision.cause.rawValue),
                  .text(decision.decidedBy), .text(decision.decidedOn.description), .integer(decision.released.fen), .integer(decision.kept.fen),
                  .integer(decision.closing ? 1 : 0)])
    }

    func budgetClose(year: Int) throws -> BudgetClose? {
        try database.query("SELECT document FROM budget_closes WHERE year = ?", [.integer(year)]) {
            try RowReader($0, record: "budget close").document(0, key: String(year), BudgetClose.init(json:))
        }.first
    }

    func insert(_ close: BudgetClose) throws {
        try database.run("INSERT INTO budget_closes (year, closed_on, document) VALUES (?, ?, ?)",
                         [.integer(close.year), .text(close.closedOn.description), .text(JSONWriter.string(close.json))])
    }
}
