#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor through one reusable buffer.
///
/// Lines end at `\n` (a `\r` before it is dropped); the last line may lack
/// one. A line longer than `limit` is skipped to its end and reported by its
/// length, so one huge line cannot exhaust memory.
struct LineReader {
    enum Event: Equatable {
        case line([UInt8])
        case overlong(length: Int)
        case end
        case failed(errno: Int32)
    }

    private let descriptor: Int32
    private let limit: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0            // first byte of the unfinished line
    private var filled = 0           // bytes in buffer[0..<filled]
    private var scanned = 0          // buffer[start..<scanned] has no newline
    private var skipped: Int? = nil  // bytes of an overlong line dropped so far
    private var atEnd = false

    init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = limit
    }

    mutating func next() -> Event {
        while true {
            if let newline = newlineIndex() {
                let event = take(upTo: newline)
                start = newline + 1
                scanned = start
                return event
            }
            scanned = filled
            if atEnd {
                guard start < filled || skipped != nil else { return .end }
                let event = take(upTo: filled)
                start = filled
                return event
            }
            if let failure = fill() { return failure }
        }
    }

    /// The next line if it is already in the buffer, without reading: `nil`
    /// when the next event needs a read (or is the end of input).
    mutating func nextBuffered() -> Event? {
        guard skipped == nil, let newline = newlineIndex() else { return nil }
        let event = take(upTo: newline)
        start = newline + 1
        scanned = start
        return event
    }

    /// The first newline in `buffer[scanned..<filled]`.
    private func newlineIndex() -> Int? {
        guard scanned < filled else { return nil }
        return buffer.withUnsafeBytes { raw in
            memchr(raw.baseAddress! + scanned, 0x0A, filled - scanned).map { raw.baseAddress!.distance(to: UnsafeRawPointer($0)) }
        }
    }

    /// The event for the line in `buffer[start..<end]`.
    private mutating func take(upTo end: Int) -> Event {
        if let dropped = skipped {
            skipped = nil
            return .overlong(length: dropped + end - start)
        }
        var last = end
        if last > start && buffer[last - 1] == 0x0D { last -= 1 }
        return .line(Array(buffer[start..<last]))
    }

    /// Reads more input, making room first; `nil` unless reading failed.
    private mutating func fill() -> Event? {
        if start > 0 {
            // Move the unfinished line to the front.
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + start, filled - start)
            }
            filled -= start
            scanned -= start
            start = 0
        }
        if filled == buffer.count {
            if skipped != nil || filled >= limit {
                skipped = (skipped ?? 0) + filled
                filled = 0
                scanned = 0
            } else {
                buffer += [UInt8](repeating: 0, count: buffer.count)
            }
        } else if buffer.count > 1 << 20 && filled < 1 << 15 {
            // Give back the memory of a long line once it has been answered.
            buffer = Array(buffer[0..<filled]) + [UInt8](repeating: 0, count: (1 << 16) - filled)
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno)
            }
            if count == 0 { atEnd = true }
            filled += count
            return nil
        }
    }
}
