import LTCCases
import LTCCore
import LTCProviders

/// Care plans in the `care_plans` table: each version's content in
/// `document`, its standing (status, days, confirmation) in columns.
struct SQLCarePlans<Database: SQLConnection>: CarePlanRepository {
    let database: Database

    private static var columns: String { "case_id, version, status, valid_from, valid_until, confirmation, document" }

    private static func plan(_ row: Database.Row) throws -> CarePlan {
        let key = "\(row.text(0) ?? "?")/\(row.text(1) ?? "?")"
        let reader = RowReader(row, record: "care plan \(key)")
        var plan = try reader.document(6, key: key, CarePlan.init(json:))
        let status = try reader.text(2, "status")
        guard let standing = CarePlan.Status(rawValue: status) else { throw StorageError.damaged("care plan \(key)", column: "status", value: status) }
        plan.status = standing
        plan.from = try reader.optionalText(3).map { text in
            guard let day = CalendarDate(text) else { throw StorageError.damaged("care plan \(key)", column: "valid_from", value: text) }
            return day
        }
        plan.until = try reader.optionalText(4).map { text in
            guard let day = CalendarDate(text) else { throw StorageError.damaged("care plan \(key)", column: "valid_until", value: text) }
            return day
        }
        plan.confirmation = try reader.optionalText(5).map { text in
            guard let json = try? JSONParser.parse(Array(text.utf8)), let confirmation = CarePlan.Confirmation(json: json) else {
                throw StorageError.damaged("care plan \(key)", column: "confirmation", value: text)
            }
            return confirmation
        }
        return plan
    }

    func plans(caseID: Int) throws -> [CarePlan] {
        try database.query("SELECT \(Self.columns) FROM care_plans WHERE case_id = ? ORDER BY version", [.integer(caseID)], row: Self.plan)
    }

    func binding(people: Set<Int>) throws -> [Int: [CarePlan]] {
        guard !people.isEmpty else { return [:] }
        let plans = try database.query("""
            SELECT \(Self.columns) FROM care_plans WHERE \(Database.dialect.integerIn("person")) AND valid_from IS NOT NULL ORDER BY person, valid_from
            """, [.list(people)], row: Self.plan)
        return Dictionary(grouping: plans, by: \.person)
    }

    func insert(_ plan: CarePlan) throws {
        var content = plan
        (content.confirmation, content.from, content.until) = (nil, nil, nil)
        try database.run("""
            INSERT INTO care_plans (case_id, version, person, status, valid_from, valid_until, confirmation, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(plan.caseID), .integer(plan.version), .integer(plan.person)] + Self.standing(plan) + [.text(JSONWriter.string(content.json))])
    }

    func update(_ plan: CarePlan) throws {
        try database.run("UPDATE care_plans SET status = ?, valid_from = ?, valid_until = ?, confirmation = ? WHERE case_id = ? AND version = ?",
                         Self.standing(plan) + [.integer(plan.caseID), .integer(plan.version)])
    }

    private static func standing(_ plan: CarePlan) -> [SQLValue] {
        [.text(plan.status.rawValue), SQLValue(plan.from?.description), SQLValue(plan.until?.description),
         SQLValue(plan.confirmation.map { JSONWriter.string($0.json) })]
    }
}
