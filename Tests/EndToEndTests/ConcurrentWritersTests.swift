import Foundation
import LTCCore
import Testing

/// Several `ltc` processes writing one database at once give what they
/// would have given one after another: on SQLite because writers take
/// turns, on PostgreSQL because a write is SERIALIZABLE and runs again
/// after a conflict, and intake locks the institutions, people and months
/// it reads before reading them (READ COMMITTED).
@Suite("Concurrent writers on one database")
struct ConcurrentWritersTests {
    let scratch = Scratch()

    /// The same 60 visits (six beneficiaries, ten days of May 2026), under log
    /// ids of the writer's own: whichever writer is first has its visits
    /// accepted, and every later one overlaps them.
    func visits(writer: Int) -> String {
        var lines = ["log_id,institution,caregiver,person,item,start,end,mode"]
        for person in 1...6 {
            for day in 4...13 {
                let date = "2026-05-\(day < 10 ? "0" : "")\(day)"
                lines.append("W\(writer)-\(person)-\(day),I00\(person <= 3 ? 1 : 2),C\(person),\(person),S01,\(date)T15:00,\(date)T16:00,home-visit")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `ltc` once per argument list, all at the same time.
    func together(_ runs: [(arguments: [String], environment: [String: String])]) -> [Result<Run, any Error>] {
        let started = runs.map { run in
            Threads.start("test.ltc") { Result { try ltc(run.arguments, environment: run.environment) } }
        }
        return started.map { $0.join() }
    }

    /// May's statements as CSV, settled on the first of June.
    func statements(_ db: String) throws -> String {
        let admin = ["--db", db, "--actor", "administrator:demo"]
        let settled = try ltc(["settle", "--month", "2026-05", "--as-of", "2026-06-20"] + admin)
        #expect(settled.status == 0, "\(settled.stderr)")
        return try ltc(["settle", "--month", "2026-05", "--csv"] + admin).stdout
    }

    @Test("8 writers sending overlapping logs at once, one killed mid-submission, give the sequential result", .timeLimit(.minutes(5)))
    func overlapping() throws {
        let (concurrent, sequential) = (scratch.database("concurrent"), scratch.database("sequential"))
        for db in [concurrent, sequential] { #expect(try ltc(["demo", "--db", db]).status == 0) }
        var files: [String] = []
        for writer in 1...8 {
            let file = scratch.path("writer\(writer)", ".csv")
            try Data(visits(writer: writer).utf8).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        func submit(_ file: String, _ db: String) -> [String] {
            ["logs", "submit", file, "--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-14", "--json"]
        }

        // Writer 8 kills itself (SIGKILL) inside its transaction, after storing its logs and before committing.
        let runs = together(files.enumerated().map { index, file in
            (submit(file, concurrent), index == 7 ? ["LTC_CRASH_AT": "intake.chunk-stored:1"] : [:])
        })
        let reports = try runs.prefix(7).map { result in
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
            return try JSONParser.parse(run.stdout)
        }
        #expect(try runs[7].get().signal == SIGKILL)
        // Exactly one writer's visits are accepted, whichever it was.
        let accepted = reports.map { $0["accepted"]?.intValue ?? -1 }
        #expect(accepted.filter { $0 > 0 }.count == 1, "accepted per writer: \(accepted)")

        for file in files.prefix(7) {
            let run = try ltc(submit(file, sequential))
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try statements(concurrent) == statements(sequential))
        // Every writer's audit event chained once, in one unbroken chain: none chained after the same event as another.
        let audit = try ltc(["audit", "verify", "--json", "--db", concurrent, "--actor", "administrator:demo"])
        let found = try JSONParser.parse(audit.stdout)
        #expect(audit.status == 0 && found["intact"] == true && found["pending"] == 0, "\(audit.stdout)\(audit.stderr)")
    }

    @Test("8 submissions at once, each of its own visits, wait their turn: none is refused for a conflict or runs again", .timeLimit(.minutes(5)))
    func turns() throws {
        let db = scratch.database("turns")
        #expect(try ltc(["demo", "--db", db]).status == 0)
        let runs = together((1...8).map { writer in
            var lines = ["log_id,institution,caregiver,person,item,start,end,mode"]
            for person in 1...6 {
                let date = "2026-05-\(String(format: "%02d", 3 + writer))"
                lines.append("T\(writer)-\(person),I00\(person <= 3 ? 1 : 2),C\(person),\(person),S01,\(date)T15:00,\(date)T16:00,home-visit")
            }
            let file = scratch.path("turn\(writer)", ".csv")
            try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
            return (["logs", "submit", file, "--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-14", "--json"], [:])
        })
        for result in runs {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("ran again"), "\(run.stderr)")
        }
    }

    @Test("32 submissions at once, and an administrator's bulk of both institutions beside them: none is refused for a conflict or runs again",
          .timeLimit(.minutes(5)))
    func manyTurns() throws {
        let db = scratch.database("many")
        #expect(try ltc(["demo", "--db", db]).status == 0)
        func file(_ name: String, _ lines: [String]) -> String {
            let path = scratch.path(name, ".csv")
            try? Data((["log_id,institution,caregiver,person,item,start,end,mode"] + lines).joined(separator: "\n").appending("\n").utf8)
                .write(to: URL(fileURLWithPath: path))
            return path
        }
        func visit(_ id: String, person: Int, day: Int, hour: Int) -> String {
            let start = String(format: "2026-05-%02dT%02d:00", day, hour), end = String(format: "2026-05-%02dT%02d:00", day, hour + 1)
            return "\(id),I00\(person <= 3 ? 1 : 2),C\(person),\(person),S01,\(start),\(end),home-visit"
        }
        var files = (0..<32).map { writer in
            file("many\(writer)", (1...6).map { visit("M\(writer)-\($0)", person: $0, day: 21 + writer % 10, hour: 8 + writer / 10) })
        }
        files.append(file("bulk", (1...6).flatMap { person in (21...30).map { visit("B-\(person)-\($0)", person: person, day: $0, hour: 14) } }))
        let runs = together(files.map { (["logs", "submit", $0, "--db", db, "--actor", "administrator:demo", "--as-of", "2026-05-31", "--json"], [:]) })
        for result in runs {
            let run = try result.get()
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("ran again"), "\(run.stderr)")
        }
    }
}
