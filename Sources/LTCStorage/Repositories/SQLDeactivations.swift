import LTCCases
import LTCCore

/// The deactivations of actors in the `deactivations` table, one per actor
/// (`role:id`), which triggers keep as recorded.
struct SQLDeactivations<Database: SQLConnection>: DeactivationRepository {
    let database: Database

    private static var columns: String { "actor, from_date, reason, deactivated_by, recorded_on" }

    private static func deactivation(_ row: Database.Row) throws -> Deactivation {
        let actor = try RowReader(row, record: "deactivation").text(0, "actor")
        let reader = RowReader(row, record: "deactivation of \(actor)")
        return Deactivation(actor: try reader.value(0, "actor") { try? Actor($0) }, from: try reader.value(1, "from_date", CalendarDate.init),
                            reason: try reader.text(2, "reason"), by: try reader.value(3, "deactivated_by") { try? Actor($0) },
                            on: try reader.value(4, "recorded_on", CalendarDate.init))
    }

    func deactivation(of actor: Actor) throws -> Deactivation? {
        try database.query("SELECT \(Self.columns) FROM deactivations WHERE actor = ?", [.text(actor.description)], row: Self.deactivation).first
    }

    func deactivations(of actors: Set<Actor>) throws -> [Actor: Deactivation] {
        guard !actors.isEmpty else { return [:] }
        let found = try database.query("SELECT \(Self.columns) FROM deactivations WHERE \(Database.dialect.textIn("actor"))",
                                       [.list(actors.map(\.description))], row: Self.deactivation)
        return Dictionary(found.map { ($0.actor, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func insert(_ deactivation: Deactivation) throws {
        try database.run("INSERT INTO deactivations (\(Self.columns)) VALUES (?, ?, ?, ?, ?)",
                         [.text(deactivation.actor.description), .text(deactivation.from.description), .text(deactivation.reason),
                          .text(deactivation.by.description), .text(deactivation.on.description)])
    }

    func hasAdministrator(besides id: String) throws -> Bool {
        try !database.query("""
            SELECT 1 FROM staff WHERE role = 'administrator' AND id <> ?
            AND NOT EXISTS (SELECT 1 FROM deactivations WHERE actor = 'administrator:' || staff.id) LIMIT 1
            """, [.text(id)], row: { _ in true }).isEmpty
    }
}
