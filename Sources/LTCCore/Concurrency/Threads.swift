import Foundation
import Synchronization

/// The one place ltc starts threads, and the process's setting for them.
///
/// ```swift
/// Threads.configure(Threads.Configuration(workers: 4))          // the entry point, once, before any work
/// let checker = Threads.start("intake.check") { check(chunks) }  // a thread of its own
/// let report = checker.join()                                     // waits for its end: what it returned
/// let views = Threads.parallel(lanes: Threads.workers) { lane in work(lane) }
/// ```
///
/// Nothing else in ltc creates a thread (no `Thread`, `pthread_create`,
/// `DispatchQueue` or tasks): the JSON-RPC loop's workers, intake's parsing
/// and checking threads, the lanes that work out entitlement months and the
/// benchmarks' feeders all come from here, with the same stack size and a
/// name to tell them apart (`top -H`, a debugger). Threads wait for each other
/// only through a ``Handoff``; they lock shared state with `Mutex`.
///
/// The entry points — the `ltc` executable, `ltc-bench`, a test that needs
/// another setting — call ``configure(_:)`` once before any work begins;
/// without it, the defaults of ``Configuration`` apply.
public enum Threads {
    /// How the process's threads are made.
    public struct Configuration: Sendable, Equatable {
        /// Threads that work on one job at once: the JSON-RPC loop's workers,
        /// the lanes that work out entitlement months. At least 1.
        public var workers: Int
        /// Bytes of stack of every thread started: by default 8 MiB, the main
        /// thread's usual size, so that what runs on the main thread runs on any.
        public var stackSize: Int

        public init(workers: Int = Configuration.processors, stackSize: Int = 8 << 20) {
            precondition(workers >= 1 && stackSize >= 1 << 16, "at least one worker and 64 KiB of stack")
            self.workers = workers
            self.stackSize = stackSize
        }

        /// One per online processor, at most 8: more workers than processors
        /// only take turns, and past 8 they share too much to scale (measured
        /// on the JSON-RPC loop).
        public static var processors: Int {
            max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        }
    }

    private static let setting = Mutex(Configuration())

    /// The process's setting: the last ``configure(_:)``, else the defaults.
    public static var configuration: Configuration { setting.withLock { $0 } }

    /// Sets how threads are made from now on; the entry points call it once, first.
    public static func configure(_ configuration: Configuration) {
        setting.withLock { $0 = configuration }
    }

    /// ``Configuration/workers`` of the process's setting.
    public static var workers: Int { configuration.workers }

    /// Runs `body` on a new thread named `name` (at most 15 bytes show) and
    /// returns at once; ``StartedThread/join()`` waits for the body to return
    /// and hands over what it returned.
    public static func start<Result>(_ name: String, _ body: @escaping @Sendable () -> sending Result) -> StartedThread<Result> {
        let ended = Handoff<Result>(capacity: 1)
        let thread = Thread {
            ended.put(body())
            ended.close()
        }
        thread.name = name
        thread.stackSize = configuration.stackSize
        thread.start()
        return StartedThread(ended: ended)
    }

    /// Runs `body(lane)` for every lane in `0..<lanes` at once, and returns
    /// their results in lane order: lane 0 on the calling thread, each other
    /// lane on a thread started for it (`lanes` is what the caller can use,
    /// ``workers`` at most, say). One lane runs on the caller alone.
    public static func parallel<Result>(lanes: Int, _ body: @escaping @Sendable (Int) -> sending Result) -> [Result] {
        let others = (1..<max(1, lanes)).map { lane in start("ltc.lane \(lane)") { body(lane) } }
        var results = [body(0)]
        for other in others { results.append(other.join()) }
        return results
    }
}
