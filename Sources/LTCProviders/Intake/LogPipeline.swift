import Foundation

/// Where a submission's bytes come from: in memory, or an open file read a
/// block at a time (the caller keeps it open until ``IntakeService/submit(_:size:actor:asOf:progress:)`` returns).
public enum LogInput: Sendable {
    case bytes([UInt8])
    case descriptor(Int32)
}

/// Reads a submission's chunks on a thread of its own, one or two chunks
/// ahead of the caller, so that parsing overlaps checking and storing.
///
/// ```swift
/// let pipeline = LogPipeline(bytes, chunkSize: 50_000)
/// while let chunk = pipeline.next() { … }
/// ```
final class LogPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [[SubmittedLine]] = []
    private var finished = false
    private let ahead = 2

    init(_ input: LogInput, chunkSize: Int) {
        let thread = Thread { [self] in
            var stream: LogReader.Stream
            switch input {
            case .bytes(let bytes): stream = LogReader.Stream(bytes)
            case .descriptor(let descriptor): stream = LogReader.Stream(descriptor: descriptor)
            }
            while let chunk = stream.next(upTo: chunkSize) {
                condition.lock()
                while ready.count >= ahead && !finished { condition.wait() }
                let stop = finished
                if !stop { ready.append(chunk) }
                condition.broadcast()
                condition.unlock()
                if stop { return }
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next chunk, or nil when the submission is read.
    func next() -> [SubmittedLine]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let chunk = ready.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// Stops reading early (the caller failed): the reader thread ends.
    func cancel() {
        condition.lock()
        finished = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    deinit { cancel() }
}
