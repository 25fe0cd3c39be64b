// Scenario "serve": ltc-server, the HTTP front door, against `ltc rpc` on
// standard input in the same run (issue 28's targets):
//
//     ltc-bench serve N [--db postgresql://…]
//
//  1. N assessment.score requests through one `ltc rpc` process on stdin, then
//     the same N as POST /rpc over HTTP keep-alive, 4 connections each sending
//     one request at a time, and again with 16 requests in flight per
//     connection (HTTP/1.1 pipelining); target: HTTP at least 50 % of stdin.
//     Both sides do the same work per request. stdin: a feeder thread appends
//     each line (a template's prefix, the id, its suffix) to a 64 KiB chunk
//     and writes the chunk; a drainer thread reads 1 MiB at a time and checks
//     that each line holds `","result":` in its first 48 bytes. HTTP: each of
//     4 threads appends a head made once (POST /rpc, Host, Authorization,
//     Content-Type, Content-Length) and the same body (the line less its
//     newline) to a buffer and sends it (16 in flight: up to 16, sent in one
//     write once half are answered); each answer is read into a reused
//     buffer, its status must be 200 and its body hold `","result":` in its
//     first 48 bytes (HTTPClient: no String or Foundation object per answer).
//     The load average is printed: the client shares the cores with the server.
//  LTC_BENCH_SERVE=score or =submissions runs part 1 and 3 or part 2 alone;
//  LTC_BENCH_SERVER_WORKERS=N starts the server with --workers N.
//  2. 50 institutions at once, each with its own credential, each sending
//     100-log files to POST /logs, one after another, into a month already
//     holding the rest of the city's logs: p50, p99 and the statuses; target
//     on PostgreSQL: p99 under 250 ms and no 5xx. On --db's server, in a
//     schema of its own (dropped afterwards), else SQLite. Then the processor
//     time per file of the server, of its PostgreSQL backends (their
//     /proc/PID/stat) and of the bench's own clients.
//  3. The server's memory over N requests mixing scoring and database reads,
//     sampled every tenth: target flat (the last tenth no higher than the
//     first's, give or take the allocator).
//
// The server is the ltc-server built beside ltc-bench, started as a process
// on a free loopback port with the rate limit off; N = 200,000 is the
// issue's memory run, CI runs N = 2,000.

import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import LTCStorage

enum ServeBenchmark {
    static let institutions = 50
    static let batchSize = 100

    static func run(requests: Int, server: String?) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-bench-serve-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        print("scenario serve: ltc-server over loopback on \(ProcessInfo.processInfo.activeProcessorCount) cores, release build")
        let only = ProcessInfo.processInfo.environment["LTC_BENCH_SERVE"]
        if only != "submissions" { try score(requests: requests, folder: folder) }
        if only != "score" { try submissions(server: server, requests: requests, folder: folder) }
    }

    // MARK: 1 and 3: scoring over stdin and over HTTP; memory over many requests

    static func score(requests: Int, folder: String) throws {
        let catalog = try FormCatalog.load()
        let templates = requestTemplates(try catalog.form(id: "cn-ltc-2021"), count: 64)
        let lines = (1...requests).map { id -> [UInt8] in
            let template = templates[id % templates.count]
            return template.prefix + Array(String(id).utf8) + template.suffix.dropLast()
        }

        // `ltc rpc` on stdin: every line written by one thread, every answer read by another.
        let input = makePipe(), output = makePipe()
        let process = Process()
        process.executableURL = LogsBenchmark.ltcURL
        process.arguments = ["rpc"]
        process.standardInput = FileHandle(fileDescriptor: input.read, closeOnDealloc: false)
        process.standardOutput = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        let started = DispatchTime.now().uptimeNanoseconds
        try process.run()
        close(input.read)
        close(output.write)
        let feeder = Threads.start("bench.feed") { feed(requests, templates: templates, to: input.write) }
        let answered = drain(output.read)
        feeder.join()
        process.waitUntilExit()
        let stdinSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        close(output.read)
        guard answered.results == requests else { throw BenchFailure("ltc rpc answered \(answered.results) of \(requests): \(answered.first)") }
        let stdinRate = Double(requests) / stdinSeconds

        // The same lines to ltc-server, as an administrator's credential.
        let database = folder + "/score.sqlite"
        let store = try StoreLocation(database).open()
        let today = CalendarDate(dayNumber: Int(time(nil) / 86_400))
        try store.write { (tx: any ProviderTransaction) in try tx.staff.insert(StaffMember(id: "bench", role: .administrator, name: nil, addedOn: today)) }
        let token = try CredentialService(store: store, clock: SystemClock())
            .issue(for: try Actor("administrator:bench"), expires: nil, note: "ltc-bench", actor: try Actor("administrator:bench"), asOf: nil).token.text
        let server = try ServerProcess(database: database, folder: folder)
        defer { server.stop() }
        let connections = 4, port = server.port
        let headers = ["Authorization: Bearer \(token)", "Content-Type: application/json"]
        // Each request as the stdin feeder makes its line: the template's prefix, the id, the suffix (less the newline),
        // after a head made once (its Content-Length the only part that changes).
        let head = Array("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers.map { $0 + "\r\n" }.joined())Content-Length: ".utf8)
        let blankLine = Array("\r\n\r\n".utf8)
        // The templates' suffixes less the line's newline, made once (as the stdin side's are made once with it).
        let bodies = templates.map { (prefix: $0.prefix, suffix: Array($0.suffix.dropLast())) }
        func overHTTP(depth: Int) throws -> Double {
            let started = DispatchTime.now().uptimeNanoseconds
            let workers = (0..<connections).map { number in
                Threads.start("bench.http") { () -> String? in
                    do {
                        let client = try HTTPClient(port: port)
                        let mine = Array(stride(from: number + 1, through: requests, by: connections))
                        var out: [UInt8] = []
                        out.reserveCapacity(depth * 1024)
                        var sent = 0, answered = 0
                        while answered < mine.count {
                            // Keep up to `depth` in flight: once half are answered, the rest go out in one write.
                            if sent - answered <= depth / 2 && sent < mine.count {
                                out.removeAll(keepingCapacity: true)
                                while sent < mine.count && sent - answered < depth {
                                    let id = mine[sent], template = bodies[id % bodies.count], digits = String(id).utf8
                                    out += head
                                    out += String(template.prefix.count + digits.count + template.suffix.count).utf8
                                    out += blankLine
                                    out += template.prefix
                                    out += digits
                                    out += template.suffix
                                    sent += 1
                                }
                                try client.write(out)
                            }
                            let answer = try client.receive(marker: HTTPClient.resultMarker)
                            guard answer.status == 200, answer.marked else {
                                return "status \(answer.status), not a result: \(String(decoding: answer.body, as: UTF8.self))"
                            }
                            answered += 1
                        }
                        return nil
                    } catch {
                        return "\(error)"
                    }
                }
            }
            if let failure = workers.compactMap({ $0.join() }).first { throw BenchFailure("over HTTP: \(failure); the server's log ends\n\(server.logTail)") }
            return Double(requests) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        let sequential = try overHTTP(depth: 1)
        let pipelined = try overHTTP(depth: 16)
        print("")
        print("assessment.score, \(requests) requests        requests/s   share of stdin   (load average \(String(format: "%.1f", loadAverage())))")
        print("ltc rpc on stdin (one process)      \(String(format: "%12.0f", stdinRate))")
        print("HTTP keep-alive, \(connections) connections       \(String(format: "%12.0f", sequential))   \(String(format: "%5.0f %%", 100 * sequential / stdinRate)) (target 50 %)")
        print("the same, 16 in flight each         \(String(format: "%12.0f", pipelined))   \(String(format: "%5.0f %%", 100 * pipelined / stdinRate))")

        // Memory over `requests` more, half scoring and half reading the database, sampled every tenth.
        let read = Array(#"{"limit":20}"#.utf8)
        var samples: [Int] = [server.residentKiB()]
        let client = try HTTPClient(port: server.port)
        let tenth = max(1, requests / 10)
        let memoryStarted = DispatchTime.now().uptimeNanoseconds
        for index in 0..<requests {
            if index % 2 == 0 {
                try client.send("POST", "/rpc", headers: headers, body: lines[index])
            } else {
                try client.send("POST", "/api/staff.list", headers: headers, body: read)
            }
            let answer = try client.receive()
            guard answer.status == 200 else { throw BenchFailure("memory run: status \(answer.status)") }
            if (index + 1) % tenth == 0 { samples.append(server.residentKiB()) }
        }
        let memorySeconds = Double(DispatchTime.now().uptimeNanoseconds - memoryStarted) / 1e9
        let mib = samples.map { String(format: "%.1f", Double($0) / 1024) }
        print("")
        print("server memory over \(requests) more requests (scoring and staff.list in turn, one connection, \(Int(Double(requests) / memorySeconds))/s):")
        print("RSS MiB at start, then every tenth: \(mib.joined(separator: " "))")
        let firstTenth = samples[1], last = samples.last!
        print("last tenth against the first: \(String(format: "%+.1f", Double(last - firstTenth) / 1024)) MiB; peak \(server.peakKiB() / 1024) MiB")
    }

    // MARK: 2: 50 institutions sending 100-log files at once

    static func submissions(server uri: String?, requests: Int, folder: String) throws {
        let (database, remove) = try ServerBenchmark.freshDatabase(uri, "serve")
        defer { remove() }
        // Last month (LogsBenchmark.month), so that every day of it is past, with logs accepted up to 70 days late.
        let month = LogsBenchmark.month
        let perInstitution = max(1, min(6, requests / 5_000))
        let started = Date()
        let store = try StoreLocation(database).open()
        // One institution more than the crowd: it sends its files alone first, for scale.
        var city = SyntheticCity(beneficiaries: (institutions + 1) * 120, institutions: institutions + 1, seed: 11)
        try city.seed(store, scheme: try LogsBenchmark.scheme(), validFrom: month.firstDay.adding(months: -2))
        let csv = city.logs(month: month, violationShare: 5)
        let (header, bulk, everyHeld) = ServerBenchmark.holdBack(csv, institutions: institutions + 1, lines: perInstitution * batchSize)
        let alone = everyHeld[0], held = Array(everyHeld.dropFirst())
        let bulkPath = folder + "/bulk.csv"
        try Data(header + bulk.joined()).write(to: URL(fileURLWithPath: bulkPath))
        _ = try LogsBenchmark.runLTC(["logs", "submit", bulkPath, "--db", database, "--actor", "administrator:bench"])
        let credentials = CredentialService(store: store, clock: SystemClock())
        let admin = try Actor("administrator:bench")
        let loneToken = try credentials.issue(for: try Actor("institution:\(alone.institution)"), expires: nil, note: "ltc-bench", actor: admin, asOf: nil).token.text
        let tokens = try held.map { try credentials.issue(for: try Actor("institution:\($0.institution)"), expires: nil, note: "ltc-bench", actor: admin, asOf: nil).token.text }
        let engine = uri.map { "PostgreSQL \(PostgresAdmin.redacted($0))" } ?? "SQLite"
        print("")
        print("\(institutions) institutions at once on \(engine), each \(perInstitution) files of \(batchSize) logs of \(month) in turn, into a month of \(bulk.count) logs "
              + "(city made in \(LogsBenchmark.format(Date().timeIntervalSince(started))) s)")

        let server = try ServerProcess(database: database, folder: folder)
        defer { server.stop() }
        let port = server.port
        @Sendable func send(_ client: HTTPClient, _ lines: ArraySlice<ArraySlice<UInt8>>, token: String) throws -> (seconds: Double, status: Int, accepted: Int) {
            let sent = DispatchTime.now().uptimeNanoseconds
            try client.send("POST", "/logs", headers: ["Authorization: Bearer \(token)", "Content-Type: text/csv"], body: header + lines.joined())
            let answer = try client.receive()
            let accepted = answer.status == 200 ? ((try? JSONParser.parse(answer.body))?["accepted"]?.intValue ?? 0) : 0
            return (Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e9, answer.status, accepted)
        }
        // One institution alone, its files one after another.
        let loneClient = try HTTPClient(port: port)
        let loneTimes = try (0..<perInstitution).map { batch in
            try send(loneClient, alone.lines[(batch * batchSize)..<((batch + 1) * batchSize)], token: loneToken).seconds
        }.sorted()
        let serverPID = server.process.processIdentifier, databaseName = uri.map(ProcessCPU.databaseName)
        let serverBefore = ProcessCPU.seconds(of: serverPID), benchBefore = ProcessCPU.seconds(of: getpid())
        let backendsBefore = databaseName.map(ProcessCPU.backends) ?? [:]
        let began = DispatchTime.now().uptimeNanoseconds
        let senders = held.enumerated().map { number, institution in
            Threads.start("bench.institution") { () -> (times: [Double], statuses: [Int], accepted: Int, failure: String?) in
                var times: [Double] = [], statuses: [Int] = [], accepted = 0
                do {
                    let client = try HTTPClient(port: port)
                    for batch in 0..<perInstitution {
                        let outcome = try send(client, institution.lines[(batch * batchSize)..<((batch + 1) * batchSize)], token: tokens[number])
                        times.append(outcome.seconds)
                        statuses.append(outcome.status)
                        accepted += outcome.accepted
                    }
                    return (times, statuses, accepted, nil)
                } catch {
                    return (times, statuses, accepted, "\(error)")
                }
            }
        }
        let outcomes = senders.map { $0.join() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        let serverCPU = ProcessCPU.seconds(of: serverPID) - serverBefore, benchCPU = ProcessCPU.seconds(of: getpid()) - benchBefore
        let backendsCPU = databaseName.map { ProcessCPU.used(backendsBefore, ProcessCPU.backends(of: $0)) }
        if let failure = outcomes.compactMap(\.failure).first { throw BenchFailure("an institution's connection failed: \(failure)") }
        let times = outcomes.flatMap(\.times).sorted()
        var statuses: [Int: Int] = [:]
        for status in outcomes.flatMap(\.statuses) { statuses[status, default: 0] += 1 }
        func percentile(_ share: Double) -> Double { times[min(times.count - 1, Int((Double(times.count - 1) * share).rounded()))] }
        let accepted = outcomes.map(\.accepted).reduce(0, +)
        print("one institution alone: \(loneTimes.count) files, median \(String(format: "%.3f", loneTimes[loneTimes.count / 2])) s each")
        print("files   per s    p50 s    p99 s    max s   statuses   logs accepted")
        print("\(String(times.count).leftPad(5))   \(String(format: "%5.1f", Double(times.count) / seconds))   \(String(format: "%6.3f", percentile(0.5)))   "
              + "\(String(format: "%6.3f", percentile(0.99)))   \(String(format: "%6.3f", times.last ?? 0))   "
              + "\(statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " "))   \(accepted) of \(times.count * batchSize)")
        print("target on PostgreSQL: p99 under 0.250 s and no 5xx; server peak memory \(server.peakKiB() / 1024) MiB")
        // Where a file's time went: processor time over the files, by process (2 cores: 1 s of wall time holds 2 s of processor time).
        let perFile = { (cpu: Double) in String(format: "%.1f", 1000 * cpu / Double(max(1, times.count))) }
        print("processor time per file: ltc-server \(perFile(serverCPU)) ms"
              + (backendsCPU.map { ", its PostgreSQL backends \(perFile($0)) ms" } ?? "")
              + ", ltc-bench's clients \(perFile(benchCPU)) ms; over \(String(format: "%.1f", seconds)) s of \(ProcessInfo.processInfo.activeProcessorCount) cores"
              + " (load average \(String(format: "%.1f", loadAverage())))")
    }
}

/// An ltc-server process on a free loopback port, stopped with SIGTERM.
final class ServerProcess {
    let process = Process()
    let port: Int
    let logPath: String

    /// The last lines the server logged.
    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    init(database: String, folder: String) throws {
        let portFile = folder + "/port-\(UInt32.random(in: 0 ... .max))"
        process.executableURL = LogsBenchmark.ltcURL.deletingLastPathComponent().appendingPathComponent("ltc-server")
        process.arguments = ["--db", database, "--listen", "127.0.0.1:0", "--port-file", portFile, "--rate", "0"]
            // LTC_BENCH_SERVER_WORKERS=N: the server's --workers (its default otherwise), to see how the pool's size tells.
            + (ProcessInfo.processInfo.environment["LTC_BENCH_SERVER_WORKERS"].map { ["--workers", $0] } ?? [])
        // Its log (a JSON line per request) beside the port file, read back when something fails.
        logPath = portFile + ".log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        guard FileManager.default.isExecutableFile(atPath: process.executableURL!.path) else {
            throw BenchFailure("no ltc-server beside ltc-bench: swift build -c release first")
        }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap({ Int($0) }) == nil {
            guard process.isRunning, Date() < deadline else { throw BenchFailure("ltc-server did not start on \(StoreLocation(database))") }
            usleep(20_000)
        }
        port = Int(try String(contentsOfFile: portFile, encoding: .utf8))!
    }

    func residentKiB() -> Int { status("VmRSS") }
    func peakKiB() -> Int { status("VmHWM") }

    private func status(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return -1
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}

/// A keep-alive HTTP/1.1 client on one socket, as lean as the stdin side's
/// feeder and drainer: requests written as bytes (several in one `send` when
/// pipelined), answers read into one reused buffer and found byte by byte
/// (`memchr`; the status, `Content-Length` and a marker in the body read in
/// place), with no `String` or Foundation object per answer.
final class HTTPClient {
    /// What a JSON-RPC result's body holds in its first bytes, as the stdin drainer looks for in each line.
    static let resultMarker = Array(#","result":"#.utf8)
    private static let endOfHead = Array("\r\n\r\n".utf8)
    private static let contentLength = Array("\r\ncontent-length:".utf8)

    let socket: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0, end = 0

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { throw BenchFailure("cannot connect to 127.0.0.1:\(port): errno \(errno)") }
        var one: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(socket) }

    func send(_ method: String, _ path: String, headers: [String], body: [UInt8]) throws {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        for header in headers { head += header + "\r\n" }
        try write(Array((head + "\r\n").utf8) + body)
    }

    /// Writes `bytes` whole: one request or several.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let step = Glibc.send(socket, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard step > 0 else { throw BenchFailure("send failed: errno \(errno)") }
                sent += step
            }
        }
    }

    /// The next answer: its status, and whether its body holds `marker` in its
    /// first 48 bytes (as the stdin drainer looks in each line's); the body itself when no marker is asked for, or its start when the marker is missing.
    func receive(marker: [UInt8]? = nil) throws -> (status: Int, body: [UInt8], marked: Bool) {
        var headEnd = -1
        while headEnd < 0 {
            headEnd = find(Self.endOfHead, from: start, to: end)
            if headEnd < 0 { try fill() }
        }
        // "HTTP/1.1 200 OK": the status is the three digits after the first space.
        var status = 0
        if headEnd - start >= 12 {
            for index in (start + 9)..<(start + 12) { status = status * 10 + Int(buffer[index] &- 0x30) }
        }
        let length = contentLength(from: start, to: headEnd)
        // fill() moves what is unread to the buffer's start: the body's place is kept relative to the answer's.
        let bodyOffset = headEnd + 4 - start
        while end < start + bodyOffset + length { try fill() }
        let bodyStart = start + bodyOffset
        let marked = marker.map { find($0, from: bodyStart, to: min(bodyStart + length, bodyStart + 48)) >= 0 } ?? false
        // With a marker, the body only when it is missing (to say what came instead).
        let body = marker == nil ? Array(buffer[bodyStart..<(bodyStart + length)])
            : marked ? [] : Array(buffer[bodyStart..<min(bodyStart + length, bodyStart + 300)])
        start = bodyStart + length
        return (status, body, marked)
    }

    /// The value of the head's `Content-Length` (its name in any case), or 0.
    private func contentLength(from: Int, to: Int) -> Int {
        let name = Self.contentLength
        var at = from
        while at + name.count <= to {
            guard buffer[at] == 0x0D else { at += 1; continue }
            var same = true
            for offset in 0..<name.count where buffer[at + offset] | (name[offset] >= 0x61 ? 0x20 : 0) != name[offset] {
                same = false
                break
            }
            if same {
                var index = at + name.count, value = 0
                while index < to && buffer[index] == 0x20 { index += 1 }
                while index < to, (0x30...0x39).contains(buffer[index]) {
                    value = value * 10 + Int(buffer[index] - 0x30)
                    index += 1
                }
                return value
            }
            at += 1
        }
        return 0
    }

    /// Where `needle` begins in the buffer between `from` and `to`, or -1.
    private func find(_ needle: [UInt8], from: Int, to: Int) -> Int {
        guard !needle.isEmpty else { return from }
        guard to - from >= needle.count else { return -1 }
        return buffer.withUnsafeBytes { raw in
            needle.withUnsafeBytes { pattern in
                // memchr to each candidate first byte, memcmp for the rest (Glibc's memmem is not imported).
                var at = from
                while at + pattern.count <= to, let found = memchr(raw.baseAddress! + at, Int32(needle[0]), to - pattern.count + 1 - at) {
                    let index = raw.baseAddress!.distance(to: UnsafeRawPointer(found))
                    if memcmp(found, pattern.baseAddress!, pattern.count) == 0 { return index }
                    at = index + 1
                }
                return -1
            }
        }
    }

    private func fill() throws {
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start) }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + end, $0.count - end, 0) }
        guard count > 0 else { throw BenchFailure("the connection closed: errno \(errno)") }
        end += count
    }
}
