import LTCCore
import Synchronization

/// Answers batches of request lines on several worker threads and writes the
/// responses strictly in line order.
///
/// The reader hands in each run of lines it already holds as one batch. The
/// worker that answers a batch writes its responses, once the batch before it
/// is fully written, together in one `write` when the batch is answered (or
/// 64 KiB of them are ready, or before a stateful request runs), so a pipe's
/// reader wakes once per batch, not once per line. A client that sends one
/// line at a time gets batches of one line, answered at once: no response
/// waits for more input. At most ``maximumBatches`` batches wait for a worker,
/// so memory does not grow with the input. A
/// request of an operation on stored state waits, through the server's gate,
/// until every earlier batch is written, and so answered.
///
/// Every wait is on a ``Handoff``: the queue of batches (bounded), and per
/// batch a latch closed once it is written, which the next batch waits on
/// for its turn.
struct ResponsePipeline {
    enum Job: Sendable {
        case line([UInt8])
        case overlong(length: Int)
    }

    /// A batch of lines and its place in the order.
    struct Batch: Sendable {
        let jobs: [Job]
        /// Closed once the batch before this one is written: this one's turn.
        let turn: Handoff<Void>
        /// Closed once this batch is written: the next one's turn.
        let written: Handoff<Void>
    }

    static let maximumBatches = 16
    static let maximumBatchLines = 256
    /// Ready responses of a batch past this size are written without waiting for the rest of it.
    static let flushBytes = 1 << 16

    private let batches = Handoff<Batch>(capacity: Self.maximumBatches)
    private let output: ResponseOutput
    private let workers: [StartedThread<Void>]
    /// The latch the next batch handed in waits on: the last batch's `written`.
    private var lastWritten = Handoff<Void>(capacity: 1)

    /// Starts one worker thread per server.
    init(servers: [RPCServer], output descriptor: Int32) {
        let batches = batches, output = ResponseOutput(descriptor)
        self.output = output
        workers = servers.map { server in
            Threads.start("rpc.worker") { Self.work(server, batches: batches, output: output) }
        }
        lastWritten.close()   // the first batch need not wait
    }

    /// Whether writing a response failed: the reader of the output went away.
    var outputClosed: Bool { output.failed }

    /// Hands in the next batch; blocks while ``maximumBatches`` wait for a worker.
    mutating func submit(_ jobs: [Job]) {
        let written = Handoff<Void>(capacity: 1)
        batches.put(Batch(jobs: jobs, turn: lastWritten, written: written))
        lastWritten = written
    }

    /// No more batches: waits until every batch is answered and written.
    func finish() {
        batches.close()
        for worker in workers { worker.join() }
    }

    private static func work(_ server: RPCServer, batches: Handoff<Batch>, output: ResponseOutput) {
        while let batch = batches.take() {
            // The batch's responses so far, in order, not yet written. They go
            // out in one write when the batch is answered (its lines were all
            // read already, so no response waits for input), when they fill
            // ``flushBytes``, and before a request that may take long (one
            // that waits for its turn) runs.
            var pending: [UInt8] = []
            var myTurn = false
            func flush() {
                if !myTurn { myTurn = batch.turn.isDrained }
                guard myTurn, !pending.isEmpty else { return }
                output.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
            for job in batch.jobs {
                let response: [UInt8]?
                switch job {
                case .line(let bytes):
                    response = bytes.withUnsafeBufferPointer { line in
                        server.respond(to: line, gate: {
                            _ = batch.turn.take()   // returns once the batches before this one are written
                            myTurn = true
                            flush()
                        })
                    }
                case .overlong(let length):
                    response = server.respondToOverlongLine(length: length, limit: RPCLoop.maximumLineLength)
                }
                guard let response else { continue }
                pending += response
                pending.append(0x0A)
                if pending.count >= Self.flushBytes { flush() }
            }
            _ = batch.turn.take()
            myTurn = true
            flush()
            batch.written.close()
        }
    }
}

/// Where a pipeline's responses go, shared by its workers: one worker writes
/// at a time, since only the batch whose turn it is writes.
final class ResponseOutput: Sendable {
    let descriptor: Int32
    private let failedWrite = Mutex(false)

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether a write failed: the reader of the output went away.
    var failed: Bool { failedWrite.withLock { $0 } }

    /// Writes responses that are ready, in one `write`: waking the reader
    /// once for them all instead of once per line. After a failed write,
    /// nothing more is written.
    func write(_ response: [UInt8]) {
        guard !failed else { return }
        if !RPCLoop.writeAll(response, to: descriptor) {
            failedWrite.withLock { $0 = true }
        }
    }
}
