// ltc-bench: the project's speed and memory figures.
//
//     swift build -c release && swift run -c release ltc-bench
//
// Scenario "rpc-score": N assessment.score requests (cn-ltc-2021, varied
// answers) streamed through the JSON-RPC loop over pipes, N = 10k, 100k, 1M.
// Each run happens in a fresh child process so that its peak memory (VmHWM,
// or the ltc child's maxrss) belongs to that run alone. Two ways:
//   loop     the RPCLoop in the bench process, fed and drained by threads;
//   process  a real `ltc rpc` child (if ltc is built beside ltc-bench).
// LTC_BENCH_WORKERS=N sets the process's workers (Threads): the loop's worker
// threads and intake's lanes (default: one per core), to see how the loop scales.
//
// Scenarios "logs" (a month submitted and settled in bulk), "month" (small
// batches into a full month), "monitor" (the monitoring rules on planted
// anomalies) and "serve" (ltc-server over loopback): see LogsBenchmark.swift,
// MonthBenchmark.swift, MonitorBenchmark.swift and ServeBenchmark.swift.

import Foundation
import LTCAssessment
import LTCCore
import LTCOperations
import LTCProtocol

/// Request lines with varied answers; ids are added per request.
func requestTemplates(_ form: AssessmentForm, count: Int) -> [(prefix: [UInt8], suffix: [UInt8])] {
    var generator = SplitMix64(seed: 2021)
    return (0..<count).map { _ in
        var answers = JSONObject()
        for item in form.items {
            answers.set(item.id, .integer(item.options[Int(generator.next() % UInt64(item.options.count))].score))
        }
        let params: JSONValue = ["form": .string(form.id), "answers": .object(answers)]
        return (Array(#"{"jsonrpc":"2.0","id":"#.utf8), Array(#","method":"assessment.score","params":\#(params)}"#.utf8) + [0x0A])
    }
}

/// Writes `count` requests to `descriptor` in 64 KiB chunks, then closes it.
func feed(_ count: Int, templates: [(prefix: [UInt8], suffix: [UInt8])], to descriptor: Int32) {
    var chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 16 + 4096)
    for id in 1...count {
        let template = templates[id % templates.count]
        chunk += template.prefix
        chunk += String(id).utf8
        chunk += template.suffix
        if chunk.count >= 1 << 16 {
            writeAll(chunk, to: descriptor)
            chunk.removeAll(keepingCapacity: true)
        }
    }
    writeAll(chunk, to: descriptor)
    close(descriptor)
}

func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written <= 0 { fatalError("ltc-bench: write failed: errno \(errno)") }
            offset += written
        }
    }
}

/// Reads `descriptor` to its end; returns the number of lines, how many of
/// them are results (not errors), and the first line.
func drain(_ descriptor: Int32) -> (lines: Int, results: Int, first: String) {
    let resultMarker = Array(#","result":"#.utf8)
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var filled = 0
    var lines = 0, results = 0
    var first = ""
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
        if count <= 0 { break }
        filled += count
        let consumed = buffer.withUnsafeBytes { raw -> Int in
            var start = 0
            while start < filled, let newline = memchr(raw.baseAddress! + start, 0x0A, filled - start) {
                let end = raw.baseAddress!.distance(to: UnsafeRawPointer(newline))
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                if lines == 0 { first = String(decoding: line.prefix(120), as: UTF8.self) }
                // A result line reads {"jsonrpc":"2.0","id":N,"result":…: look for the marker near the start.
                let head = line.prefix(48)
                if head.count >= resultMarker.count,
                   (0...(head.count - resultMarker.count)).contains(where: { head[$0..<$0 + resultMarker.count].elementsEqual(resultMarker) }) {
                    results += 1
                }
                lines += 1
                start = end + 1
            }
            return start
        }
        buffer.withUnsafeMutableBytes { raw in
            _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed)
        }
        filled -= consumed
        if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
    }
    return (lines, results, first)
}

func peakMemoryKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

func makePipe() -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { fatalError("ltc-bench: pipe failed") }
    return (fds[0], fds[1])
}

/// Child mode: one run, printing "requests seconds peakKiB lines results".
func runOnce(mode: String, count: Int) throws {
    let catalog = try FormCatalog.load()
    let templates = requestTemplates(try catalog.form(id: "cn-ltc-2021"), count: 64)
    let input = makePipe(), output = makePipe()
    let start = DispatchTime.now().uptimeNanoseconds
    let feeder = Threads.start("bench.feed") { feed(count, templates: templates, to: input.write) }
    let drainer = Threads.start("bench.drain") { drain(output.read) }

    var peak: Int
    var tally: (lines: Int, results: Int, first: String)
    switch mode {
    case "loop":
        let servers = try (0..<Threads.workers).map { _ in RPCServer(catalogue: .standard(), environment: OperationEnvironment(forms: try FormCatalog.load())) }
        _ = RPCLoop(servers: servers).run(input: input.read, output: output.write)
        close(output.write)
        tally = drainer.join()
        peak = peakMemoryKiB()
    case "process", "python":
        let process = Process()
        if mode == "python" {
            // The baseline: the same lines through Python's json.loads and json.dumps, one line written each.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", pythonRoundTrip]
        } else {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ltc")
            process.arguments = ["rpc"]
        }
        process.standardInput = FileHandle(fileDescriptor: input.read, closeOnDealloc: false)
        process.standardOutput = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        try process.run()
        close(input.read)
        close(output.write)
        tally = drainer.join()
        process.waitUntilExit()
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        peak = usage.ru_maxrss
    default:
        throw InputError(source: "mode", message: "unknown mode \(mode)")
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    feeder.join()
    print("\(count) \(seconds) \(peak) \(tally.lines) \(tally.results)")
    if tally.results != count && mode != "python" {
        FileHandle.standardError.write(Data("ltc-bench: expected \(count) results, got \(tally.results); first line: \(tally.first)\n".utf8))
    }
}

/// The baseline a JSON-RPC process is held to: Python reading each request
/// line, parsing it and writing it back as JSON, with no scoring at all.
let pythonRoundTrip = """
    import json, sys
    write = sys.stdout.write
    for line in sys.stdin:
        write(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) + "\\n")
    """

/// Parent mode: every scenario in a child process, and a table of figures.
func runAll() throws {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var modes = ["loop"]
    if FileManager.default.isExecutableFile(atPath: me.deletingLastPathComponent().appendingPathComponent("ltc").path) {
        modes.append("process")
    } else {
        print("(no ltc beside ltc-bench: run `swift build -c release` first to measure the ltc process too)")
    }
    if (try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", ""]))?.waitUntilExitStatus() == 0 {
        modes.append("python")
    } else {
        print("(no python3: the baseline of Python's JSON round trip is left out)")
    }
    print("scenario rpc-score: assessment.score on cn-ltc-2021 through the JSON-RPC loop, one request per line,")
    print("each response read from a pipe; python: the same lines through json.loads and json.dumps, for scale")
    print("mode      requests   seconds   requests/s   peak MiB   answered")
    for mode in modes {
        for count in [10_000, 100_000, 1_000_000] {
            let child = Process()
            child.executableURL = me
            child.arguments = ["rpc-score", mode, String(count)]
            let output = Pipe()
            child.standardOutput = output
            try child.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            let fields = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            guard child.terminationStatus == 0, fields.count == 5, let seconds = Double(fields[1]), let peak = Double(fields[2]),
                  let lines = Int(fields[3]), let results = mode == "python" ? lines : Int(fields[4])
            else {
                print("\(mode): run of \(count) failed: \(text)")
                continue
            }
            let rate = Double(count) / seconds
            let row = [
                mode.padding(toLength: 8, withPad: " ", startingAt: 0),
                String(count).leftPad(9), String(format: "%9.3f", seconds), String(format: "%12.0f", rate),
                String(format: "%10.1f", peak / 1024), (results == count ? "all" : "\(results)").leftPad(10),
            ]
            print(row.joined(separator: " "))
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

// Every thread the library and this bench start comes from Threads: one worker per
// core (at most 8), or LTC_BENCH_WORKERS, to see how the RPC loop scales.
Threads.configure(Threads.Configuration(workers: Int(ProcessInfo.processInfo.environment["LTC_BENCH_WORKERS"] ?? "") ?? Threads.Configuration.processors))
var arguments = Array(CommandLine.arguments.dropFirst())
/// `--db URI` anywhere among the arguments: the PostgreSQL server of the server scenarios.
var server: String?
if let flag = arguments.firstIndex(of: "--db"), flag + 1 < arguments.count {
    server = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
do {
    if arguments.count == 3, arguments[0] == "rpc-score", let count = Int(arguments[2]), count > 0 {
        try runOnce(mode: arguments[1], count: count)
    } else if arguments.count == 2, arguments[0] == "logs", let count = Int(arguments[1]), count > 0, let server {
        try ServerBenchmark.logs(count: count, server: server)
    } else if arguments.count == 2, arguments[0] == "logs", let count = Int(arguments[1]), count > 0 {
        try LogsBenchmark.run(logs: count)
    } else if arguments.count == 2, arguments[0] == "monitor", let count = Int(arguments[1]), count > 0 {
        try MonitorBenchmark.run(logs: count, database: server)
    } else if arguments.count == 2, arguments[0] == "serve", let count = Int(arguments[1]), count > 0 {
        try ServeBenchmark.run(requests: count, server: server)
    } else if arguments.count == 2, arguments[0] == "submitters", let count = Int(arguments[1]), count > 0 {
        try ServerBenchmark.submitters(count: count, server: server)
    } else if (3...4).contains(arguments.count), arguments[0] == "gen", let count = Int(arguments[2]), count > 0 {
        try LogsBenchmark.gen(database: arguments[1], logs: count, csv: arguments.count == 4 ? arguments[3] : arguments[1] + ".csv")
    } else if (2...3).contains(arguments.count), arguments[0] == "month", let count = Int(arguments[1]), count > 0 {
        try MonthBenchmark.run(logs: count, folder: arguments.count == 3 ? arguments[2] : nil)
    } else if arguments.count == 6, arguments[0] == "month-series", let first = Int(arguments[4]), let count = Int(arguments[5]) {
        try MonthBenchmark.runSeries(mode: arguments[1], database: arguments[2], directory: arguments[3], first: first, count: count)
    } else if arguments.isEmpty {
        try runAll()
    } else {
        FileHandle.standardError.write(Data("usage: ltc-bench            (the rpc-score scenario, all sizes)\n       ltc-bench rpc-score loop|process N\n       ltc-bench logs N [--db postgresql://…]  (a synthetic month of N logs submitted and settled; on a server, against plain COPY)\n       ltc-bench submitters N [--db postgresql://…]  (batches of 100 into a month of N logs: 1 submitter, then 8 at once)\n       ltc-bench gen DB N [CSV]   (write the synthetic city to DB, a file or postgresql://…, and its logs to CSV, else DB.csv)\n       ltc-bench month N [DIR]    (batches of 100 logs into a month holding N logs, against an empty month)\n       ltc-bench monitor N [--db postgresql://…]  (two months of N logs with planted anomalies; monitor.run timed, each rule's precision and recall)\n       ltc-bench serve N [--db postgresql://…]  (ltc-server: N assessment.score over HTTP against ltc rpc on stdin; 50 institutions sending 100-log files at once; memory over N requests)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("ltc-bench: \(error)\n".utf8))
    exit(1)
}

extension Process {
    func waitUntilExitStatus() -> Int32 {
        waitUntilExit()
        return terminationStatus
    }
}
