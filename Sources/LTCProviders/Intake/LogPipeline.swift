import Foundation
import LTCCore

/// Where a submission's bytes come from: in memory, or an open file read a
/// block at a time (the caller keeps it open until ``IntakeService/submit(_:size:actor:asOf:progress:)`` returns).
public enum LogInput: Sendable {
    case bytes([UInt8])
    case descriptor(Int32)

    /// Where reading begins: the descriptor's offset, if it has one (a pipe has none).
    var position: Int? {
        guard case .descriptor(let descriptor) = self else { return 0 }
        let offset = lseek(descriptor, 0, SEEK_CUR)
        return offset < 0 ? nil : Int(offset)
    }

    /// Goes back to `position` to read the input again; a pipe cannot.
    func rewind(to position: Int?) throws(IntakeInputError) {
        guard case .descriptor(let descriptor) = self else { return }
        guard let position, lseek(descriptor, off_t(position), SEEK_SET) == off_t(position) else { throw IntakeInputError() }
    }
}

/// A submission from a pipe that the store had to run again after a conflict
/// with another writer: what was read cannot be read twice.
public struct IntakeInputError: LTCError {
    public var kind: String { "conflict" }
    public var details: JSONObject { [:] }
    public var description: String {
        "the submission conflicted with another writer and had to be run again, but its logs came from a pipe that cannot be read twice: nothing was stored; send it again"
    }
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
    private var ready: [(lines: [SubmittedLine], consumed: Int)] = []
    private var finished = false
    /// The reader thread has ended.
    private var exited = false
    private let ahead = 2
    private var unusableInput: String?

    /// Why the input cannot be read as service logs at all, once its first chunk is taken.
    var unusable: String? {
        condition.lock()
        defer { condition.unlock() }
        return unusableInput
    }

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
                if !stop { ready.append((chunk, stream.consumed)) }
                if unusableInput == nil { unusableInput = stream.unusable }
                condition.broadcast()
                condition.unlock()
                if stop { break }
            }
            condition.lock()
            finished = true
            exited = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next chunk, with the bytes of the input read up to its end, or nil when the submission is read.
    func next() -> (lines: [SubmittedLine], consumed: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let chunk = ready.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// Stops reading early (the caller failed) and waits for the reader
    /// thread to end (after the chunk it is reading, if any), so that the
    /// input may be read again from the start.
    func cancel() {
        condition.lock()
        finished = true
        ready.removeAll()
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
    }
}
