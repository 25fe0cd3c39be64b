import Synchronization

/// A count of the changes to who may act that this process has stored: a
/// credential revoked, an actor deactivated. What remembers a verified
/// credential (ltc-server's `CredentialCache`) notes the count before it
/// checks the database and forgets what it noted under an older count, so
/// that a revocation or deactivation made through this process refuses the
/// very next request, even one answered from memory. Counted once the change
/// is committed: a check that begins after the count moved reads the change.
///
/// Changes another process stores (the command line writing the same
/// database) do not move it; a cache bounds how long it trusts an entry.
///
/// ```swift
/// let before = AccessChanges.current
/// // … verify against the database …
/// guard AccessChanges.current == before else { /* check again */ }
/// ```
public enum AccessChanges {
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    private static let counter = Counter()

    /// The number of changes stored so far in this process.
    public static var current: Int { counter.value.load(ordering: .acquiring) }

    /// Counts one change, after its transaction committed.
    static func record() {
        counter.value.add(1, ordering: .releasing)
    }
}
