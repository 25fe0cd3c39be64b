// Scenario "month": small submissions into a month that already holds a
// city's logs, against the same submissions into the month while it is
// empty. Institutions send small batches every day into a month that keeps
// growing; a batch must cost what it touches, not what the month holds.
//
//     ltc-bench month N [DIR]   a city for N logs; 200 batches of 100 held back; the rest
//                               submitted in bulk; the batches timed into the empty month
//                               (a copy taken before the bulk) and into the full one,
//                               100 as separate `ltc logs submit` processes and 100 through
//                               one `ltc rpc`; then settlement, `case list --limit 50` and
//                               the raw SQLite insert of the bulk's rows, for scale.
//                               DIR keeps the databases (else a temporary folder, removed).

import Foundation
import LTCCore

enum MonthBenchmark {
    static let batches = 200
    static let batchSize = 100
    static let common = ["--actor", "administrator:bench", "--as-of", LogsBenchmark.asOf]

    static func run(logs: Int, folder: String?) throws {
        let directory = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-month-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if folder == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let full = directory + "/full.sqlite", empty = directory + "/empty.sqlite"
        for path in [full, empty] { removeDatabase(path) }

        let held = batches * batchSize
        let city = try LogsBenchmark.generate(database: full, logs: logs + held)
        try FileManager.default.copyItem(atPath: full, toPath: empty)
        // Put the copy on disk now: else the first batch's commit would wait for it.
        let copy = open(empty, O_RDONLY)
        fsync(copy)
        close(copy)
        let (header, bulk, batchLines) = split(city.csv, holdingBack: held)
        try Data(header + bulk.joined()).write(to: URL(fileURLWithPath: directory + "/bulk.csv"))
        for batch in 0..<batches {
            let lines = batchLines[(batch * batchSize)..<((batch + 1) * batchSize)].joined()
            try Data(header + lines).write(to: URL(fileURLWithPath: batchPath(directory, batch)))
        }
        print("scenario month: batches of \(batchSize) logs into a month holding \(bulk.count) logs, against the same into the empty month")
        print("city: \(city.people) beneficiaries, \(city.institutions) institutions; every batch spreads across the city (every \(max(1, (bulk.count + held) / held))th log held back)")

        var rows: [(String, Series)] = []
        rows.append(("empty month, processes", try series("process", database: empty, directory: directory, first: 0)))
        rows.append(("empty month, one rpc", try series("rpc", database: empty, directory: directory, first: batches / 2)))

        let bulkRun = try series("bulk", database: full, directory: directory, first: 0)
        let bulkSeconds = bulkRun.worst
        rows.append(("full month, processes", try series("process", database: full, directory: directory, first: 0)))
        rows.append(("full month, one rpc", try series("rpc", database: full, directory: directory, first: batches / 2)))
        let (settleSeconds, _) = try LogsBenchmark.runLTC(["settle", "--month", LogsBenchmark.month.description, "--db", full, "--json"] + common)
        let listing = try (0..<5).map { _ in try LogsBenchmark.runLTC(["case", "list", "--limit", "50", "--db", full] + common).0 }.sorted()[2]
        let start = try (0..<5).map { _ in try LogsBenchmark.runLTC(["--version"]).0 }.sorted()[2]
        let (reportSeconds, _) = try LogsBenchmark.runLTC(["report", "--month", LogsBenchmark.month.description, "--db", full] + common)
        let rawSeconds = try LogsBenchmark.rawInsert(Array(header + bulk.joined()))

        print("")
        print("batch of \(batchSize)                 median s   worst s   peak MB   accepted")
        for (label, figures) in rows {
            print([label.padding(toLength: 26, withPad: " ", startingAt: 0), String(format: "%8.3f", figures.median), String(format: "%9.3f", figures.worst),
                   String(figures.peak).leftPad(9), String(figures.accepted).leftPad(10)].joined(separator: " "))
        }
        let ratio = { (full: Series, empty: Series) in String(format: "%.2f", full.median / empty.median) }
        print("full ÷ empty (median): processes \(ratio(rows[2].1, rows[0].1))×, rpc \(ratio(rows[3].1, rows[1].1))×; "
              + "worst batch = \(String(format: "%.2f", 100 * max(rows[2].1.worst, rows[3].1.worst) / bulkSeconds)) % of the bulk submission")
        print("")
        print("bulk: ltc logs submit of \(bulk.count) logs \(LogsBenchmark.format(bulkSeconds)) s (\(bulkRun.accepted) accepted), peak \(bulkRun.peak) MB; "
              + "ltc settle \(LogsBenchmark.format(settleSeconds)) s; together \(LogsBenchmark.format(bulkSeconds + settleSeconds)) s")
        print("raw SQLite insert of the same rows (prepared, one transaction, no keys): \(LogsBenchmark.format(rawSeconds)) s; "
              + "ltc takes \(String(format: "%.1f", (bulkSeconds + settleSeconds) / rawSeconds))× that")
        print("ltc case list --limit 50 (of \(city.people) cases): \(String(format: "%.0f", listing * 1000)) ms (median of 5); "
              + "ltc report --month: \(LogsBenchmark.format(reportSeconds)) s")
        print("every process time above includes starting a process: ltc --version takes \(String(format: "%.0f", start * 1000)) ms (median of 5)")
        if folder != nil { print("kept in \(directory): full.sqlite (settled), empty.sqlite, bulk.csv, batch-*.csv") }
    }

    /// The header, the lines for the bulk submission, and `count` lines held
    /// back at an even stride across the file (so that every batch touches
    /// people, caregivers and institutions all over the city).
    static func split(_ csv: [UInt8], holdingBack count: Int) -> (header: [UInt8], bulk: [ArraySlice<UInt8>], held: [ArraySlice<UInt8>]) {
        var lines = csv.split(separator: 0x0A, omittingEmptySubsequences: true).map { $0 + [0x0A] }
        let header = Array(lines.removeFirst())
        let stride = max(1, lines.count / count)
        var bulk: [ArraySlice<UInt8>] = [], held: [ArraySlice<UInt8>] = []
        bulk.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            if index % stride == 0 && held.count < count { held.append(line) } else { bulk.append(line) }
        }
        return (header, bulk, held)
    }

    static func batchPath(_ directory: String, _ batch: Int) -> String { directory + "/batch-\(batch).csv" }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    struct Series {
        var median: Double
        var worst: Double
        var peak: Int
        var accepted: Int
    }

    /// Runs a series in a child `ltc-bench`, so that its peak memory figure
    /// covers that series' `ltc` processes alone. (A child forked from this
    /// process, which holds the city's logs, would start its peak there.)
    static func series(_ mode: String, database: String, directory: String, first: Int) throws -> Series {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        child.arguments = ["month-series", mode, database, directory, String(first), String(batches / 2)]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard child.terminationStatus == 0, fields.count == 4, let median = Double(fields[0]), let worst = Double(fields[1]),
              let peak = Int(fields[2]), let accepted = Int(fields[3])
        else { throw BenchFailure("month-series \(mode) failed: \(text)") }
        return Series(median: median, worst: worst, peak: peak, accepted: accepted)
    }

    /// The child's side: `count` batches from `first`, each as its own
    /// `ltc logs submit` or as one `logs.submit` request to a single `ltc rpc`;
    /// or ("bulk") the bulk file as one `ltc logs submit`.
    /// Prints the median and worst seconds, the peak MB and the logs accepted.
    static func runSeries(mode: String, database: String, directory: String, first: Int, count: Int) throws {
        var seconds: [Double] = [], accepted = 0
        switch mode {
        case "bulk":
            let (time, output) = try LogsBenchmark.runLTC(["logs", "submit", directory + "/bulk.csv", "--db", database, "--json"] + common)
            seconds.append(time)
            accepted = try JSONParser.parse(output)["accepted"]?.intValue ?? 0
        case "process":
            for batch in first..<(first + count) {
                let (time, output) = try LogsBenchmark.runLTC(["logs", "submit", batchPath(directory, batch), "--db", database, "--json"] + common)
                seconds.append(time)
                accepted += try JSONParser.parse(output)["accepted"]?.intValue ?? 0
            }
        case "rpc":
            let rpc = Process()
            rpc.executableURL = LogsBenchmark.ltcURL
            rpc.arguments = ["rpc", "--db", database]
            let requests = Pipe(), responses = Pipe()
            rpc.standardInput = requests
            rpc.standardOutput = responses
            try rpc.run()
            var reader = LineReader(descriptor: responses.fileHandleForReading.fileDescriptor)
            for batch in first..<(first + count) {
                let logs = String(decoding: try Data(contentsOf: URL(fileURLWithPath: batchPath(directory, batch))), as: UTF8.self)
                let request: JSONValue = ["jsonrpc": "2.0", "id": .integer(batch), "method": "logs.submit",
                                          "params": ["actor": "administrator:bench", "asOf": .string(LogsBenchmark.asOf), "logs": .string(logs)]]
                let started = DispatchTime.now().uptimeNanoseconds
                requests.fileHandleForWriting.write(Data((JSONWriter.string(request) + "\n").utf8))
                guard let line = reader.next() else { throw BenchFailure("ltc rpc ended early") }
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                let response = try JSONParser.parse(line)
                guard let result = response["result"] else { throw BenchFailure("logs.submit failed: \(line)") }
                accepted += result["accepted"]?.intValue ?? 0
            }
            try requests.fileHandleForWriting.close()
            rpc.waitUntilExit()
        default:
            throw BenchFailure("unknown series mode \(mode)")
        }
        seconds.sort()
        print(seconds[seconds.count / 2], seconds.last!, LogsBenchmark.childPeakMegabytes(), accepted)
    }
}

/// Lines from a file descriptor, read in blocks.
struct LineReader {
    let descriptor: Int32
    var buffer: [UInt8] = []

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func next() -> String? {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeSubrange(...end)
                return line
            }
            var block = [UInt8](repeating: 0, count: 1 << 16)
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            buffer += block[..<count]
        }
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
