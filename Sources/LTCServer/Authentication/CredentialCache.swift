import LTCCore
import LTCProviders
import Synchronization

/// Bearer credentials a worker verified against the database a moment ago,
/// so that a request for an operation that reads nothing stored (its effect
/// is `computes`, such as `assessment.score`) is answered on the event loop,
/// with no worker and no database read (issue 28's throughput target).
///
/// An entry lets its token in for at most ``seconds`` after the database
/// said yes, and not at all once this process has revoked a credential or
/// deactivated an actor since (``AccessChanges``): a change made through
/// this server refuses the very next request. A revocation or deactivation
/// that another process stores (`ltc credential revoke` on the same
/// database) reaches compute-only requests within ``seconds`` (one by
/// default; docs/deploy.md). Requests that read or change stored state never
/// use it: their credential is checked against the database every time.
///
/// Entries are keyed by the SHA-256 of the token, never the token itself,
/// and at most ``capacity`` are held (when full, the oldest half is let go).
///
/// ```swift
/// let cache = CredentialCache(seconds: 1, clock: SystemMonotonicClock())
/// let noted = AccessChanges.current
/// if let credential = try authenticator.authenticate(token, in: environment) { cache.remember(credential, token: token, checkedAt: now, changes: noted) }
/// cache.credential(for: token)   // that credential, for a second
/// ```
public final class CredentialCache: Sendable {
    struct Entry {
        let credential: Credential
        let checked: Double
        let changes: Int
    }

    /// How long a verified credential is trusted without the database; 0 turns the cache off.
    public let seconds: Double
    public let capacity: Int
    private let clock: any MonotonicClock
    private let changes: @Sendable () -> Int
    private let entries = Mutex<[[UInt8]: Entry]>([:])

    /// - Parameter changes: the count of access changes (``AccessChanges/current``; a test counts its own).
    public init(seconds: Double, capacity: Int = 10_000, clock: any MonotonicClock, changes: @escaping @Sendable () -> Int = { AccessChanges.current }) {
        self.changes = changes
        self.seconds = seconds
        self.capacity = capacity
        self.clock = clock
    }

    /// Whether the cache is on.
    public var isOn: Bool { seconds > 0 }

    /// The credential `token` was verified as, if that was less than ``seconds``
    /// ago and no access changed in this process since; else `nil` (check the database).
    public func credential(for token: String) -> Credential? {
        guard isOn else { return nil }
        let key = Self.key(token)
        let now = clock.seconds(), changes = changes()
        return entries.withLock { entries -> Credential? in
            guard let entry = entries[key] else { return nil }
            guard entry.changes == changes, now - entry.checked < seconds, now >= entry.checked else {
                entries[key] = nil
                return nil
            }
            return entry.credential
        }
    }

    /// Notes that the database let `token` in as `credential` at `checkedAt`
    /// (the clock's reading before the check), when ``AccessChanges`` stood at
    /// `changes` (read before the check too, so that a change committed during
    /// the check makes the entry stale at once).
    public func remember(_ credential: Credential, token: String, checkedAt: Double, changes: Int) {
        guard isOn else { return }
        let key = Self.key(token)
        entries.withLock { entries in
            if entries.count >= capacity {
                let oldest = entries.sorted { $0.value.checked < $1.value.checked }.prefix(entries.count / 2 + 1)
                for (key, _) in oldest { entries[key] = nil }
            }
            entries[key] = Entry(credential: credential, checked: checkedAt, changes: changes)
        }
    }

    /// Runs `check` (the database's verdict on `token`) and remembers a yes,
    /// noting the time and ``AccessChanges`` before the check.
    public func verify(_ token: String, _ check: () throws -> Credential?) rethrows -> Credential? {
        let checkedAt = clock.seconds(), changes = changes()
        let credential = try check()
        if let credential { remember(credential, token: token, checkedAt: checkedAt, changes: changes) }
        return credential
    }

    /// The number of entries held (fresh or not).
    public var count: Int { entries.withLock { $0.count } }

    static func key(_ token: String) -> [UInt8] { SHA256.digest(Array(token.utf8)) }
}
