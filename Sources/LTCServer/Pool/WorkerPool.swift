import LTCCore
import NIOCore
import Synchronization

/// The bounded pool every request's operation runs on: a fixed number of
/// worker threads (started by `Threads`), each with its own database
/// connection, fed by one bounded ``Handoff``.
///
/// Operations are synchronous and wait on the database, so they never run
/// on SwiftNIO's event loops or on Swift concurrency's cooperative threads:
/// an event loop ``submit(_:)``s a job and goes on serving other
/// connections; the worker that takes it completes the job's promise, and
/// the response is written from the event loop. When the queue holds its
/// capacity, `submit` refuses at once and the request is answered 503 with
/// `Retry-After` (backpressure, never an unbounded queue); a job that waited
/// longer than the queue's timeout is answered 503 without running.
///
/// ```swift
/// let pool = WorkerPool(workers: workers, capacity: 256, queueSeconds: 10, clock: SystemMonotonicClock())
/// pool.submit(Job(promise: promise) { worker in route.respond(request, worker) })
/// pool.stop()   // runs what is queued, then joins the threads
/// ```
public final class WorkerPool: Sendable {
    /// One request's work, and the promise its answer completes.
    public struct Job: Sendable {
        let promise: EventLoopPromise<ServerResponse>
        let work: @Sendable (Worker) -> ServerResponse
        var enqueued: Double = 0

        public init(promise: EventLoopPromise<ServerResponse>, _ work: @escaping @Sendable (Worker) -> ServerResponse) {
            self.promise = promise
            self.work = work
        }
    }

    private let jobs: Handoff<Job>
    private let threads: Mutex<[StartedThread<Void>]>
    private let busyCount = Count()
    private let clock: any MonotonicClock
    private let queueSeconds: Double
    public let size: Int

    public init(workers: [Worker], capacity: Int, queueSeconds: Double, clock: any MonotonicClock) {
        jobs = Handoff(capacity: capacity)
        self.clock = clock
        self.queueSeconds = queueSeconds
        size = workers.count
        threads = Mutex([])
        let jobs = jobs, busy = busyCount
        let started = workers.map { worker in
            Threads.start("ltc.http \(worker.number)") {
                while let job = jobs.take() {
                    if clock.seconds() - job.enqueued > queueSeconds {
                        job.promise.succeed(.refusal(503, "the server is overloaded: the request waited \(Int(queueSeconds)) s for a worker; try again",
                                                     operation: "-", headers: [("Retry-After", "1")]))
                        continue
                    }
                    busy.add(1)
                    let response = job.work(worker)
                    busy.add(-1)
                    job.promise.succeed(response)
                }
            }
        }
        threads.withLock { $0 = started }
    }

    /// Queues `job` if there is room: `false` when the queue is full or the pool stopped.
    public func submit(_ job: Job) -> Bool {
        var job = job
        job.enqueued = clock.seconds()
        return jobs.offer(job)
    }

    /// Workers running a job now.
    public var busy: Int { busyCount.value }
    /// Jobs waiting for a worker now.
    public var queued: Int { jobs.count }
    public var capacity: Int { jobs.capacity }

    /// Takes no more jobs, lets the workers finish what is queued, and waits for them.
    public func stop() {
        jobs.close()
        let started = threads.withLock { threads in
            defer { threads = [] }
            return threads
        }
        for thread in started { thread.join() }
    }
}

/// A number threads change together: the pool's busy workers.
final class Count: Sendable {
    private let state = Mutex(0)
    func add(_ amount: Int) { state.withLock { $0 += amount } }
    var value: Int { state.withLock { $0 } }
}
