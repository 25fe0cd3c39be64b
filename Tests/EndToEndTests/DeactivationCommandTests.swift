import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCStorage
import Testing

@Suite("Staff, assessors and institutions deactivated as processes: refused on their next command, in every process")
struct DeactivationCommandTests {
    let scratch = Scratch()

    func demo(_ name: String) throws -> String {
        let db = scratch.database(name)
        let run = try ltc(["demo", "--db", db])
        try #require(run.status == 0, "\(run.stderr)")
        return db
    }

    func run(_ arguments: [String], _ db: String, as actor: String = "administrator:demo") throws -> Run {
        try ltc(arguments + ["--db", db, "--actor", actor])
    }

    @Test("An actor deactivated by another process, or earlier in the same stream, is refused on its next request to an ltc rpc that already let it in")
    func nextRequestOfARunningProcess() throws {
        let db = try demo("deactivated-rpc")
        let process = Process()
        process.executableURL = try ltcExecutable()
        process.arguments = ["rpc", "--db", db]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        func send(_ id: Int, _ method: String, _ params: String) -> JSONValue? {
            input.fileHandleForWriting.write(Data(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#.utf8 + [0x0A]))
            var line = Data()
            while line.last != 0x0A {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty { break }
                line.append(byte)
            }
            return try? JSONParser.parse(String(decoding: line, as: UTF8.self))
        }
        let list = #"{"actor":"assessor:A1","limit":1}"#
        #expect(send(1, "case.list", list)?["result"] != nil)
        // Another process deactivates A1 while this one runs.
        let deactivated = try run(["assessor", "deactivate", "A1", "--from", "2026-01-01", "--reason", "left the agency"], db)
        #expect(deactivated.status == 0, "\(deactivated.stderr)")
        let refused = send(2, "case.list", list)
        #expect(refused?["error"]?["code"] == 1012 && refused?["error"]?["message"] == "assessor:A1 was deactivated from 2026-01-01 and may no longer act")
        // The same stream deactivates I002 after using it.
        let logs = #"{"actor":"institution:I002","institution":"I002","month":"2026-04","limit":1}"#
        #expect(send(3, "logs.list", logs)?["result"] != nil)
        #expect(send(4, "institution.deactivate", #"{"actor":"administrator:demo","id":"I002","from":"2026-01-01","reason":"closed"}"#)?["result"]?["actor"]
                == "institution:I002")
        #expect(send(5, "logs.list", logs)?["error"]?["code"] == 1012)
        // An administrator still acts for the closed institution.
        #expect(send(6, "logs.list", #"{"actor":"administrator:demo","institution":"I002","month":"2026-04","limit":1}"#)?["result"] != nil)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try run(["case", "list", "--limit", "1"], db, as: "assessor:A1").status == 77)
    }

    @Test("Deactivations are administrators' to record, audited with their reason, final, and never of the last administrator")
    func staffCommands() throws {
        let db = try demo("deactivate-staff")
        let last = try run(["staff", "deactivate", "demo", "--from", "2027-01-01", "--reason", "leaves"], db)
        #expect(last.status == 65 && last.stderr.contains("administrator:demo is the last administrator who may act"))
        try #require(try run(["staff", "add", "li", "--role", "administrator"], db).status == 0)
        try #require(try run(["staff", "add", "audit1", "--role", "auditor"], db).status == 0)
        let byAuditor = try run(["staff", "deactivate", "li", "--from", "2027-01-01", "--reason", "leaves"], db, as: "auditor:audit1")
        #expect(byAuditor.status == 77)
        let li = try run(["staff", "deactivate", "li", "--from", "2027-01-01", "--reason", "leaves", "--json"], db)
        #expect(li.status == 0)
        #expect(try JSONParser.parse(li.stdout)["actor"] == "administrator:li")
        // li acts until the day comes; demo, the one left, may not now be deactivated.
        #expect(try run(["staff", "list"], db, as: "administrator:li").status == 0)
        #expect(try run(["staff", "deactivate", "demo", "--from", "2027-06-01", "--reason", "leaves"], db).status == 65)
        let twice = try run(["staff", "deactivate", "li", "--from", "2026-12-31", "--reason", "sooner"], db)
        #expect(twice.status == 65 && twice.stderr.contains("a deactivation is final"))
        let nobody = try run(["assessor", "deactivate", "A404", "--from", "2027-01-01", "--reason", "x"], db)
        #expect(nobody.status == 65 && nobody.stderr.contains("no assessor A404"))

        // The audit trail of li: registered, a refused deactivation (the auditor's), the deactivation, a refused second one.
        let store = try StoreLocation(db).open()
        let events = try (store as any ProviderStore).read { tx in try tx.audit.events(subject: "staff:li") }
        #expect(events.map { "\($0.action) \($0.outcome.rawValue) \($0.actor)" } == [
            "staff.add done administrator:demo", "staff.deactivate refused auditor:audit1", "staff.deactivate done administrator:demo",
            "staff.deactivate refused administrator:demo",
        ])
        #expect(events[2].reason == "leaves" && events[2].after?["from"] == "2027-01-01")
    }
}
