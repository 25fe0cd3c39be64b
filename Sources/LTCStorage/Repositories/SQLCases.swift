import LTCCases
import LTCCore
import LTCSchemes

/// Cases in the `cases` table (the case as a JSON document, and the columns
/// queries select on), with `case_assessors` for assessors' scopes.
struct SQLCases<Database: SQLConnection>: CaseRepository {
    let database: Database

    /// Reads `id, document, insurance, tier` (the person's, joined as `p`).
    static func caseRecord(_ row: Database.Row) throws -> Case {
        let reader = RowReader(row, record: "case")
        let id = try reader.integer(0, "id")
        var record = try reader.document(1, key: String(id)) { Case(json: $0, id: id) }
        record.insured = InsuredGroup(try reader.value(2, "insurance", InsuranceType.init(rawValue:)), tier: row.integer(3))
        return record
    }

    /// The columns `caseRecord` reads, from `cases c` joined with `people p`.
    static var columns: String { "c.id, c.document, p.insurance, p.tier FROM cases c JOIN people p ON p.id = c.person_id" }

    func caseRecord(id: Int) throws -> Case? {
        try database.query("SELECT \(Self.columns) WHERE c.id = ?", [.integer(id)], row: Self.caseRecord).first
    }

    func openCase(person: Int) throws -> Case? {
        try database.query("""
            SELECT \(Self.columns) WHERE c.person_id = ? AND c.state NOT IN ('rejected', 'terminated') ORDER BY c.id DESC LIMIT 1
            """, [.integer(person)], row: Self.caseRecord).first
    }

    func cases(person: Int) throws -> [Case] {
        try database.query("SELECT \(Self.columns) WHERE c.person_id = ? ORDER BY c.id", [.integer(person)], row: Self.caseRecord)
    }

    func benefitCases(people: Set<Int>) throws -> [Int: Case] {
        guard !people.isEmpty else { return [:] }
        var newest: [Int: Case] = [:]
        // Each case's person by its key, as a subquery: a join left PostgreSQL's generic plan free to
        // hash every person of the city (an index scan of the whole table) for a submission's few
        // cases, or, with the people by the same list, to rescan that list for each case (a bulk's chunk).
        for record in try database.query("""
            SELECT c.id, c.document, (SELECT p.insurance FROM people p WHERE p.id = c.person_id),
                (SELECT p.tier FROM people p WHERE p.id = c.person_id)
            FROM cases c WHERE \(Database.dialect.integerIn("c.person_id")) AND c.state != 'rejected' ORDER BY c.id
            """, [.list(people)], row: Self.caseRecord) {
            newest[record.personID] = record
        }
        return newest
    }

    /// The SQL condition that a case (`cases` as `c`) is in `scope`, and its
    /// argument. An institution's cases are those naming it and those of its
    /// clients, enrolled with it now or before.
    private static func condition(_ scope: CaseScope) -> (sql: String, arguments: [SQLValue]) {
        switch scope {
        case .all: ("TRUE", [])
        case .institution(let institution):
            ("(c.institution = ? OR c.id IN (SELECT e.case_id FROM enrolments e WHERE e.institution = ?))", [.text(institution), .text(institution)])
        case .assessor(let assessor): ("c.id IN (SELECT case_id FROM case_assessors WHERE assessor = ?)", [.text(assessor)])
        }
    }

    func hasCase(person: Int, in scope: CaseScope) throws -> Bool {
        let (sql, arguments) = Self.condition(scope)
        return try !database.query("SELECT 1 FROM cases c WHERE c.person_id = ? AND \(sql) LIMIT 1", [.integer(person)] + arguments) { _ in true }.isEmpty
    }

    func contains(caseID: Int, in scope: CaseScope) throws -> Bool {
        let (sql, arguments) = Self.condition(scope)
        return try !database.query("SELECT 1 FROM cases c WHERE c.id = ? AND \(sql)", [.integer(caseID)] + arguments) { _ in true }.isEmpty
    }

    func list(_ query: CaseQuery, page: PageRequest<Int>) throws -> Page<Case, Int> {
        var (sql, arguments) = Self.condition(query.scope)
        var conditions = [sql]
        if let state = query.state {
            conditions.append("c.state = ?")
            arguments.append(.text(state.rawValue))
        }
        if let by = query.gradeEndsBy {
            conditions.append("c.valid_until <= ? AND c.state NOT IN ('rejected', 'terminated')")
            arguments.append(.text(by.description))
        }
        if let day = query.overdueOn {
            conditions.append("c.due_on < ?")
            arguments.append(.text(day.description))
        }
        if query.holdingSubsidies {
            conditions.append("c.subsidised = 1")
        }
        if let month = query.determinedIn {
            conditions.append("c.determined_on BETWEEN ? AND ?")
            arguments += [.text(month.firstDay.description), .text(month.lastDay.description)]
        }
        if let scheme = query.schemeID {
            conditions.append("c.scheme_id = ?")
            arguments.append(.text(scheme))
        }
        conditions.append("c.id > ?")
        arguments += [.integer(page.after ?? 0), .integer(page.limit + 1)]
        let rows = try database.query("SELECT \(Self.columns) WHERE \(conditions.joined(separator: " AND ")) ORDER BY c.id LIMIT ?",
                                      arguments, row: Self.caseRecord)
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ record: Case) throws -> Int {
        let id = try database.insertReturningID("""
            INSERT INTO cases (person_id, scheme_id, state, valid_until, institution, due_on, residence, subsidised, determined_on, document)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(record.personID), .text(record.schemeID), .text(record.state.rawValue),
                  SQLValue(record.determination?.validUntil?.description), SQLValue(record.institution),
                  SQLValue(record.deadline?.due.description), SQLValue(record.residence?.region), .integer(record.subsidies.isEmpty ? 0 : 1),
                  SQLValue(record.determination?.decidedOn.description), .text(JSONWriter.string(record.json))])
        var stored = record
        stored.id = id
        try assign(stored)
        return id
    }

    func update(_ record: Case) throws {
        try database.run("""
            UPDATE cases SET state = ?, valid_until = ?, institution = ?, due_on = ?, residence = ?, subsidised = ?, determined_on = ?, document = ?
            WHERE id = ?
            """, [.text(record.state.rawValue), SQLValue(record.determination?.validUntil?.description), SQLValue(record.institution),
                  SQLValue(record.deadline?.due.description), SQLValue(record.residence?.region), .integer(record.subsidies.isEmpty ? 0 : 1),
                  SQLValue(record.determination?.decidedOn.description), .text(JSONWriter.string(record.json)), .integer(record.id)])
        try assign(record)
    }

    /// The case's assigned assessors, as its scope for them.
    private func assign(_ record: Case) throws {
        try database.run("DELETE FROM case_assessors WHERE case_id = ? AND source = 'assigned'", [.integer(record.id)])
        for assessor in Set(record.assessors) {
            try database.run("INSERT INTO case_assessors (assessor, case_id, source) VALUES (?, ?, 'assigned')", [.text(assessor), .integer(record.id)])
        }
    }
}
