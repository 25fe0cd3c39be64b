import LTCCore
import LTCProviders

/// Penalty notices (a JSON document each, updated by the statement and the
/// decision), self-reports (kept as made) and the fund's income (kept as
/// recorded), in the tables of ``EnforcementMigration``.
struct SQLEnforcement<Database: SQLConnection>: EnforcementRepository {
    let database: Database

    private static func notice(_ row: Database.Row) throws -> PenaltyNotice {
        let id = try RowReader(row, record: "penalty notice").integer(0, "id")
        var notice = try RowReader(row, record: "penalty notice").document(1, key: String(id), PenaltyNotice.init(json:))
        notice.id = id
        return notice
    }

    func insert(_ notice: PenaltyNotice) throws -> Int {
        try database.insertReturningID("INSERT INTO penalty_notices (institution, document) VALUES (?, ?)",
                                       [.text(notice.institution), .text(JSONWriter.string(notice.json))])
    }

    func update(_ notice: PenaltyNotice) throws {
        try database.run("UPDATE penalty_notices SET document = ? WHERE id = ?", [.text(JSONWriter.string(notice.json)), .integer(notice.id)])
    }

    func notice(id: Int) throws -> PenaltyNotice? {
        try database.query("SELECT id, document FROM penalty_notices WHERE id = ?", [.integer(id)], row: Self.notice).first
    }

    func notices(institution: String?, page: PageRequest<Int>) throws -> Page<PenaltyNotice, Int> {
        let rows = try database.query("""
            SELECT id, document FROM penalty_notices WHERE (CAST(?1 AS TEXT) IS NULL OR institution = ?1) AND id > ?2 ORDER BY id LIMIT ?3
            """, [SQLValue(institution), .integer(page.after ?? 0), .integer(page.limit + 1)], row: Self.notice)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    private static func selfReport(_ row: Database.Row) throws -> SelfReport {
        let id = try RowReader(row, record: "self-report").integer(0, "id")
        var report = try RowReader(row, record: "self-report").document(1, key: String(id), SelfReport.init(json:))
        report.id = id
        return report
    }

    func insert(_ report: SelfReport) throws -> Int {
        try database.insertReturningID("INSERT INTO self_reports (institution, reported_on, document) VALUES (?, ?, ?)",
                                       [.text(report.institution), .text(report.reportedOn.description), .text(JSONWriter.string(report.json))])
    }

    func selfReports(institution: String) throws -> [SelfReport] {
        try database.query("SELECT id, document FROM self_reports WHERE institution = ? ORDER BY id", [.text(institution)], row: Self.selfReport)
    }

    func insert(_ income: FundIncome) throws -> Int {
        try database.insertReturningID("""
            INSERT INTO fund_income (month, source, amount, note, recorded_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(income.month.description), .text(income.source.rawValue), .integer(income.amount.fen), .text(income.note),
                  .text(income.recordedOn.description), .text(income.recordedBy)])
    }

    func incomeTotals(through month: YearMonth) throws -> [(month: YearMonth, source: FundIncomeSource, amount: Money)] {
        try database.query("""
            SELECT month, source, CAST(SUM(amount) AS BIGINT) FROM fund_income WHERE month <= ? GROUP BY month, source ORDER BY month, source
            """, [.text(month.description)]) { row in
            let reader = RowReader(row, record: "fund income")
            return (month: try reader.value(0, "month", YearMonth.init), source: try reader.value(1, "source", FundIncomeSource.init(rawValue:)),
                    amount: Money(fen: try reader.integer(2, "amount")))
        }
    }
}
