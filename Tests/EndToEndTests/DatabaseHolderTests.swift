import Foundation
import LTCCore
import LTCStorage
import Testing

/// Issue 30, finding 10, as the tester ran it: someone who holds the
/// database changes it behind ltc's back, and ltc's commands notice.
@Suite("Changes made behind ltc's back: settlement refuses a changed ledger, and audit verify names the event")
struct DatabaseHolderTests {
    let scratch = Scratch()

    /// SQL run outside ltc, as the database's holder would (on the engine under test): with ltc's URI, or as the schema's owner.
    func raw(_ db: String, _ sql: String, asOwner: Bool = false) throws {
        if PostgresStore.names(db) { try PostgresAdmin.run(on: asOwner ? scratch.owner(of: db) : db, sql) } else { try SQLiteDatabase(path: db).execute(sql) }
    }

    func demo(_ name: String) throws -> String {
        let db = scratch.database(name)
        let run = try ltc(["demo", "--db", db])
        try #require(run.status == 0, "\(run.stderr)")
        return db
    }

    @Test("update institution_months set fund = 5850000: ltc settle stops with exit 65, naming I001, May and both funds; over rpc, 1019 damaged")
    func tamperedLedger() throws {
        let db = try demo("ledger")
        let csv = scratch.path("may", ".csv")
        try "log_id,institution,caregiver,person,item,start,end,mode\nR1,I001,C1,1,S01,2026-05-04T15:00,2026-05-04T16:00,home-visit\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let admin = ["--db", db, "--actor", "administrator:demo"]
        #expect(try ltc(["logs", "submit", csv, "--as-of", "2026-05-05"] + admin).status == 0)
        try raw(db, "UPDATE institution_months SET fund = 5850000 WHERE month = '2026-05'")
        let settle = try ltc(["settle", "--month", "2026-05", "--as-of", "2026-06-01"] + admin)
        #expect(settle.status == 65)
        #expect(settle.stderr.contains("the usage ledger of I001 for 2026-05 does not match its accepted logs") && settle.stderr.contains("fund 58500.00")
                && settle.stderr.contains("fund 58.50"), "\(settle.stderr)")
        let rpc = try ltc(["rpc", "--db", db], input: #"{"jsonrpc":"2.0","id":1,"method":"settlement.run","params":{"actor":"administrator:demo","month":"2026-05","asOf":"2026-06-01"}}"# + "\n")
        let error = try JSONParser.parse(rpc.stdout)["error"]
        #expect(error?["code"] == 1019 && error?["data"]?["storage"] == "damaged" && error?["data"]?["institution"] == "I001")
        #expect(error?["data"]?["ledger"]?["fund"] == Money(yuan: 58_500).json && error?["data"]?["logs"]?["fund"] == Money(fen: 5850).json)
        #expect(try ltc(["settlement", "get", "--month", "2026-05", "--json"] + admin).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "null")
    }

    @Test("events deleted with the triggers off: ltc audit verify exits 65 naming the first; an institution may not verify")
    func erasedEvents() throws {
        let db = try demo("erased")
        let holds = try ltc(["audit", "verify", "--db", db, "--actor", "administrator:demo"])
        #expect(holds.status == 0 && holds.stdout.hasPrefix("the audit trail holds: "), "\(holds.stderr)")
        let head = try #require(holds.stdout.split(separator: "\n").last { $0.hasPrefix("head: ") }.map { String($0.dropFirst(6)) })
        if PostgresStore.names(db) {
            try raw(db, "ALTER TABLE events DISABLE TRIGGER ALL; DELETE FROM events WHERE seq = 12", asOwner: true)
        } else {
            try raw(db, "DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE seq = 12")
        }
        let broken = try ltc(["audit", "verify", "--head", head, "--db", db, "--actor", "administrator:demo"])
        #expect(broken.status == 65)
        #expect(broken.stdout.hasPrefix("the audit trail does not hold: event 12 (position 12) was deleted"), "\(broken.stdout)")
        let json = try JSONParser.parse(try ltc(["audit", "verify", "--json", "--db", db, "--actor", "administrator:demo"]).stdout)
        #expect(json["intact"] == false && json["problem"]?["kind"] == "deleted" && json["problem"]?["seq"] == 12)
        #expect(try ltc(["audit", "verify", "--db", db, "--actor", "institution:I001"]).status == 77)
    }
}

@Suite("ltc grant gives a PostgreSQL role what ltc runs with, and nothing more")
struct GrantCommandTests {
    let scratch = Scratch()

    @Test("on an SQLite file it is refused: its walls are the file's permissions")
    func sqliteHasNoRoles() throws {
        let run = try ltc(["grant", "ltc_app", "--db", scratch.path("grant", ".sqlite")])
        #expect(run.status == 65 && run.stderr.contains("roles are PostgreSQL's"), "\(run.stderr)")
    }

    @Test("granted by the owner, the role runs ltc and may not touch the audit trail; --sql prints the same statements",
          .enabled(if: Scratch.postgresServer != nil && ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES_RUNTIME"].map { !$0.isEmpty } == true,
                   "needs LTC_TEST_POSTGRES and LTC_TEST_POSTGRES_RUNTIME"))
    func grantsTheRuntimeRole() throws {
        let server = try #require(Scratch.postgresServer)
        let runtime = try #require(ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES_RUNTIME"])
        let role = try #require(try PostgresAdmin.values(on: runtime, "SELECT current_user").first ?? nil)
        let schema = "ltc_e2e_grant_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresAdmin.run(on: server, "CREATE SCHEMA \(schema)")
        defer { try? PostgresAdmin.run(on: server, "DROP SCHEMA \(schema) CASCADE") }
        let owner = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        let app = runtime + (runtime.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"

        let printed = try ltc(["grant", role, "--sql", "--db", owner])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("GRANT SELECT, INSERT ON \"\(schema)\".\"deactivations\", \"\(schema)\".\"event_chain\", \"\(schema)\".\"events\""))
        // Printed, not run: the role may not read yet.
        #expect(try ltc(["staff", "add", "wang", "--role", "administrator", "--db", app, "--actor", "administrator:wang"]).status != 0)

        let granted = try ltc(["grant", role, "--db", owner])
        #expect(granted.status == 0 && granted.stdout.hasPrefix("granted \(role) the runtime's privileges"), "\(granted.stderr)")
        let added = try ltc(["staff", "add", "wang", "--role", "administrator", "--db", app, "--actor", "administrator:wang"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try ltc(["audit", "verify", "--db", app, "--actor", "administrator:wang"]).status == 0)
        #expect(throws: (any Error).self) { try PostgresAdmin.run(on: app, "DELETE FROM events") }
        #expect(throws: (any Error).self) { try PostgresAdmin.run(on: app, "ALTER TABLE events DISABLE TRIGGER ALL") }
        // The owner itself is no runtime role.
        let ownerRole = try #require(try PostgresAdmin.values(on: server, "SELECT current_user").first ?? nil)
        #expect(try ltc(["grant", ownerRole, "--db", owner]).status == 65)
    }
}
