import LTCCases
import LTCCore
import LTCProviders

/// The credentials in the `credentials` table, found by id (the primary
/// key), listed by id or by actor (`credentials_by_actor`). Triggers keep a
/// credential's terms and its revocation as stored.
struct SQLCredentials<Database: SQLConnection>: CredentialRepository {
    let database: Database

    private static var columns: String { "id, actor, secret_hash, created_at, created_by, expires, note, last_used_at, revoked_at, revoked_by" }

    private static func credential(_ row: Database.Row) throws -> Credential {
        let id = CredentialID(number: try RowReader(row, record: "credential").integer(0, "id"))
        let reader = RowReader(row, record: "credential \(id)")
        func actor(_ column: Int32, _ name: String) throws(StorageError) -> Actor { try reader.value(column, name) { try? Actor($0) } }
        var credential = Credential(id: id, actor: try actor(1, "actor"), secretHash: try reader.text(2, "secret_hash"),
                                    createdAt: try reader.text(3, "created_at"), createdBy: try actor(4, "created_by"),
                                    expires: try reader.optionalText(5).map { _ in try reader.value(5, "expires", CalendarDate.init) },
                                    note: reader.optionalText(6), lastUsedAt: reader.optionalText(7))
        if let at = reader.optionalText(8) {
            credential.revoked = Credential.Revocation(at: at, by: try actor(9, "revoked_by"))
        }
        return credential
    }

    func credential(id: CredentialID) throws -> Credential? {
        try database.query("SELECT \(Self.columns) FROM credentials WHERE id = ?", [.integer(id.number)], row: Self.credential).first
    }

    func list(actor: Actor?, page: PageRequest<CredentialID>) throws -> Page<Credential, CredentialID> {
        let after = SQLValue.integer(page.after?.number ?? 0), limit = SQLValue.integer(page.limit + 1)
        let rows = if let actor {
            try database.query("SELECT \(Self.columns) FROM credentials WHERE actor = ? AND id > ? ORDER BY id LIMIT ?",
                               [.text(actor.description), after, limit], row: Self.credential)
        } else {
            try database.query("SELECT \(Self.columns) FROM credentials WHERE id > ? ORDER BY id LIMIT ?", [after, limit], row: Self.credential)
        }
        return Page(rows: rows, limit: page.limit, cursor: \.id)
    }

    func insert(_ credential: Credential) throws -> CredentialID {
        CredentialID(number: try database.insertReturningID("""
            INSERT INTO credentials (actor, secret_hash, created_at, created_by, expires, note) VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(credential.actor.description), .text(credential.secretHash), .text(credential.createdAt),
                  .text(credential.createdBy.description), SQLValue(credential.expires?.description), SQLValue(credential.note)]))
    }

    func revoke(_ id: CredentialID, _ revocation: Credential.Revocation) throws {
        try database.run("UPDATE credentials SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                         [.text(revocation.at), .text(revocation.by.description), .integer(id.number)])
    }

    func recordUse(_ id: CredentialID, at instant: String, unlessUsedAfter since: String) throws {
        try database.run("UPDATE credentials SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                         [.text(instant), .integer(id.number), .text(since)])
    }
}
