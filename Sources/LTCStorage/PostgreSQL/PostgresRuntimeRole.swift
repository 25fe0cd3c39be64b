import LTCCore

/// What the role ltc runs as on PostgreSQL may do, and nothing more (issue
/// 30, finding 10: whoever held the URI could do anything). The database's
/// owner runs the migrations; the runtime role owns nothing, so it cannot
/// change the schema, disable a trigger, or give itself more. It reads and
/// writes the tables ltc writes, and on the tables the schema keeps as
/// recorded (the audit trail and its chain, submissions, settlements,
/// deactivations) it may only read and add rows; a credential it may not
/// remove, and the migrations' record it only reads.
///
/// ```swift
/// let statements = try PostgresRuntimeRole.grant("ltc_app", on: "postgresql://ltc_owner@db.example/ltc")   // run as the owner
/// ```
///
/// `ltc grant ROLE --db OWNER_URI` runs this (`--sql` prints it instead);
/// run it again after every migration, since new tables need their grants.
/// docs/security.md says what the role can and cannot do.
public enum PostgresRuntimeRole {
    /// The privileges on a table, where they are not all four of SELECT, INSERT, UPDATE and DELETE.
    static let restricted: [String: String] = [
        // Append-only: triggers refuse UPDATE and DELETE too, even to a role with grants.
        "events": "SELECT, INSERT",
        "event_chain": "SELECT, INSERT",
        "submissions": "SELECT, INSERT",
        "settlements": "SELECT, INSERT",
        "deactivations": "SELECT, INSERT",
        // A flag's items are kept as found, a stay as recorded.
        "monitor_flag_items": "SELECT, INSERT",
        "inpatient_stays": "SELECT, INSERT",
        // Chained events leave the queue; a queued event never changes.
        "event_queue": "SELECT, INSERT, DELETE",
        // Only the last use and a revocation change; a credential is never removed.
        "credentials": "SELECT, INSERT, UPDATE",
        // What the owner's migrations applied: read to refuse a schema this ltc does not know.
        "schema_migrations": "SELECT",
    ]

    /// The privileges of the runtime role on `table`.
    public static func privileges(on table: String) -> String {
        restricted[table] ?? "SELECT, INSERT, UPDATE, DELETE"
    }

    /// The statements that leave `role` with exactly the runtime's privileges
    /// on `tables` of `schema`: everything it held there revoked first.
    public static func statements(role: String, schema: String, tables: [String]) -> [String] {
        let (role, schemaName) = (identifier(role), identifier(schema))
        var statements = [
            "REVOKE ALL ON ALL TABLES IN SCHEMA \(schemaName) FROM \(role)",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(schemaName) FROM \(role)",
            "REVOKE ALL ON SCHEMA \(schemaName) FROM \(role)",
            "GRANT USAGE ON SCHEMA \(schemaName) TO \(role)",
        ]
        let byPrivileges = Dictionary(grouping: tables.sorted(), by: privileges(on:))
        for (privileges, tables) in byPrivileges.sorted(by: { $0.key < $1.key }) {
            statements.append("GRANT \(privileges) ON \(tables.map { "\(schemaName).\(identifier($0))" }.joined(separator: ", ")) TO \(role)")
        }
        // Identity columns draw their numbers from sequences.
        statements.append("GRANT USAGE ON ALL SEQUENCES IN SCHEMA \(schemaName) TO \(role)")
        return statements
    }

    /// Grants `role` the runtime's privileges on the tables of the schema
    /// `uri` works in (its `search_path`), connected as the schema's owner;
    /// returns the statements run. Refused for a role that is a superuser,
    /// or owns (or may act as the owner of) the schema or any of its tables:
    /// such a role could undo every wall.
    @discardableResult
    public static func grant(_ role: String, on uri: String, run: Bool = true) throws -> [String] {
        let database = try PostgresConnection(uri: uri)
        guard let schema = try database.query("SELECT current_schema()", row: { $0.text(0) }).first ?? nil else {
            throw StorageError(.other, message: "the connection has no schema to work in: give one with ?options=-csearch_path%3DNAME")
        }
        let exists = try database.query("SELECT rolsuper FROM pg_roles WHERE rolname = ?", [.text(role)]) { $0.text(0) == "t" }
        guard let superuser = exists.first else {
            throw InputError(source: "role", message: "no role '\(role)' on the server: create it first (CREATE ROLE \(identifier(role)) LOGIN PASSWORD '…', as a user who may create roles)")
        }
        if superuser {
            throw InputError(source: "role", message: "'\(role)' is a superuser: it passes every grant and trigger, so it cannot be the runtime role")
        }
        let owns = try database.query("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ?1 AND pg_has_role(?2, c.relowner, 'USAGE')
            UNION ALL SELECT n.nspname FROM pg_namespace n WHERE n.nspname = ?1 AND pg_has_role(?2, n.nspowner, 'USAGE')
            LIMIT 1
            """, [.text(schema), .text(role)]) { $0.text(0) ?? "" }
        if let owned = owns.first {
            throw InputError(source: "role", message: "'\(role)' owns \(owned) in schema \(schema), or is a member of its owner: a runtime role must own nothing, or it can change the schema and disable triggers; give ltc a role of its own")
        }
        let tables = try database.query("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname
            """, [.text(schema)]) { $0.text(0) ?? "" }
        let statements = statements(role: role, schema: schema, tables: tables)
        if run {
            try database.execute("BEGIN")
            do {
                for statement in statements { try database.execute(statement) }
                try database.execute("COMMIT")
            } catch {
                try? database.execute("ROLLBACK")
                throw error
            }
        }
        return statements
    }

    /// `name` as an SQL identifier, quoted.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
