import Foundation

/// Processor time (user and system) that processes have used, from
/// `/proc/PID/stat`: to say where a scenario's time went (the server, the
/// database's backends, the benchmark's own client), not only how long it took.
///
/// ```swift
/// let before = ProcessCPU.seconds(of: server.process.processIdentifier)
/// …
/// let used = ProcessCPU.seconds(of: server.process.processIdentifier) - before
/// ```
enum ProcessCPU {
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// The seconds of processor `pid` has used so far, all its threads together; 0 if it is gone.
    static func seconds(of pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // After "pid (comm) ": state is field 3, utime 14 and stime 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / ticksPerSecond
    }

    /// Seconds used by each PostgreSQL backend now connected to `database`
    /// (its command line reads `postgres: USER DATABASE HOST(PORT) …`), by pid.
    static func backends(of database: String) -> [Int32: Double] {
        var found: [Int32: Double] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                  let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8),
                  command.hasPrefix("postgres: ") else { continue }
            let words = command.split(separator: " ")
            guard words.count > 2, words[2] == database else { continue }
            found[pid] = seconds(of: pid)
        }
        return found
    }

    /// What backends used between two readings (one that began meanwhile counts whole).
    static func used(_ before: [Int32: Double], _ after: [Int32: Double]) -> Double {
        after.reduce(0) { $0 + $1.value - (before[$1.key] ?? 0) }
    }

    /// The database name of a `postgresql://…/NAME?…` URI.
    static func databaseName(_ uri: String) -> String {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        return path.split(separator: "/").last.map(String.init) ?? ""
    }
}

/// The one-minute load average, from `/proc/loadavg` (benchmarks on a shared machine say what else ran).
func loadAverage() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return -1 }
    return Double(text.split(separator: " ").first ?? "") ?? -1
}
