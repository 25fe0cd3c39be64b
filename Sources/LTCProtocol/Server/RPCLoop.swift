#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an ``RPCServer`` over two file descriptors: reads request lines from
/// `input`, writes each response line to `output` as soon as it is ready (one
/// `write` per line, so nothing waits in a buffer), and returns at end of input.
///
/// ```swift
/// let outcome = RPCLoop(server: server).run(input: STDIN_FILENO, output: STDOUT_FILENO)
/// ```
///
/// A bad line never ends the loop: it gets an error response and the loop
/// reads on. A line longer than ``maximumLineLength`` is skipped to its end
/// and answered with a parse error, so one huge line cannot exhaust memory.
/// Memory use does not grow with the number of lines.
public struct RPCLoop {
    /// How the loop ended.
    public enum Outcome: Equatable, Sendable {
        /// The input ended; every line was answered.
        case endOfInput
        /// The reader of `output` went away (e.g. `| head`); the loop stopped early.
        case outputClosed
        /// Reading the input failed with this `errno`.
        case readFailed(Int32)
    }

    public static let maximumLineLength = 16 << 20

    public let server: RPCServer

    public init(server: RPCServer) {
        self.server = server
    }

    public func run(input: Int32, output: Int32) -> Outcome {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var filled = 0           // bytes in buffer[0..<filled]
        var scanned = 0          // buffer[0..<scanned] has no newline
        var discarding: Int? = nil  // length so far of an overlong line being skipped

        func emit(_ response: [UInt8]?) -> Bool {
            guard var response else { return true }
            response.append(0x0A)
            return Self.writeAll(response, to: output)
        }

        while true {
            if filled == buffer.count {
                if discarding != nil || filled >= Self.maximumLineLength {
                    discarding = (discarding ?? 0) + filled
                    filled = 0
                    scanned = 0
                } else {
                    buffer.append(contentsOf: repeatElement(0, count: buffer.count))
                }
            }
            let count = buffer.withUnsafeMutableBytes { raw in
                read(input, raw.baseAddress! + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .readFailed(errno)
            }
            let atEnd = count == 0
            filled += count

            var lineStart = 0
            let keepGoing: Bool = buffer.withUnsafeBufferPointer { bytes in
                var index = scanned
                while index < filled {
                    if bytes[index] == 0x0A {
                        if let skipped = discarding {
                            discarding = nil
                            if !emit(server.respondToOverlongLine(length: skipped + index - lineStart, limit: Self.maximumLineLength)) { return false }
                        } else if !emit(server.respond(to: Self.line(bytes, lineStart, index))) {
                            return false
                        }
                        lineStart = index + 1
                    }
                    index += 1
                }
                if atEnd && lineStart < filled {
                    // The last line has no newline: answer it all the same.
                    if let skipped = discarding {
                        discarding = nil
                        if !emit(server.respondToOverlongLine(length: skipped + filled - lineStart, limit: Self.maximumLineLength)) { return false }
                    } else if !emit(server.respond(to: Self.line(bytes, lineStart, filled))) {
                        return false
                    }
                    lineStart = filled
                }
                return true
            }
            if !keepGoing { return .outputClosed }
            if atEnd {
                if let skipped = discarding, !emit(server.respondToOverlongLine(length: skipped, limit: Self.maximumLineLength)) {
                    return .outputClosed
                }
                return .endOfInput
            }
            // Move the unfinished line to the front of the buffer.
            if lineStart > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + lineStart, filled - lineStart)
                }
                filled -= lineStart
            }
            scanned = filled
            if buffer.count > 1 << 20 && filled < 1 << 16 {
                // Give back the memory of a long line once it is answered.
                buffer = Array(buffer[0..<filled]) + [UInt8](repeating: 0, count: (1 << 16) - filled)
            }
        }
    }

    /// The bytes of a line without its line ending (a `\r` before `\n` included).
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        var end = end
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Writes every byte, retrying on interruption; `false` if the output is gone.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
