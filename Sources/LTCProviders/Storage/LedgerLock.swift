import LTCCore

/// A lock an intake transaction takes on what its checks read before it
/// reads it, where writers overlap (PostgreSQL, READ COMMITTED): two
/// submissions that touch the same person wait for one another instead of
/// one reading what the other is changing; submissions that touch
/// different people run at once.
///
/// The keys, and what each guards:
/// - ``intake``: held shared by every intake transaction, exclusively by a
///   bulk one (more than ``IntakeLocks/bulkKeys`` keys), which then runs
///   alone among intakes and locks only its months;
/// - ``institution(_:)``: its log ids (the stored versions a submission
///   corrects), its caregivers' weeks, whether it has logs;
/// - ``person(_:)``: the person's weeks (hours, visits, busy times), months
///   (money against the ceiling, minutes, visits) and the care plans
///   intake reads with them;
/// - ``month(_:)``: whether the month is settled, shared by intake and held
///   exclusively by a settlement or a budget close of it
///   (``ProviderStore/writeClosing(months:_:)``).
///
/// A store that runs one write at a time (SQLite) takes none.
public struct LedgerLock: Hashable, Sendable, Comparable {
    /// The lock's name; the server's lock is a hash of it.
    public var key: String
    /// Whether others may hold it at the same time in shared mode.
    public var shared: Bool

    public static func intake(exclusive: Bool) -> LedgerLock { LedgerLock(key: "intake", shared: !exclusive) }
    public static func institution(_ id: String) -> LedgerLock { LedgerLock(key: "institution:\(id)", shared: false) }
    public static func person(_ id: Int) -> LedgerLock { LedgerLock(key: "person:\(id)", shared: false) }
    public static func month(_ month: YearMonth) -> LedgerLock { LedgerLock(key: "month:\(month)", shared: true) }

    /// The intake lock first, the rest in an order every transaction shares (the store's: by the key's hash).
    public static func < (a: LedgerLock, b: LedgerLock) -> Bool {
        (a.key == "intake" ? 0 : 1, a.key) < (b.key == "intake" ? 0 : 1, b.key)
    }
}

/// The ledger locks one intake transaction holds so far: each chunk's
/// needs are locked before they are read, only those not held already.
final class IntakeLocks: @unchecked Sendable {
    /// More keys than this in one transaction, and it takes the intake lock
    /// exclusively instead (a bulk submission): the server's lock table is
    /// bounded, and a bulk would touch most of the city's people anyway.
    static let bulkKeys = 500

    private var held: Set<LedgerLock> = []
    private(set) var exclusive = false
    private var started = false
    /// Institutions found to have logs stored, in this transaction: asked
    /// once per submission, not per chunk (an answer of yes stays yes: the
    /// institution's lock is held, and intake never removes a log without
    /// storing its next version). A no is asked again, since the submission's
    /// own chunks may store the institution's first logs.
    var withLogs: Set<String> = []

    /// Takes what `wanted` adds to what is held, on the transaction's thread.
    func take(_ wanted: Set<LedgerLock>, in tx: any ProviderTransaction) throws {
        var fresh = wanted.subtracting(held)
        if exclusive {
            fresh = fresh.filter(\.shared)
        } else if held.count + fresh.count > Self.bulkKeys {
            exclusive = true
            fresh = fresh.filter(\.shared)
            fresh.insert(.intake(exclusive: true))
        } else if !started {
            fresh.insert(.intake(exclusive: false))
        }
        guard !fresh.isEmpty else { return }
        try tx.usage.lock(fresh.sorted())
        started = true
        held.formUnion(fresh)
    }
}
