#if canImport(Glibc)
import Glibc
#endif

/// Seconds on a clock that only goes forward, for durations, timeouts and
/// rate limits: injected, so a test can move time on by hand.
public protocol MonotonicClock: Sendable {
    func seconds() -> Double
}

/// The system's monotonic clock (`CLOCK_MONOTONIC`).
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}

    public func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
