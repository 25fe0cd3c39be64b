import LTCCases
import LTCCore
import LTCSchemes

/// Insured people in the `people` table.
struct SQLPeople<Database: SQLConnection>: PersonRepository {
    let database: Database

    static var columns: String { "id, national_id, name, insurance, enrolled_on, status, tier" }

    static func person(_ row: Database.Row) throws -> InsuredPerson {
        let reader = RowReader(row, record: "person")
        let id = try reader.integer(0, "id")
        let record = RowReader(row, record: "person \(id)")
        let number = try record.text(1, "national_id")
        guard let nationalID = try? NationalID(number) else { throw StorageError.damaged("person \(id)", column: "national_id", value: number) }
        var person = InsuredPerson(id: id, name: try record.text(2, "name"), nationalID: nationalID,
                                   insurance: try record.value(3, "insurance", InsuranceType.init(rawValue:)),
                                   enrolledOn: try record.value(4, "enrolled_on", CalendarDate.init),
                                   status: try record.value(5, "status", InsuredPerson.Status.init(rawValue:)))
        person.tier = row.integer(6)
        return person
    }

    func person(id: Int) throws -> InsuredPerson? {
        try database.query("SELECT \(Self.columns) FROM people WHERE id = ?", [.integer(id)], row: Self.person).first
    }

    func person(nationalID: NationalID) throws -> InsuredPerson? {
        try database.query("SELECT \(Self.columns) FROM people WHERE national_id = ?", [.text(nationalID.value)], row: Self.person).first
    }

    func registered(_ nationalIDs: [NationalID]) throws -> Set<NationalID> {
        guard !nationalIDs.isEmpty else { return [] }
        let found = Set(try database.query("SELECT national_id FROM people WHERE \(Database.dialect.textIn("national_id"))",
                                           [.list(nationalIDs.map(\.value))]) { $0.text(0) })
        return Set(nationalIDs.filter { found.contains($0.value) })
    }

    func list(scope: CaseScope, page: PageRequest<Int>) throws -> Page<InsuredPerson, Int> {
        let after = SQLValue.integer(page.after ?? 0), limit = SQLValue.integer(page.limit + 1)
        let rows: [InsuredPerson] = switch scope {
        case .all:
            try database.query("SELECT \(Self.columns) FROM people WHERE id > ? ORDER BY id LIMIT ?", [after, limit], row: Self.person)
        case .institution(let institution):
            try database.query("""
                SELECT \(Self.columns) FROM people
                WHERE (id IN (SELECT person_id FROM cases WHERE institution = ?) OR id IN (SELECT person_id FROM enrolments WHERE institution = ?))
                  AND id > ? ORDER BY id LIMIT ?
                """, [.text(institution), .text(institution), after, limit], row: Self.person)
        case .assessor(let assessor):
            try database.query("""
                SELECT \(Self.columns) FROM people WHERE id IN (
                    SELECT c.person_id FROM case_assessors a JOIN cases c ON c.id = a.case_id WHERE a.assessor = ?)
                AND id > ? ORDER BY id LIMIT ?
                """, [.text(assessor), after, limit], row: Self.person)
        }
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ person: InsuredPerson) throws -> Int {
        try database.insertReturningID("INSERT INTO people (national_id, name, insurance, enrolled_on, status, tier) VALUES (?, ?, ?, ?, ?, ?)",
                         [.text(person.nationalID.value), .text(person.name), .text(person.insurance.rawValue),
                          .text(person.enrolledOn.description), .text(person.status.rawValue), SQLValue(person.tier)])
    }

    func update(_ person: InsuredPerson) throws {
        try database.run("UPDATE people SET name = ?, insurance = ?, enrolled_on = ?, status = ?, tier = ? WHERE id = ?",
                         [.text(person.name), .text(person.insurance.rawValue), .text(person.enrolledOn.description),
                          .text(person.status.rawValue), SQLValue(person.tier), .integer(person.id)])
    }
}
