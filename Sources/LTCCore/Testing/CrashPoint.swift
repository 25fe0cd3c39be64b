import Foundation
import Synchronization

/// Named places where a test may have the process die, to show without
/// timing that a crash in the middle of a transaction leaves nothing of it.
/// `LTC_CRASH_AT=NAME:N` kills the process (SIGKILL, as a power cut would
/// stop it) the Nth time it reaches the point `NAME`; unset, a point costs
/// one comparison.
///
/// ```swift
/// CrashPoint.reach("intake.chunk-stored")    // LTC_CRASH_AT=intake.chunk-stored:2 dies after the second chunk
/// ```
public enum CrashPoint {
    private static let armed: (name: String, count: Int)? = {
        guard let setting = ProcessInfo.processInfo.environment["LTC_CRASH_AT"] else { return nil }
        let parts = setting.split(separator: ":")
        guard parts.count == 2, let count = Int(parts[1]), count > 0 else { return nil }
        return (String(parts[0]), count)
    }()
    private static let reached = Mutex(0)

    public static func reach(_ name: String) {
        guard let armed, armed.name == name else { return }
        let times = reached.withLock { count in
            count += 1
            return count
        }
        if times >= armed.count { kill(getpid(), SIGKILL) }
    }
}
