import LTCCases
import LTCCore
import LTCProviders

/// Cash payees in `cash_payees`, runs in `cash_runs` and their lines in
/// `cash_payments` (closed by triggers once stored).
struct SQLCashPayments<Database: SQLConnection>: CashRepository {
    let database: Database

    static var payeeColumns: String { "case_id, kind, name, national_id, account, trained_on, registered_on" }

    static func payee(_ row: Database.Row) throws -> CashPayee {
        let reader = RowReader(row, record: "cash payee \(row.integer(0) ?? 0)")
        let nationalID = try row.text(3).map { text throws(StorageError) -> NationalID in
            guard let id = try? NationalID(text) else { throw StorageError.damaged("cash payee \(row.integer(0) ?? 0)", column: "national_id", value: text) }
            return id
        }
        return CashPayee(caseID: try reader.integer(0, "case_id"), kind: try reader.value(1, "kind", CashPayee.Kind.init(rawValue:)),
                         name: row.text(2), nationalID: nationalID, account: row.text(4), trainedOn: row.text(5).flatMap(CalendarDate.init),
                         registeredOn: try reader.value(6, "registered_on", CalendarDate.init))
    }

    func payee(caseID: Int) throws -> CashPayee? {
        try database.query("SELECT \(Self.payeeColumns) FROM cash_payees WHERE case_id = ?", [.integer(caseID)], row: Self.payee).first
    }

    func upsert(_ payee: CashPayee) throws {
        try database.run("DELETE FROM cash_payees WHERE case_id = ?", [.integer(payee.caseID)])
        try database.run("INSERT INTO cash_payees (\(Self.payeeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)", [
            .integer(payee.caseID), .text(payee.kind.rawValue), SQLValue(payee.name), SQLValue(payee.nationalID?.value),
            SQLValue(payee.account), SQLValue(payee.trainedOn?.description), .text(payee.registeredOn.description),
        ])
    }

    func payees(caseIDs: Set<Int>) throws -> [Int: CashPayee] {
        guard !caseIDs.isEmpty else { return [:] }
        let rows = try database.query("SELECT \(Self.payeeColumns) FROM cash_payees WHERE \(Database.dialect.integerIn("case_id"))",
                                      [.list(caseIDs)], row: Self.payee)
        return Dictionary(rows.map { ($0.caseID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func run(_ row: Database.Row) throws -> CashRun {
        let reader = RowReader(row, record: "cash run")
        return CashRun(month: try reader.value(0, "month", YearMonth.init), runOn: try reader.value(1, "run_on", CalendarDate.init),
                       eventSeq: try reader.integer(2, "event_seq"), payments: try reader.integer(3, "payments"),
                       total: Money(fen: try reader.integer(4, "total")))
    }

    func run(month: YearMonth) throws -> CashRun? {
        try database.query("SELECT month, run_on, event_seq, payments, total FROM cash_runs WHERE month = ?", [.text(month.description)],
                           row: Self.run).first
    }

    func latestRun() throws -> CashRun? {
        try database.query("SELECT month, run_on, event_seq, payments, total FROM cash_runs ORDER BY month DESC LIMIT 1", row: Self.run).first
    }

    func months(before month: YearMonth) throws -> [YearMonth] {
        try database.query("SELECT month FROM cash_runs WHERE month < ? ORDER BY month", [.text(month.description)]) {
            try RowReader($0, record: "cash run").value(0, "month", YearMonth.init)
        }
    }

    func insert(_ run: CashRun, payments: [CashPayment]) throws {
        try database.run("INSERT INTO cash_runs (month, run_on, event_seq, payments, total) VALUES (?, ?, ?, ?, ?)", [
            .text(run.month.description), .text(run.runOn.description), .integer(run.eventSeq), .integer(run.payments), .integer(run.total.fen),
        ])
        for payment in payments {
            try database.run("""
                INSERT INTO cash_payments (month, line, case_id, for_month, person_id, payee, account, cash, deducted, amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [
                    .text(payment.month.description), .integer(payment.line), .integer(payment.caseID), .text(payment.forMonth.description),
                    .integer(payment.personID), .text(payment.payee.rawValue), SQLValue(payment.account), .integer(payment.cash.fen),
                    .integer(payment.deducted.fen), .integer(payment.amount.fen),
                ])
        }
    }

    func paid(caseID: Int, for months: [YearMonth]) throws -> [YearMonth: Money] {
        try database.monthlySums(of: "cash_payments", by: "for_month", caseID: caseID, months: months, record: "cash payments of case \(caseID)")
    }

    func payments(month: YearMonth, caseID: Int?, page: PageRequest<Int>) throws -> Page<CashPayment, Int> {
        let rows = try database.query("""
            SELECT month, line, case_id, for_month, person_id, payee, account, cash, deducted, amount FROM cash_payments
            WHERE month = ? AND (CAST(? AS INTEGER) IS NULL OR case_id = ?) AND line > ? ORDER BY line LIMIT ?
            """, [.text(month.description), SQLValue(caseID), SQLValue(caseID), .integer(page.after ?? 0), .integer(page.limit + 1)]) { row in
            let reader = RowReader(row, record: "cash payment")
            return CashPayment(month: try reader.value(0, "month", YearMonth.init), line: try reader.integer(1, "line"),
                               caseID: try reader.integer(2, "case_id"), forMonth: try reader.value(3, "for_month", YearMonth.init),
                               personID: try reader.integer(4, "person_id"), payee: try reader.value(5, "payee", CashPayee.Kind.init(rawValue:)),
                               account: row.text(6), cash: Money(fen: try reader.integer(7, "cash")),
                               deducted: Money(fen: try reader.integer(8, "deducted")), amount: Money(fen: try reader.integer(9, "amount")))
        }
        return Page(rows: rows, limit: page.limit, cursor: \.line)
    }

    func casesChanged(after seq: Int) throws -> (cases: [Int], last: Int) {
        let last = try database.query("SELECT COALESCE(MAX(seq), 0) FROM events") { row in row.integer(0) ?? 0 }.first ?? 0
        let cases = try database.query("""
            SELECT DISTINCT CAST(substr(subject, 6) AS INTEGER) FROM events
            WHERE seq > ? AND seq <= ? AND outcome = 'done' AND subject LIKE 'case:%' ORDER BY 1
            """, [.integer(seq), .integer(last)]) { row in row.integer(0) ?? 0 }
        return (cases, last)
    }
}
