import Foundation
import LTCCore
import LTCStorage
import Testing

/// Issue 30, finding 10, as the tester ran it: someone who holds the
/// database changes it behind ltc's back, and ltc's commands notice.
@Suite("Changes made behind ltc's back: settlement refuses a changed ledger, and audit verify names the event")
struct DatabaseHolderTests {
    let scratch = Scratch()

    /// SQL run outside ltc, as the database's holder would (on the engine under test).
    func raw(_ db: String, _ sql: String) throws {
        if PostgresStore.names(db) { try PostgresAdmin.run(on: db, sql) } else { try SQLiteDatabase(path: db).execute(sql) }
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
            try raw(db, "ALTER TABLE events DISABLE TRIGGER ALL; DELETE FROM events WHERE seq = 12")
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
