import LTCCases
import LTCCore
import LTCProviders

/// Bars on people in the `bars` table, found by national ID.
struct SQLBars<Database: SQLConnection>: BarRepository {
    let database: Database

    private static func bar(_ row: Database.Row) throws -> PersonBar {
        let id = try RowReader(row, record: "bar").integer(0, "id")
        return try RowReader(row, record: "bar").document(1, key: String(id)) { PersonBar(document: $0, id: id) }
    }

    func insert(_ bar: PersonBar) throws -> Int {
        try database.insertReturningID("INSERT INTO bars (national_id, document) VALUES (?, ?)",
                                       [.text(bar.nationalID.value), .text(JSONWriter.string(bar.document))])
    }

    func bars(nationalID: NationalID) throws -> [PersonBar] {
        try database.query("SELECT id, document FROM bars WHERE national_id = ? ORDER BY id", [.text(nationalID.value)], row: Self.bar)
    }

    func list(page: PageRequest<Int>) throws -> Page<PersonBar, Int> {
        let rows = try database.query("SELECT id, document FROM bars WHERE id > ? ORDER BY id LIMIT ?",
                                      [.integer(page.after ?? 0), .integer(page.limit + 1)], row: Self.bar)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }
}
