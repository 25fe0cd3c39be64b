import Foundation
import LTCCore
import Testing

@Suite("Who may act and on what date, on the command line and over rpc")
struct AccessCommandTests {
    let scratch = Scratch()

    @Test("Only an administrator sets the date: an institution's --as-of is refused, on the command line and over rpc")
    func onlyAdministratorsMoveTheClock() throws {
        let db = scratch.database("clock")
        _ = try ltc(["demo", "--db", db])
        let header = "log_id,institution,caregiver,person,item,start,end,mode\n"
        let logs = scratch.path("clock", ".csv")
        try (header + "FUTURE1,I001,C1,1,S01,2099-01-04T09:00,2099-01-04T10:00,home-visit\n").write(toFile: logs, atomically: true, encoding: .utf8)
        let cli = try ltc(["logs", "submit", logs, "--db", db, "--actor", "institution:I001", "--as-of", "2027-01-05"])
        #expect(cli.status == 77 && cli.stderr.contains("only an administrator may set the date"))
        let request = #"{"jsonrpc":"2.0","id":1,"method":"logs.submit","params":{"actor":"institution:I001","asOf":"2027-01-05","logs":"x"}}"#
        let rpc = try JSONParser.parse(try ltc(["rpc", "--db", db], input: request + "\n").stdout)
        #expect(rpc["error"]?["data"]?["kind"] == "forbidden")
        #expect(rpc["error"]?["message"]?.stringValue?.contains("only an administrator may set the date") == true)
        // Without a date, the institution acts on today: a service in 2099 is in the future (T01).
        let today = try ltc(["logs", "submit", logs, "--db", db, "--actor", "institution:I001", "--json"])
        #expect(try JSONParser.parse(today.stdout)["rejectedLines"]?.arrayValue?.first?["rule"] == "T01")
    }

    @Test("ltc rpc --actor pins the actor: requests may omit it or name it, not name another")
    func pinnedActor() throws {
        let db = scratch.database("pinned")
        _ = try ltc(["demo", "--db", db])
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"logs.list","params":{"institution":"I001","month":"2026-04","limit":1}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"logs.list","params":{"actor":"institution:I001","institution":"I001","month":"2026-04","limit":1}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"case.list","params":{"actor":"administrator:demo"}}"#,
        ]
        let run = try ltc(["rpc", "--db", db, "--actor", "institution:I001"], input: lines.joined(separator: "\n") + "\n")
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == 3)
        guard responses.count == 3 else { return }
        #expect(responses[0]["result"]?["logs"]?.arrayValue?.count == 1)
        #expect(responses[1]["result"]?["logs"]?.arrayValue?.count == 1)
        #expect(responses[2]["error"]?["message"]?.stringValue?.contains("this process acts only as institution:I001") == true)
        // rpc.describe says how this process trusts actors, and who may do what.
        let describe = #"{"jsonrpc":"2.0","id":1,"method":"rpc.describe"}"# + "\n"
        let pinnedModel = try JSONParser.parse(try ltc(["rpc", "--actor", "institution:I001"], input: describe).stdout)["result"]?["actors"]
        #expect(pinnedModel?["pinned"] == "institution:I001" && pinnedModel?["model"]?.stringValue?.contains("acts only as institution:I001") == true)
        #expect(pinnedModel?["roles"]?.arrayValue?.first { $0["what"] == "settle a month and pay its cash" }?["institution"] == "—")
        let trusting = try JSONParser.parse(try ltc(["rpc"], input: describe).stdout)["result"]?["actors"]
        #expect(trusting?["pinned"] == .null && trusting?["model"]?.stringValue?.contains("as a library trusts its caller") == true)
        let bad = try ltc(["rpc", "--actor", "institution:I 001"], input: "")
        #expect(bad.status == 65 && bad.stderr.contains("holds a space"))
    }

    @Test("Only registered actors act: the first administrator registers themselves, then staff, assessors and institutions must exist")
    func registeredActors() throws {
        let db = scratch.database("staff")
        let first = try ltc(["staff", "add", "zhao", "--role", "auditor", "--db", db, "--actor", "administrator:wang"])
        #expect(first.status == 77 && first.stderr.contains("no staff is registered yet"))
        try firstAdministrator(db)
        #expect(try ltc(["staff", "add", "zhao", "--role", "auditor", "--db", db, "--actor", "administrator:wang"]).status == 0)
        let list = try ltc(["staff", "list", "--json", "--db", db, "--actor", "auditor:zhao"])
        #expect(try JSONParser.parse(list.stdout)["staff"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["wang", "zhao"])
        let stranger = try ltc(["case", "list", "--db", db, "--actor", "administrator:li"])
        #expect(stranger.status == 77 && stranger.stderr.contains("administrator:li is not registered staff"))
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"case.list","params":{"actor":"institution:I404"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"staff.add","params":{"actor":"administrator:wang","id":"sun","role":"auditor"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"staff.list","params":{"actor":"auditor:sun"}}"#,
        ]
        let responses = try ltc(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n").stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == 3)
        guard responses.count == 3 else { return }
        #expect(responses[0]["error"]?["message"]?.stringValue?.contains("institution:I404 is not a registered institution") == true)
        #expect(responses[1]["result"]?["role"] == "auditor")
        #expect(responses[2]["result"]?["staff"]?.arrayValue?.count == 3)
        // A process pinned to an unregistered actor answers every request with the refusal.
        let pinned = try ltc(["rpc", "--db", db, "--actor", "assessor:A404"], input: #"{"jsonrpc":"2.0","id":1,"method":"case.list","params":{}}"# + "\n")
        #expect(try JSONParser.parse(pinned.stdout)["error"]?["message"]?.stringValue?.contains("assessor:A404 is not in the assessor registry") == true)
    }

    @Test("An assessor's employer is a registered institution, and its clients cannot be assessed by them, on the command line and over rpc")
    func conflictOfInterest() throws {
        let db = scratch.database("conflict")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let unknown = try ltc(["assessor", "add", "--id", "A7", "--name", "孙", "--qualification", "care", "--employer", "I404"] + admin)
        #expect(unknown.status == 65 && unknown.stderr.contains("employer I404 is not a registered institution"))
        #expect(try ltc(["assessor", "add", "--id", "A7", "--name", "孙", "--qualification", "care", "--employer", "I001"] + admin).status == 0)
        // Case 1's person is enrolled with I001 in the demo; the case itself names no institution.
        let cli = try ltc(["case", "assign", "1", "--assessors", "A1,A7", "--reason", "named for the test", "--as-of", "2026-05-01"] + admin)
        #expect(cli.status == 65 && cli.stderr.contains("assessor A7 is employed by I001, with which the applicant of case 1 is or was enrolled"))
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"assessor.add","params":{"actor":"administrator:demo","id":"A8","name":"钱","qualification":"care","employer":"I404"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"case.assign","params":{"actor":"administrator:demo","case":1,"assessors":["A1","A7"],"reason":"named for the test","asOf":"2026-05-01"}}"#,
        ]
        let responses = try ltc(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n").stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == 2)
        guard responses.count == 2 else { return }
        #expect(responses[0]["error"]?["message"]?.stringValue?.hasPrefix("employer I404 is not a registered institution") == true)
        #expect(responses[1]["error"]?["data"]?["kind"] == "conflictOfInterest")
        #expect(responses[1]["error"]?["data"]?["institution"] == "I001")
    }

    @Test("An auditor reads everything and changes nothing")
    func auditor() throws {
        let db = scratch.database("auditor")
        _ = try ltc(["demo", "--db", db])
        try #require(try ltc(["staff", "add", "fund", "--role", "auditor", "--db", db, "--actor", "administrator:demo"]).status == 0)
        let auditor = ["--db", db, "--actor", "auditor:fund"]
        #expect(try ltc(["report", "--month", "2026-04"] + auditor).status == 0)
        #expect(try ltc(["case", "show", "1"] + auditor).status == 0)
        let settle = try ltc(["settle", "--month", "2026-05"] + auditor)
        #expect(settle.status == 65 && settle.stderr.contains("only an administrator settles"))
        let suspend = try ltc(["case", "suspend", "1", "--reason", "hospital stay"] + auditor)
        #expect(suspend.status == 77 && suspend.stderr.contains("may not"))
    }

    @Test("A database file this process may not write can be read; a command that changes data says why it cannot", .timeLimit(.minutes(2)),
          .enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "as root, needs setpriv to give up the right to write any file"))
    func readOnlyDatabase() throws {
        let folder = try scratch.folder("read-only")
        let db = folder.appendingPathComponent("archive.sqlite").path
        #expect(try ltc(["demo", "--db", db]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let read = try unprivileged(["case", "list", "--limit", "2", "--db", db, "--actor", "administrator:demo"])
        #expect(read.status == 0 && read.stdout.contains("effective"), "\(read.stderr)")
        let write = try unprivileged(["case", "suspend", "1", "--reason", "hospital stay", "--db", db, "--actor", "administrator:demo"])
        #expect(write.status == 65 && write.stderr.contains("may not be written by this process"), "\(write.stderr)")
        // ltc rpc reads it too, and refuses only the change.
        let lines = [#"{"jsonrpc":"2.0","id":1,"method":"case.list","params":{"actor":"administrator:demo","limit":2}}"#,
                     #"{"jsonrpc":"2.0","id":2,"method":"settlement.get","params":{"actor":"administrator:demo","month":"2026-04"}}"#,
                     #"{"jsonrpc":"2.0","id":3,"method":"case.suspend","params":{"actor":"administrator:demo","case":1,"reason":"hospital stay"}}"#]
        let rpc = try unprivileged(["rpc", "--db", db], input: lines.joined(separator: "\n") + "\n")
        let responses = try rpc.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses.count == 3, "\(rpc.stderr)")
        if responses.count == 3 {
            #expect(responses[0]["result"]?["cases"]?.arrayValue?.count == 2)
            #expect(responses[1]["result"]?["month"] == "2026-04")
            #expect(responses[2]["error"]?["data"]?["storage"] == "readOnly")
            #expect(responses[2]["error"]?["message"]?.stringValue?.contains("may not be written by this process") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))
    }

    /// Runs `ltc` as this user without the superuser's right to write any file (CI runs tests as root).
    func unprivileged(_ arguments: [String], input: String = "") throws -> Run {
        guard getuid() == 0 else { return try ltc(arguments, input: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--bounding-set=-all", "--inh-caps=-all", try ltcExecutable().path] + arguments
        process.currentDirectoryURL = packageRoot
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let errors = readingToEnd(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: errors.join(), signal: nil)
    }

    @Test("A command that only reads never creates a database; --db '' and :memory: are refused")
    func noDatabaseCreatedByReading() throws {
        let missing = scratch.path("mistyped", ".sqlite")
        for command in [["case", "list"], ["scheme", "list"], ["report", "--month", "2026-04"], ["adjustments"]] {
            let run = try ltc(command + ["--db", missing, "--actor", "administrator:wang"])
            #expect(run.status == 65 && run.stderr.contains("there is no database at \(missing)"), "\(command): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        for place in ["", ":memory:"] {
            let run = try ltc(["person", "add", "--name", "陈", "--id-number", "11010519491231002X", "--insurance", "employee",
                               "--enrolled", "2015-07-01", "--db", place, "--actor", "administrator:wang"])
            #expect(run.status == 65 && run.stderr.contains("is no place to keep data"), "\(place): \(run.stderr)")
        }
    }
}
