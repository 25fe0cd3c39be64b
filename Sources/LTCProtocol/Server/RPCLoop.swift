#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LTCCore

/// Runs an ``RPCServer`` over two file descriptors: reads request lines from
/// `input` and writes each response line to `output` as soon as it is ready
/// and next in order (one `write` per line, so nothing waits in a buffer).
/// Returns at end of input, once every line has been answered.
///
/// ```swift
/// let outcome = RPCLoop(server: server).run(input: STDIN_FILENO, output: STDOUT_FILENO)
/// ```
///
/// Lines are answered on one worker thread per server (``Threads`` starts
/// them; ``suggestedWorkers`` is the process's setting); responses still
/// come out in the order of the lines, and a method that reads or changes
/// stored state waits for every earlier request (an operation that touches stored state (``OperationEffect``)).
/// A bad line never ends the loop: it gets an error response and the loop
/// reads on. A line longer than ``maximumLineLength`` is skipped to its end
/// and answered with a parse error. Memory use does not grow with the number
/// of lines.
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

    /// One server per worker thread.
    public let servers: [RPCServer]

    /// One worker per server. Give each worker a server of its own, built from
    /// data loaded for it alone: threads that share objects pay for it on
    /// every reference count (measured: 2 workers sharing one catalog ran
    /// 1.3 times as fast as one, not 2).
    public init(servers: [RPCServer]) {
        precondition(!servers.isEmpty, "RPCLoop needs at least one server")
        self.servers = servers
    }

    /// A loop with one worker.
    public init(server: RPCServer) {
        self.init(servers: [server])
    }

    /// The number of workers the process's setting asks for (``Threads/workers``).
    public static var suggestedWorkers: Int { Threads.workers }

    public func run(input: Int32, output: Int32) -> Outcome {
        var pipeline = ResponsePipeline(servers: servers, output: output)
        var reader = LineReader(descriptor: input, limit: Self.maximumLineLength)
        var outcome = Outcome.endOfInput
        reading: while !pipeline.outputClosed {
            let first: ResponsePipeline.Job
            switch reader.next() {
            case .line(let bytes): first = .line(bytes)
            case .overlong(let length): first = .overlong(length: length)
            case .end: break reading
            case .failed(let code):
                outcome = .readFailed(code)
                break reading
            }
            // Every further line already read goes into the same batch.
            var batch = [first]
            while batch.count < ResponsePipeline.maximumBatchLines, case .line(let bytes)? = reader.nextBuffered() {
                batch.append(.line(bytes))
            }
            pipeline.submit(batch)
        }
        pipeline.finish()
        return pipeline.outputClosed ? .outputClosed : outcome
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
