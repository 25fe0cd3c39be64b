import LTCCore

extension SQLConnection {
    /// One case's amounts in `table` summed by month (`monthColumn`), for
    /// `months`: what its statements took off, or its cash runs paid, for each.
    func monthlySums(of table: String, by monthColumn: String, caseID: Int, months: [YearMonth], record: String) throws -> [YearMonth: Money] {
        guard !months.isEmpty else { return [:] }
        let sums = try query("""
            SELECT \(monthColumn), SUM(amount) FROM \(table) WHERE case_id = ? AND \(Self.dialect.textIn(monthColumn)) GROUP BY \(monthColumn)
            """, [.integer(caseID), .list(months.map(\.description))]) { row throws -> (YearMonth, Money) in
            let reader = RowReader(row, record: record)
            return (try reader.value(0, monthColumn, YearMonth.init), Money(fen: try reader.integer(1, "amount")))
        }
        return Dictionary(uniqueKeysWithValues: sums)
    }
}
