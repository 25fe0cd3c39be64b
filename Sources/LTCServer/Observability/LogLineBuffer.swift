#if canImport(Glibc)
import Glibc
#endif
import LTCCore
import Synchronization

/// Log lines on their way to a file descriptor (standard error), written in
/// batches instead of a `write(2)` each: the access log's line per request
/// cost a tenth of the server's time as a system call of its own (issue 28's
/// perf profile).
///
/// A line joins the batch; the batch is written
/// - by a flusher thread every ``interval`` seconds (50 ms), so a line is
///   never more than that late on an idle server;
/// - at once when it reaches ``limit`` bytes (64 KiB), so memory stays bounded
///   under any load;
/// - at once, with everything before it, when the line is urgent (a notice,
///   warning or error: "listening", "stopping", "stopped", "not started");
/// - by ``flush()``, which a stopping server calls after its last request, so
///   no line is lost at shutdown.
///
/// Lines keep their order: whoever writes takes everything pending, under
/// one lock held while writing.
///
/// ```swift
/// let buffer = LogLineBuffer(descriptor: 2, interval: 0.05)
/// buffer.append(Array(#"{"message":"request"}"#.utf8) + [0x0A])   // written within 50 ms
/// buffer.flush()                                                    // now
/// ```
public final class LogLineBuffer: Sendable {
    /// Standard error's, which ``JSONLineLogHandler`` writes to by default.
    public static let standardError = LogLineBuffer(descriptor: 2, interval: 0.05)

    public let descriptor: Int32
    /// Seconds between the flusher's writes; `nil`: no flusher (a test flushes by hand).
    public let interval: Double?
    /// Bytes pending that are written at once.
    public let limit: Int

    private struct Pending {
        var bytes: [UInt8] = []
        var flusherStarted = false
    }

    private let pending = Mutex(Pending())
    /// Held while writing, so that batches reach the descriptor in the order their lines were appended.
    private let writing = Mutex(())

    public init(descriptor: Int32, interval: Double?, limit: Int = 64 << 10) {
        self.descriptor = descriptor
        self.interval = interval
        self.limit = limit
    }

    /// Adds `line` (with its newline) to the batch; `urgent` writes the batch now.
    public func append(_ line: [UInt8], urgent: Bool = false) {
        let (full, startFlusher) = pending.withLock { pending -> (Bool, Bool) in
            if pending.bytes.isEmpty { pending.bytes.reserveCapacity(limit) }
            pending.bytes += line
            let start = interval != nil && !pending.flusherStarted
            if start { pending.flusherStarted = true }
            return (pending.bytes.count >= limit, start)
        }
        if startFlusher, let interval { startFlushing(every: interval) }
        if urgent || full { flush() }
    }

    /// Writes every line appended so far.
    public func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { pending -> [UInt8] in
                defer { pending.bytes = [] }
                return pending.bytes
            }
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return }   // the log's reader went away: the lines are dropped, the server goes on
                    offset += written
                }
            }
        }
    }

    /// Bytes appended and not yet written.
    public var pendingBytes: Int { pending.withLock { $0.bytes.count } }

    private func startFlushing(every interval: Double) {
        let microseconds = useconds_t(max(1_000, interval * 1e6))
        // For the life of the process, as standard error is.
        _ = Threads.start("ltc.log") { [self] in
            while true {
                usleep(microseconds)
                flush()
            }
        }
    }
}
