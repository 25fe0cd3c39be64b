// Scenario "logs": a synthetic city's month of service logs submitted,
// checked and settled, against the issue's target of 1,000,000 logs in under
// 10 seconds and 300 MB; and the raw SQLite insert rate of the same rows on
// the same machine, for scale.
//
//     ltc-bench gen DB N        a synthetic city in DB and its month of N logs in DB.csv
//     ltc-bench logs N          gen, then time submit + settle, in a fresh temporary database

import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import LTCStorage

enum LogsBenchmark {
    /// The month of the city's logs: the last full month in Shanghai, so
    /// that an institution can send its own today, as institutions do (an
    /// institution's submission is dated the day it is sent). The example
    /// scheme runs to 2027-12-31; after that the benchmarks need its successor.
    static let month = YearMonth(containing: SystemClock().today(in: "Asia/Shanghai")).adding(months: -1)
    /// The day the administrator's bulk submission and settlement are dated: the first of the month after.
    static let asOf = month.adding(months: 1).firstDay.description

    /// The example scheme, with logs accepted up to 70 days late so that a
    /// month can be sent in one file after it ends, and an institution's
    /// batch of the last month on any day of this one.
    static func scheme() throws -> Scheme {
        let path = "Examples/schemes/hours-home-care-2026.json"
        guard let text = FileManager.default.contents(atPath: path) else {
            throw CaseError(.notFound, "\(path) not found; run ltc-bench from the package folder")
        }
        let monthly = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\"lateDays\": 10", with: "\"lateDays\": 70")
        return try Scheme.decode(text: Array(monthly.utf8), source: path)
    }

    /// A city sized for `logs` logs a month (about 21 per beneficiary) and its logs file.
    static func generate(database: String, logs: Int, violationShare: Int = 5) throws -> (csv: [UInt8], seconds: Double, people: Int, institutions: Int) {
        let started = Date()
        let store = try StoreLocation(database).open()
        // About 19.25 logs per beneficiary a month with the grade mix (3 to 7 visits a week).
        let people = max(1, Int((Double(logs) / 19.25).rounded()))
        var city = SyntheticCity(beneficiaries: people, institutions: max(1, people / 120), seed: 7)
        try city.seed(store, scheme: try scheme(), validFrom: CalendarDate("2026-01-01")!)
        let csv = city.logs(month: month, violationShare: violationShare)
        return (csv, Date().timeIntervalSince(started), people, city.institutions)
    }

    static func gen(database: String, logs: Int, csv: String) throws {
        let city = try generate(database: database, logs: logs)
        try Data(city.csv).write(to: URL(fileURLWithPath: csv))
        print("\(StoreLocation(database)): \(city.people) beneficiaries, \(city.institutions) institutions; \(csv): \(city.csv.count) bytes of logs for \(month)")
    }

    static func run(logs: Int) throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-\(getpid()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        let city = try generate(database: database, logs: logs)
        let lines = city.csv.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } - 1
        print("city: \(city.people) beneficiaries, \(city.institutions) institutions, \(lines) logs (\(city.csv.count / 1_000_000) MB CSV); generated in \(format(city.seconds)) s")

        // Submit and settle through a real `ltc` process each, so that peak memory is theirs alone.
        let csvPath = database + ".csv"
        try Data(city.csv).write(to: URL(fileURLWithPath: csvPath))
        defer { try? FileManager.default.removeItem(atPath: csvPath) }
        let common = ["--db", database, "--actor", "administrator:bench", "--as-of", asOf, "--json"]
        let (submitSeconds, submitOutput) = try runLTC(["logs", "submit", csvPath] + common)
        let submitPeak = childPeakMegabytes()
        let (settleSeconds, settleOutput) = try runLTC(["settle", "--month", month.description] + common)
        let report = try JSONParser.parse(submitOutput)
        let run = try JSONParser.parse(settleOutput)
        let total = submitSeconds + settleSeconds
        let rules = report["byRule"]?.arrayValue?.map { "\($0["rule"]!.stringValue!) \($0["count"]!)" }.joined(separator: ", ") ?? ""
        print("ltc logs submit: \(format(submitSeconds)) s (\(report["accepted"]!) accepted, \(report["rejected"]!) rejected: \(rules))")
        print("ltc settle:      \(format(settleSeconds)) s (\(run["summary"]!["institutions"]!) statements, the fund pays \(run["summary"]!["payable"]!))")
        print("total:           \(format(total)) s for \(lines) logs = \(Int(Double(lines) / total)) logs/s; peak memory of the ltc processes \(max(submitPeak, childPeakMegabytes())) MB")

        // The raw rate: the same rows, plain prepared inserts in one transaction, nothing else.
        let rawSeconds = try rawInsert(city.csv)
        let rawRate = Double(lines) / rawSeconds
        let ourRate = Double(lines) / total
        print("raw SQLite insert of the same rows: \(format(rawSeconds)) s = \(Int(rawRate)) rows/s; ltc's full intake and settlement runs at \(Int(100 * ourRate / rawRate)) % of that")
    }

    /// Seconds to insert the logs of `csv` into a table without keys, with
    /// one prepared statement in one transaction: what SQLite costs on this
    /// machine before anything is checked.
    static func rawInsert(_ csv: [UInt8]) throws -> Double {
        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-raw-\(getpid()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: raw + suffix) } }
        let database = try SQLiteDatabase(path: raw)
        try database.execute("CREATE TABLE logs (institution TEXT, log_id TEXT, caregiver TEXT, person INTEGER, item TEXT, start INTEGER, end INTEGER, mode TEXT)")
        let parsed = LogReader.read(csv).compactMap { line -> ServiceLog? in if case .log(let log, _) = line { log } else { nil } }
        let started = Date()
        try database.transaction {
            for log in parsed {
                try database.run("INSERT INTO logs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                    .text(log.institution), .text(log.logID), .text(log.caregiver), .integer(log.person), .text(log.item),
                    .integer(log.start.value), .integer(log.end.value), .text(log.mode),
                ])
            }
        }
        return Date().timeIntervalSince(started)
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }

    /// The `ltc` built beside this benchmark.
    static var ltcURL: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ltc")
    }

    /// Runs the `ltc` built beside this benchmark; returns the wall time and its standard output.
    /// Runs the built `ltc` with `arguments` and waits for it; returns the
    /// seconds from spawning it to its exit and what it printed. Spawned
    /// directly (`posix_spawn`, `waitpid`): Foundation's `Process` polls for
    /// the exit and would add tens of milliseconds to every figure.
    static func runLTC(_ arguments: [String]) throws -> (Double, String) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw BenchFailure("cannot make a pipe: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        let argv = ([ltcURL.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let started = DispatchTime.now().uptimeNanoseconds
        var child: pid_t = 0
        let status = posix_spawn(&child, ltcURL.path, &actions, nil, argv, environ)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard status == 0 else { throw BenchFailure("cannot start \(ltcURL.path): error \(status)") }
        var output: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count > 0 { output += block[..<count] } else if count == 0 || errno != EINTR { break }
        }
        var exit: Int32 = 0
        while waitpid(child, &exit, 0) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // A normal exit has the low 7 bits clear and the status in the next 8.
        guard exit & 0x7F == 0, (exit >> 8) & 0xFF == 0 else {
            throw CaseError(.invalidInput, "ltc \(arguments.joined(separator: " ")) exited with status \(exit)")
        }
        return (seconds, String(decoding: output, as: UTF8.self))
    }

    static func childPeakMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }

    static func peakMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
