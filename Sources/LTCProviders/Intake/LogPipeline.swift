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

/// Reads a submission's chunks on a thread of its own, up to two chunks
/// ahead of the caller, so that parsing overlaps checking and storing.
///
/// ```swift
/// let pipeline = LogPipeline(bytes, chunkSize: 50_000)
/// defer { pipeline.cancel() }
/// while let chunk = pipeline.next() { … }
/// ```
struct LogPipeline {
    /// A chunk of parsed lines.
    struct Chunk: Sendable {
        var lines: [SubmittedLine]
        /// Bytes of the input read up to the chunk's end.
        var consumed: Int
        /// Why the input cannot be read as service logs at all (known once the first chunk is read).
        var unusable: String?
    }

    /// Chunks read and not yet taken: at most two, so memory stays bounded whatever the input's length.
    private let chunks = Handoff<Chunk>(capacity: 2)
    private let reader: StartedThread<Void>

    init(_ input: LogInput, chunkSize: Int) {
        let chunks = chunks
        reader = Threads.start("intake.parse") {
            var stream: LogReader.Stream
            switch input {
            case .bytes(let bytes): stream = LogReader.Stream(bytes)
            case .descriptor(let descriptor): stream = LogReader.Stream(descriptor: descriptor)
            }
            while let lines = stream.next(upTo: chunkSize),
                  chunks.put(Chunk(lines: lines, consumed: stream.consumed, unusable: stream.unusable)) {}
            chunks.close()
        }
    }

    /// The next chunk, or nil when the submission is read.
    func next() -> Chunk? {
        chunks.take()
    }

    /// Stops reading (early, if the caller failed) and waits for the reader
    /// thread to end (after the chunk it is reading, if any), so that the
    /// input may be read again from the start. Call once.
    func cancel() {
        chunks.cancel()
        reader.join()
    }
}
