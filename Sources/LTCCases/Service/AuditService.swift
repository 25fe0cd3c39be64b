import LTCCore

/// The audit trail's own checks: administrators and auditors verify that
/// its hash chain holds (``AuditChain``).
///
/// ```swift
/// let audit = AuditService(store: store, clock: SystemClock())
/// let found = try audit.verify(actor: try Actor("auditor:li"), head: nil, asOf: today)
/// found.intact          // true, or found.problem names the first event deleted, inserted or edited
/// found.head            // 812:9f2c…: keep it elsewhere, and give it to the next verify
/// ```
public struct AuditService: Sendable {
    let store: any CaseStore
    let work: UnitOfWork

    /// Links read at a time: memory stays bounded whatever the trail's length.
    static let pageSize = 1_000

    public init(store: any CaseStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    /// Walks the whole chain in one snapshot, recomputing every event's hash:
    /// the first link that does not follow the one before, whose event is
    /// gone or edited, is the problem; then every stored event must be
    /// chained, or queued by ltc to be (`pending`: its transaction has just
    /// committed); then `head`, if given, must still be in the chain as it
    /// was. Reads every event once: its cost is the trail's length.
    public func verify(actor: Actor, head expected: ChainHead?, asOf: CalendarDate) throws -> AuditVerification {
        try work.read(Operation("audit.verify", subject: "audit:trail", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .readAll)
            var walk = ChainWalk()
            var position = 0
            while true {
                let links = try tx.audit.chain(after: position, limit: Self.pageSize)
                for link in links {
                    if let problem = walk.check(link) {
                        return AuditVerification(checked: walk.checked, pending: 0, head: walk.head, problem: problem)
                    }
                }
                guard links.count == Self.pageSize, let last = links.last else { break }
                position = last.position
            }
            var pending = 0, sequence = 0
            while true {
                let events = try tx.audit.unchained(after: sequence, limit: Self.pageSize)
                for event in events {
                    guard event.queued else {
                        let problem = AuditProblem(.inserted, position: nil, sequence: event.sequence,
                                                   "event \(event.sequence) was inserted outside ltc: no link names it and ltc did not queue it to be chained")
                        return AuditVerification(checked: walk.checked, pending: pending, head: walk.head, problem: problem)
                    }
                    pending += 1
                }
                guard events.count == Self.pageSize, let last = events.last else { break }
                sequence = last.sequence
            }
            if let expected {
                let problem: AuditProblem? = if let link = try tx.audit.link(at: expected.position) {
                    link.hash == expected.hash ? nil : AuditProblem(.headMissing, position: expected.position, sequence: link.sequence,
                        "the head \(expected) is no longer in the chain: position \(expected.position) now holds event \(link.sequence) with another hash, so the chain was rewritten from there or before")
                } else {
                    AuditProblem(.headMissing, position: expected.position, sequence: nil,
                                 "the head \(expected) is no longer in the chain: it ends at position \(walk.head?.position ?? 0), so events were removed from its end")
                }
                if let problem { return AuditVerification(checked: walk.checked, pending: pending, head: walk.head, problem: problem) }
            }
            return AuditVerification(checked: walk.checked, pending: pending, head: walk.head, problem: nil)
        }
    }
}
