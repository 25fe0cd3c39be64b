import LTCCases
import LTCCore

/// The staff registry in the `staff` table.
struct SQLStaff<Database: SQLConnection>: StaffRepository {
    let database: Database

    private static func member(_ row: Database.Row) throws -> StaffMember {
        let reader = RowReader(row, record: "staff member")
        let id = try reader.text(0, "id")
        let record = RowReader(row, record: "staff member \(id)")
        return StaffMember(id: id, role: try record.value(1, "role", StaffMember.Role.init(rawValue:)), name: record.optionalText(2),
                           addedOn: try record.value(3, "added_on") { CalendarDate($0) })
    }

    func member(id: String) throws -> StaffMember? {
        try database.query("SELECT id, role, name, added_on FROM staff WHERE id = ?", [.text(id)], row: Self.member).first
    }

    func isEmpty() throws -> Bool {
        try database.query("SELECT 1 FROM staff LIMIT 1", [], row: { _ in true }).isEmpty
    }

    func list(page: PageRequest<String>) throws -> Page<StaffMember, String> {
        let rows = try database.query("SELECT id, role, name, added_on FROM staff WHERE id > ? ORDER BY id LIMIT ?",
                                      [.text(page.after ?? ""), .integer(page.limit + 1)], row: Self.member)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ member: StaffMember) throws {
        try database.run("INSERT INTO staff (id, role, name, added_on) VALUES (?, ?, ?, ?)",
                         [.text(member.id), .text(member.role.rawValue), SQLValue(member.name), .text(member.addedOn.description)])
    }
}
