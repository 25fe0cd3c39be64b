import Foundation

/// Answers batches of request lines on several worker threads and writes the
/// responses strictly in line order.
///
/// The reader hands in each run of lines it already holds as one numbered
/// batch. The worker that answers batch *k* writes its responses, once batch
/// *k − 1* is fully written, together in one `write` when the batch is
/// answered (or 64 KiB of them are ready, or before a stateful request runs),
/// so a pipe's reader wakes once per batch, not once per line. A client that
/// sends one line at a time gets batches of one line, answered at once: no
/// response waits for more input. At most ``maximumBatches`` batches are in
/// flight, so memory does not grow with the input. A
/// ``RPCMethod/Ordering/sequential`` request waits, through the server's gate,
/// until every earlier batch is written, and so answered.
final class ResponsePipeline: @unchecked Sendable {
    enum Job {
        case line([UInt8])
        case overlong(length: Int)
    }

    static let maximumBatches = 16
    static let maximumBatchLines = 256
    /// Ready responses of a batch past this size are written without waiting for the rest of it.
    static let flushBytes = 1 << 16

    private let servers: [RPCServer]
    private let output: Int32
    private let monitor = PthreadMonitor()
    private let finished = DispatchSemaphore(value: 0)
    // Guarded by `monitor`.
    private var queue: [(number: Int, jobs: [Job])] = []
    private var submitted = 0       // batches handed in
    private var written = 0         // batches fully written (or dropped after the output closed)
    private var closed = false
    private var outputFailed = false

    /// One worker thread per server.
    init(servers: [RPCServer], output: Int32) {
        self.servers = servers
        self.output = output
    }

    var outputClosed: Bool {
        monitor.locked { outputFailed }
    }

    func start() {
        for server in servers {
            Thread.detachNewThread { [self] in
                runWorker(server)
                finished.signal()
            }
        }
    }

    /// Hands in the next batch; blocks while ``maximumBatches`` are in flight.
    func submit(_ jobs: [Job]) {
        monitor.lock()
        while submitted - written >= Self.maximumBatches && !outputFailed { monitor.wait(.space) }
        queue.append((submitted, jobs))
        submitted += 1
        monitor.signal(.work)
        monitor.unlock()
    }

    /// No more batches: waits until every batch is answered and written.
    func finish() {
        monitor.locked {
            closed = true
            monitor.broadcast(.work)
        }
        for _ in servers { finished.wait() }
    }

    private func runWorker(_ server: RPCServer) {
        while let (number, jobs) = nextBatch() {
            // The batch's responses so far, in order, not yet written. They go
            // out in one write when the batch is answered (its lines were all
            // read already, so no response waits for input), when they fill
            // ``flushBytes``, and before a request that may take long (one
            // that waits for its turn) runs.
            var pending: [UInt8] = []
            var myTurn = false
            let flush = { [self] in
                if !myTurn { myTurn = monitor.locked { written == number } }
                guard myTurn, !pending.isEmpty else { return }
                emit(pending)
                pending.removeAll(keepingCapacity: true)
            }
            for job in jobs {
                guard let response = answer(job, batch: number, server: server, before: flush) else { continue }
                pending += response
                pending.append(0x0A)
                if pending.count >= Self.flushBytes { flush() }
            }
            waitForTurn(number)
            myTurn = true
            flush()
            monitor.locked {
                written = number + 1
                monitor.broadcast(.turn)
                monitor.signal(.space)
            }
        }
    }

    private func nextBatch() -> (Int, [Job])? {
        monitor.lock()
        defer { monitor.unlock() }
        while queue.isEmpty && !closed { monitor.wait(.work) }
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    /// The response to one job; `before` runs when a request waits for its
    /// turn, once the batches before this one are written.
    private func answer(_ job: Job, batch number: Int, server: RPCServer, before: @escaping () -> Void) -> [UInt8]? {
        switch job {
        case .line(let bytes):
            return bytes.withUnsafeBufferPointer { line in
                server.respond(to: line, gate: { [self] in
                    waitForTurn(number)
                    before()
                })
            }
        case .overlong(let length):
            return server.respondToOverlongLine(length: length, limit: RPCLoop.maximumLineLength)
        }
    }

    /// Returns once every batch before `number` is written.
    private func waitForTurn(_ number: Int) {
        monitor.lock()
        while written < number { monitor.wait(.turn) }
        monitor.unlock()
    }

    /// Writes responses that are ready, in one `write`: waking the reader
    /// once for them all instead of once per line.
    private func emit(_ response: [UInt8]) {
        guard !outputClosed else { return }
        if !RPCLoop.writeAll(response, to: output) {
            monitor.locked {
                outputFailed = true
                monitor.broadcast(.space)
            }
        }
    }
}

/// A mutex with named condition variables: the waits of ``ResponsePipeline``.
final class PthreadMonitor: @unchecked Sendable {
    enum Condition: Int, CaseIterable {
        case work, turn, space
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let conditions = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: Condition.allCases.count)

    init() {
        pthread_mutex_init(mutex, nil)
        for index in Condition.allCases.indices { pthread_cond_init(conditions + index, nil) }
    }

    deinit {
        for index in Condition.allCases.indices { pthread_cond_destroy(conditions + index) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait(_ condition: Condition) { pthread_cond_wait(conditions + condition.rawValue, mutex) }
    func signal(_ condition: Condition) { pthread_cond_signal(conditions + condition.rawValue) }
    func broadcast(_ condition: Condition) { pthread_cond_broadcast(conditions + condition.rawValue) }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
