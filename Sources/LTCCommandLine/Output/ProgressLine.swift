import LTCOperations
import ArgumentParser
import Foundation
import LTCCore
import Synchronization

/// `--progress` / `--no-progress` of the commands that do long work: a
/// progress line on standard error, by default only when it is a terminal.
struct ProgressOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Show a progress line on standard error (default: only when it is a terminal).")
    var progress: Bool?

    var enabled: Bool { progress ?? (isatty(STDERR_FILENO) == 1) }
}

/// One line on standard error, redrawn in place as long work goes on: a bar
/// by bytes read of a known size (or items of a known count), the percent,
/// the rate and the time left; where the size is unknown (standard input),
/// the amount read and the rate only. It ends with one final line. Drawn at
/// most ten times a second, from whichever thread reports.
///
/// ```swift
/// let line = ProgressLine(what: "lines", totalBytes: 27_000_000, enabled: true)
/// line.update(count: 120_000, bytes: 3_300_000)   // [###-----…]  12 %  3.3 of 27.0 MB  …
/// line.finish(count: 1_000_048, bytes: 27_000_000)
/// ```
final class ProgressLine: Sendable {
    let what: String
    let totalBytes: Int?
    let totalCount: Int?
    let enabled: Bool
    private let started = ContinuousClock.now
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)
    private let latestBytes = Mutex<Int?>(nil)

    init(what: String, totalBytes: Int? = nil, totalCount: Int? = nil, enabled: Bool) {
        self.what = what
        self.totalBytes = totalBytes.flatMap { $0 > 0 ? $0 : nil }
        self.totalCount = totalCount.flatMap { $0 > 0 ? $0 : nil }
        self.enabled = enabled
    }

    /// Redraws the line, unless it was drawn less than a tenth of a second ago.
    func update(count: Int, bytes: Int? = nil) {
        guard enabled else { return }
        if let bytes { latestBytes.withLock { $0 = bytes } }
        let now = ContinuousClock.now
        let draw = lastDrawn.withLock { last -> Bool in
            if let last, now - last < .milliseconds(100) { return false }
            last = now
            return true
        }
        guard draw else { return }
        write("\r" + Self.line(what: what, count: count, bytes: bytes, totalBytes: totalBytes, totalCount: totalCount,
                               seconds: seconds(now)) + "\u{1B}[K")
    }

    /// The bytes read when the line was last told, if it was told any.
    var bytesRead: Int? { latestBytes.withLock { $0 } }

    /// Replaces the line with what was done, and how fast.
    func finish(count: Int, bytes: Int? = nil) {
        guard enabled else { return }
        write("\r" + Self.summary(what: what, count: count, bytes: bytes, seconds: seconds(.now)) + "\u{1B}[K\n")
    }

    private func seconds(_ now: ContinuousClock.Instant) -> Double {
        let elapsed = now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    // MARK: The text, as pure functions

    /// `[#########---------------]  37 %  10.0 of 27.0 MB  205,000 lines/s  9 s left`, or without a size
    /// `10.0 MB read  205,000 lines/s`.
    static func line(what: String, count: Int, bytes: Int?, totalBytes: Int?, totalCount: Int?, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(count) / seconds : 0
        let speed = "\(grouped(Int(rate))) \(what)/s"
        let fraction: Double?
        var amount: String
        if let totalBytes, let bytes {
            fraction = min(1, Double(bytes) / Double(totalBytes))
            amount = "\(megabytes(bytes)) of \(megabytes(totalBytes)) MB"
        } else if let totalCount {
            fraction = min(1, Double(count) / Double(totalCount))
            amount = "\(grouped(count)) of \(grouped(totalCount)) \(what)"
        } else {
            fraction = nil
            amount = bytes.map { "\(megabytes($0)) MB read, \(grouped(count)) \(what)" } ?? "\(grouped(count)) \(what)"
        }
        guard let fraction else { return "\(amount)  \(speed)" }
        let width = 24, filled = Int(fraction * Double(width))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        let percent = "\(Int(fraction * 100)) %".leftPadded(5)
        let left = fraction > 0.01 && seconds > 0.5 ? "  \(duration(seconds / fraction - seconds)) left" : ""
        return "\(bar) \(percent)  \(amount)  \(speed)\(left)"
    }

    /// `checked 1,000,048 lines (27.0 MB) in 5.1 s, 196,088 lines/s`.
    static func summary(what: String, count: Int, bytes: Int?, seconds: Double) -> String {
        let size = bytes.map { " (\(megabytes($0)) MB)" } ?? ""
        let rate = seconds > 0 ? ", \(grouped(Int(Double(count) / seconds))) \(what)/s" : ""
        return "done: \(grouped(count)) \(what)\(size) in \(String(format: "%.1f", seconds)) s\(rate)"
    }

    static func grouped(_ number: Int) -> String { Thousands.grouped(number) }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_000_000) }

    static func duration(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.up)))
        return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60) s"
    }
}
