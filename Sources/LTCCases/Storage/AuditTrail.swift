/// The append-only audit trail: every change and every refused attempt,
/// chained by hashes (``AuditChain``). Nothing ever edits or removes an
/// event or a link (the store refuses to).
public protocol AuditTrail {
    /// Appends an event and queues it to be chained; the store numbers it,
    /// and links it after the last event chained once its transaction
    /// commits (within the transaction where writers take turns).
    func append(_ event: AuditEvent) throws
    /// The events about one subject (`case:12`, `person:3`, …), oldest first.
    func events(subject: String) throws -> [AuditEvent]
    /// The chain's links from position `after + 1`, in order, at most
    /// `limit`, each with the event it names as stored (`nil` if gone).
    func chain(after position: Int, limit: Int) throws -> [ChainLink]
    /// The stored events no link names, from number `after + 1`, at most
    /// `limit`, each saying whether ltc queued it to be chained.
    func unchained(after sequence: Int, limit: Int) throws -> [UnchainedEvent]
    /// The link at `position`, if the chain has one there.
    func link(at position: Int) throws -> ChainLink?
}
