import Foundation
import LTCCore
import LTCStorage
import Testing

/// How `ltc` ends when the database fails: with the exit status of the
/// failure's kind (69 the server cannot be reached, 75 try again, 65
/// otherwise), one line on standard error, and with `--json` the JSON-RPC
/// error object `ltc rpc` would answer (code 1019, `data.storage`).
@Suite("Storage failures end a command by their kind")
struct StorageFailureCommandTests {
    let scratch = Scratch()

    /// A PostgreSQL URI whose server cannot be reached: a socket folder that does not exist (refused at once, no network).
    func nowhere() -> String {
        "postgresql://ltc@/ltc?host=" + scratch.path("no-server")
    }

    @Test("a database server that cannot be reached ends the command with 69, said on one line")
    func unreachable() throws {
        let run = try ltc(["staff", "list", "--db", nowhere(), "--actor", "administrator:wang"])
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains("cannot connect to postgresql://ltc@/ltc"), "\(run.stderr)")
        #expect(run.stderr.filter(\.isNewline).count == 1, "\(run.stderr)")
    }

    @Test("with --json, an unreachable server is the storage error 1019, of kind unavailable and worth trying again")
    func unreachableJSON() throws {
        let run = try ltc(["staff", "list", "--json", "--db", nowhere(), "--actor", "administrator:wang"])
        #expect(run.status == 69, "\(run.stderr)")
        let error = try JSONParser.parse(run.stderr)
        #expect(error["code"] == 1019)
        #expect(error["data"]?["kind"] == "storage")
        #expect(error["data"]?["storage"] == "unavailable")
        #expect(error["data"]?["retryable"] == true)
        #expect(error["data"]?["code"] == nil && error["data"]?["sqlState"] == nil)
        #expect(error["data"]?["message"]?.stringValue.map { !$0.contains(where: \.isNewline) } == true, "\(run.stderr)")
    }

    @Test("a PostgreSQL connection lost during logs submit ends it with 69, and nothing of the submission is stored",
          .enabled(if: Scratch.postgresServer != nil, "no PostgreSQL server for tests: set LTC_TEST_POSTGRES=postgresql://USER@HOST:PORT/DBNAME"))
    func lostDuringSubmit() throws {
        let (db, schema) = try #require(scratch.postgresDatabase("lost"))
        try firstAdministrator(db)
        // The server ends the session of whoever stores a submission: the connection is lost mid-transaction, every time.
        try PostgresAdmin.run(on: try #require(Scratch.postgresServer), """
            CREATE FUNCTION \(schema).end_session() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
            CREATE TRIGGER end_session BEFORE INSERT ON \(schema).submissions FOR EACH ROW EXECUTE FUNCTION \(schema).end_session();
            """)
        let logs = scratch.path("lost", ".csv")
        try Data("log_id,institution,caregiver,person,item,start,end,mode\nL1,I001,C1,1,S01,2026-05-04T15:00,2026-05-04T16:00,home-visit\n".utf8)
            .write(to: URL(fileURLWithPath: logs))
        let run = try ltc(["logs", "submit", logs, "--db", db, "--actor", "administrator:wang", "--as-of", "2026-05-14"])
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.filter(\.isNewline).count == 1, "\(run.stderr)")
        let stored = try PostgresAdmin.values(on: try #require(Scratch.postgresServer), "SELECT COUNT(*) FROM \(schema).submissions")
        #expect(stored == ["0"])
    }
}
