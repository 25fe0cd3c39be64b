import Foundation
import LTCCore
import LTCStorage
import Testing

@Suite("ltc demo, log submission and settlement, run as processes")
struct ProviderCommandTests {
    let scratch = Scratch()


    @Test("ltc demo runs a month end to end and says where to look next")
    func demo() throws {
        let db = scratch.database("demo")
        let run = try ltc(["demo", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("6 cases: applied 2026-03-02"))
        #expect(run.stdout.contains("6 care plans agreed 2026-03-17: S01×2 S06×1 | S01×2 S04×1 |"))
        #expect(run.stdout.contains("(X1 C01, X2 C03, X3 L01, X4 O02, X5 N02)"))
        #expect(run.stdout.contains("(X7 N01)"))
        #expect(run.stdout.contains("19 unchanged, nothing counted twice; 5 rejected before, checked again and rejected 5"))
        #expect(run.stdout.contains("settlement 2026-04 (run 2026-05-04): 2 institutions, 76 logs"))
        #expect(run.stdout.contains("ltc settle --month 2026-04 --csv --db \(db)") || run.stdout.contains("ltc settle --month 2026-04 --csv --db '\(db)'"))

        // What it points to works: the settled month, as CSV, one line per institution and no total line,
        // so that the payable column adds up to the fund's total once (pandas' sum of it is the statement's 4,223.70).
        let csv = try ltc(["settle", "--month", "2026-04", "--csv", "--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-05"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(lines.first?.firstIndex(of: "payable"))
        #expect(lines.dropFirst().map { String($0[0]) } == ["I001", "I002"])
        #expect(lines.dropFirst().map { Money(json: .number(String($0[column])))!.fen }.reduce(0, +) == 422_370)

        // A second demo into the same database is refused.
        let again = try ltc(["demo", "--db", db])
        #expect(again.status == 65)
        #expect(again.stderr.contains("the demo needs a fresh database"))
    }

    @Test("logs.submit and settlement.get over rpc")
    func rpc() throws {
        let db = scratch.database("rpc")
        _ = try ltc(["demo", "--db", db])
        let csv = "log_id,institution,caregiver,person,item,start,end,mode\\nR1,I001,C1,1,S01,2026-05-04T15:00,2026-05-04T16:00,home-visit\\n"
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"logs.submit","params":{"actor":"administrator:demo","asOf":"2026-05-05","logs":"\#(csv)"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"settlement.get","params":{"actor":"administrator:demo","month":"2026-04"}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"settlement.run","params":{"actor":"administrator:demo","month":"2026-05","asOf":"2026-05-20"}}"#,
        ]
        let run = try ltc(["rpc", "--db", db], input: requests.joined(separator: "\n") + "\n")
        let responses = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(responses[0]["result"]?["accepted"] == 1)
        #expect(responses[1]["result"]?["summary"]?["logs"] == 76)
        #expect(responses[2]["error"]?["code"] == 1015)   // May has not ended
    }

    @Test("ltc case terminate --on: a death recorded after settlement takes back what April paid after it, listed by ltc adjustments")
    func deathAfterSettlement() throws {
        let db = scratch.database("death")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let ended = try ltc(["case", "terminate", "1", "--reason", "death", "--on", "2026-04-10", "--as-of", "2026-05-03"] + admin)
        #expect(ended.status == 0)
        #expect(ended.stdout.contains("accepted service(s) after 2026-04-10 withdrawn (B03)"))
        let listed = try ltc(["adjustments", "--json"] + admin)
        let adjustments = try JSONParser.parse(listed.stdout)["adjustments"]?.arrayValue ?? []
        #expect(!adjustments.isEmpty)
        #expect(adjustments.allSatisfy { $0["reason"]?.stringValue?.contains("B03: case 1 ended on 2026-04-10 (death)") == true })
        let late = try ltc(["case", "terminate", "2", "--reason", "death", "--on", "2026-06-10", "--as-of", "2026-05-03"] + admin)
        #expect(late.status == 65 && late.stderr.contains("after the termination is recorded"))
    }

    @Test("A process killed during a large submission leaves nothing of it; sending it again completes it", .timeLimit(.minutes(3)))
    func killed() throws {
        let db = scratch.database("kill")
        let bench = try ltcExecutable().deletingLastPathComponent().appendingPathComponent("ltc-bench")
        let gen = Process()
        gen.executableURL = bench
        let logs = scratch.path("kill", ".csv")
        gen.arguments = ["gen", db, "60000", logs]
        gen.currentDirectoryURL = packageRoot
        gen.standardOutput = FileHandle.nullDevice
        try gen.run()
        gen.waitUntilExit()
        try #require(gen.terminationStatus == 0)
        let arguments = ["logs", "submit", logs, "--db", db, "--actor", "administrator:bench", "--as-of", "2026-05-01", "--json"]

        // The process kills itself (SIGKILL) once five of the six chunks are written inside the submission's transaction.
        let killed = try ltc(arguments, environment: ["LTC_CRASH_AT": "intake.chunk-stored:5"])
        #expect(killed.signal == SIGKILL)

        let again = try ltc(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        let report = try JSONParser.parse(again.stdout)
        let received = report["received"]?.intValue ?? 0
        #expect(received > 55_000)
        #expect(report["unchanged"] == 0)   // nothing of the killed run was stored
        #expect((report["accepted"]?.intValue ?? 0) + (report["rejected"]?.intValue ?? 0) == received)

        let thirdRun = try ltc(arguments)
        // Sent a third time: the accepted logs count once, the rejected ones are checked again (and rejected again).
        let third = try JSONParser.parse(thirdRun.stdout)
        #expect(third["unchanged"]?.intValue == report["accepted"]?.intValue)
        #expect(third["rechecked"]?.intValue == report["rejected"]?.intValue && third["rejected"] == report["rejected"])
    }
}

@Suite("ltc demo on both engines", .enabled(if: ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
                                           "no PostgreSQL server for tests: set LTC_TEST_POSTGRES=postgresql://USER@HOST:PORT/DBNAME"))
struct DemoOnBothEnginesTests {
    let scratch = Scratch()

    @Test("ltc demo --db postgresql://… prints the same month and the same statements as on SQLite")
    func sameStatements() throws {
        let sqlite = scratch.path("demo-sqlite", ".sqlite")
        let server = ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES"]!
        let schema = "ltc_e2e_demo_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresAdmin.run(on: server, "CREATE SCHEMA \(schema)")
        defer { try? PostgresAdmin.run(on: server, "DROP SCHEMA \(schema) CASCADE") }
        let postgres = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"

        let runs = try [sqlite, postgres].map { db in try ltc(["demo", "--db", db]) }
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        // Everything up to the hints, which name the database.
        let months = runs.map { $0.stdout.components(separatedBy: "Where to look next")[0] }
        #expect(months[0] == months[1])
        let statements = try [sqlite, postgres].map { db in
            try ltc(["settle", "--month", "2026-04", "--csv", "--db", db, "--actor", "administrator:demo"]).stdout
        }
        #expect(statements[0] == statements[1] && statements[0].split(separator: "\n").count == 3)
    }
}

@Suite("ltc report's CSV: a file per table, numbers as numbers, a byte-order mark on request, with the HTML page")
struct ReportCSVTests {
    let scratch = Scratch()

    @Test("--csv DIR writes one file per table, --table prints one, --bom marks it, --html alongside writes both; rpc answers a text per table")
    func tables() throws {
        let db = scratch.database("report")
        _ = try ltc(["demo", "--db", db])
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let folder = try scratch.folder("csv")
        let page = folder.appendingPathComponent("2026-04.html").path
        let run = try ltc(["report", "--month", "2026-04", "--csv", folder.path, "--html", page] + admin)
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["grade", "mode", "district", "institution", "rejected", "ratings"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report-2026-04-\(name).csv").path), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: page))
        let grades = try String(contentsOf: folder.appendingPathComponent("report-2026-04-grade.csv"), encoding: .utf8)
        #expect(grades.hasPrefix("grade,logs,allowed,fund\n3,") && grades.contains("\n4,"), "\(grades)")
        let rejected = try ltc(["report", "--month", "2026-04", "--table", "rejected"] + admin).stdout
        #expect(rejected.hasPrefix("institution,received,rejected,rejected_percent\n") && !rejected.contains("%"), "\(rejected)")
        let marked = try ltc(["report", "--month", "2026-04", "--table", "mode", "--bom"] + admin).stdout
        #expect(marked.hasPrefix("\u{FEFF}mode,logs,allowed,fund\n"))
        let notAFolder = try ltc(["report", "--month", "2026-04", "--csv", folder.appendingPathComponent("report-2026-04-grade.csv").path] + admin)
        #expect(notAFolder.status == 65 && notAFolder.stderr.contains("is not a folder that can be made or written"))
        let unknown = try ltc(["report", "--month", "2026-04", "--table", "grades"] + admin)
        #expect(unknown.status == 65 && unknown.stderr.contains("use one of grade, mode, district, institution, rejected, ratings"))

        let request = #"{"jsonrpc":"2.0","id":1,"method":"report.fund","params":{"actor":"administrator:demo","month":"2026-04","format":"csv"}}"#
        let answer = try JSONParser.parse(try ltc(["rpc", "--db", db], input: request + "\n").stdout)
        #expect(answer["result"]?["csv"]?["grade"]?.stringValue == grades)
    }
}
