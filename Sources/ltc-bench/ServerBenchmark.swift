// Scenarios for a database server, each in a fresh schema of the database
// the URI names (dropped afterwards), or in a temporary SQLite file when no
// --db is given:
//
//     ltc-bench logs N --db postgresql://…      a month of N logs submitted (COPY) and settled, against a
//                                               plain COPY of the same CSV into an unindexed table
//     ltc-bench submitters N [--db URI]         a month of N logs in bulk, then batches of 100 logs,
//                                               each submitter an institution sending its own clients'
//                                               visits: one submitter alone, then 8 at once
//                                               (submissions/s, p50 and p99 of a batch)

import Foundation
import LTCCore
import LTCStorage

enum ServerBenchmark {
    /// A fresh place for a store: a schema on the server `server` names, or a
    /// temporary SQLite file; and how to remove it.
    static func freshDatabase(_ server: String?, _ name: String) throws -> (location: String, remove: () -> Void) {
        guard let server else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-\(name)-\(getpid()).sqlite").path
            return (path, { MonthBenchmark.removeDatabase(path) })
        }
        let schema = "ltc_bench_\(name)_\(getpid())"
        try PostgresAdmin.run(on: server, "DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema)")
        let location = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        return (location, { try? PostgresAdmin.run(on: server, "DROP SCHEMA IF EXISTS \(schema) CASCADE") })
    }

    /// `ltc-bench logs N --db URI`: ltc's intake and settlement of a month
    /// against PostgreSQL's own plain COPY of the same file.
    static func logs(count: Int, server: String) throws {
        let (database, remove) = try freshDatabase(server, "logs")
        defer { remove() }
        let city = try LogsBenchmark.generate(database: database, logs: count)
        let lines = city.csv.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } - 1
        print("PostgreSQL \(PostgresAdmin.redacted(server)): city of \(city.people) beneficiaries, \(city.institutions) institutions, \(lines) logs (\(city.csv.count / 1_000_000) MB CSV)")
        let csvPath = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-logs-\(getpid()).csv").path
        try Data(city.csv).write(to: URL(fileURLWithPath: csvPath))
        defer { try? FileManager.default.removeItem(atPath: csvPath) }
        let common = ["--db", database, "--actor", "administrator:bench", "--as-of", LogsBenchmark.asOf, "--json"]
        let (submitSeconds, submitOutput) = try LogsBenchmark.runLTC(["logs", "submit", csvPath] + common)
        let (settleSeconds, settleOutput) = try LogsBenchmark.runLTC(["settle", "--month", LogsBenchmark.month.description] + common)
        let report = try JSONParser.parse(submitOutput), run = try JSONParser.parse(settleOutput)
        let total = submitSeconds + settleSeconds
        print("ltc logs submit: \(LogsBenchmark.format(submitSeconds)) s (\(report["accepted"]!) accepted, \(report["rejected"]!) rejected)")
        print("ltc settle:      \(LogsBenchmark.format(settleSeconds)) s (the fund pays \(run["summary"]!["payable"]!))")
        print("total:           \(LogsBenchmark.format(total)) s = \(Int(Double(lines) / total)) logs/s; peak memory of the ltc processes \(LogsBenchmark.childPeakMegabytes()) MB")

        let (raw, removeRaw) = try freshDatabase(server, "copy")
        defer { removeRaw() }
        try PostgresAdmin.run(on: raw, """
            CREATE TABLE raw_logs (log_id TEXT, institution TEXT, caregiver TEXT, person BIGINT, item TEXT, start TEXT, "end" TEXT, mode TEXT)
            """)
        let copySeconds = try PostgresAdmin.copy(on: raw, "COPY raw_logs FROM STDIN WITH (FORMAT csv, HEADER true)", bytes: city.csv)
        print("plain COPY of the same CSV into an unindexed table: \(LogsBenchmark.format(copySeconds)) s = \(Int(Double(lines) / copySeconds)) rows/s; "
              + "ltc's intake and settlement run at \(Int(100 * copySeconds / total)) % of that (target: 25 %, issue 32)")
    }

    /// `ltc-bench submitters N [--db URI]`: batches of 100 into a full month,
    /// each submitter an institution sending its own clients' visits (as
    /// institutions do): one submitter alone, then 8 at once.
    static func submitters(count: Int, server: String?) throws {
        let writers = 8, perWriter = 12, batchSize = MonthBenchmark.batchSize
        let (database, remove) = try freshDatabase(server, "submitters")
        defer { remove() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-submitters-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let city = try LogsBenchmark.generate(database: database, logs: count)
        let (header, bulk, held) = holdBack(city.csv, institutions: writers + 1, lines: perWriter * batchSize)
        guard held.allSatisfy({ $0.lines.count == perWriter * batchSize }) else {
            throw BenchFailure("submitters needs \(writers + 1) institutions with \(perWriter * batchSize) logs each: a month of 21000 logs or more")
        }
        try Data(header + bulk.joined()).write(to: URL(fileURLWithPath: directory + "/bulk.csv"))
        for (writer, (_, lines)) in held.enumerated() {
            for batch in 0..<perWriter {
                try Data(header + lines[(batch * batchSize)..<((batch + 1) * batchSize)].joined())
                    .write(to: URL(fileURLWithPath: MonthBenchmark.batchPath(directory, writer * perWriter + batch)))
            }
        }
        let engine = server.map { "PostgreSQL \(PostgresAdmin.redacted($0))" } ?? "SQLite"
        print("scenario submitters on \(engine): batches of \(batchSize) into a month holding \(bulk.count) logs (\(city.people) beneficiaries); "
              + "each submitter an institution sending its own")
        let (bulkSeconds, _) = try LogsBenchmark.runLTC(["logs", "submit", directory + "/bulk.csv", "--db", database] + MonthBenchmark.common)
        print("bulk submission of the month: \(LogsBenchmark.format(bulkSeconds)) s")

        @Sendable func submit(_ writer: Int, _ batch: Int) throws -> Double {
            try LogsBenchmark.runLTC(["logs", "submit", MonthBenchmark.batchPath(directory, writer * perWriter + batch), "--db", database,
                                      "--actor", "institution:\(held[writer].institution)"]).0
        }
        // One submitter: its batches one after another.
        let aloneStarted = DispatchTime.now().uptimeNanoseconds
        let alone = try (0..<perWriter).map { try submit(0, $0) }
        let aloneSeconds = Double(DispatchTime.now().uptimeNanoseconds - aloneStarted) / 1e9

        // Eight submitters at once, each its own batches one after another.
        let started = DispatchTime.now().uptimeNanoseconds
        let submitters = (1...writers).map { writer in
            Threads.start("bench.submitter") { () -> (times: [Double], failures: [String]) in
                var times: [Double] = [], failures: [String] = []
                for batch in 0..<perWriter {
                    do {
                        times.append(try submit(writer, batch))
                    } catch {
                        failures.append("\(error)")
                    }
                }
                return (times, failures)
            }
        }
        let outcomes = submitters.map { $0.join() }
        let togetherSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if let failure = outcomes.flatMap(\.failures).first { throw BenchFailure("a submitter failed: \(failure)") }
        let together = outcomes.flatMap(\.times)
        func percentile(_ values: [Double], _ share: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * share).rounded()))]
        }
        let aloneRate = Double(alone.count) / aloneSeconds, togetherRate = Double(together.count) / togetherSeconds
        print("")
        print("submitters   batches   submissions/s   p50 s    p99 s")
        print("1            \(String(alone.count).leftPad(7))   \(String(format: "%13.1f", aloneRate))   \(String(format: "%.3f", percentile(alone, 0.5)))    \(String(format: "%.3f", percentile(alone, 0.99)))")
        print("\(writers)            \(String(together.count).leftPad(7))   \(String(format: "%13.1f", togetherRate))   \(String(format: "%.3f", percentile(together, 0.5)))    \(String(format: "%.3f", percentile(together, 0.99)))")
        print("\(writers) submitters give \(String(format: "%.1f", togetherRate / aloneRate))× one submitter's throughput (target: at least 1.7× on 2 cores, where 2× is the ceiling) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
    }

    /// The header, the lines for the bulk submission, and for each of the
    /// first `institutions` institutions `lines` of its own lines held back
    /// at an even stride through the month.
    static func holdBack(_ csv: [UInt8], institutions: Int, lines: Int) -> (header: [UInt8], bulk: [ArraySlice<UInt8>], held: [(institution: String, lines: [ArraySlice<UInt8>])]) {
        var all = csv.split(separator: 0x0A, omittingEmptySubsequences: true).map { $0 + [0x0A] }
        let header = Array(all.removeFirst())
        let chosen = (0..<institutions).map { SyntheticCity.institutionID($0) }
        var byInstitution: [String: [Int]] = [:]
        for (index, line) in all.enumerated() {
            let institution = String(decoding: line.split(separator: UInt8(ascii: ","))[1], as: UTF8.self)
            if chosen.contains(institution) { byInstitution[institution, default: []].append(index) }
        }
        var heldIndexes = Set<Int>()
        var held: [(String, [ArraySlice<UInt8>])] = []
        for institution in chosen {
            let indexes = byInstitution[institution] ?? []
            let stride = max(1, indexes.count / lines)
            let picked = Array(indexes.enumerated().filter { $0.offset % stride == 0 }.map(\.element).prefix(lines))
            heldIndexes.formUnion(picked)
            held.append((institution, picked.map { all[$0] }))
        }
        let bulk = all.enumerated().filter { !heldIndexes.contains($0.offset) }.map(\.element)
        return (header, bulk, held)
    }
}

extension PostgresAdmin {
    /// `uri` with its password hidden.
    static func redacted(_ uri: String) -> String { StoreLocation(uri).description }
}
