import LTCCore

/// One link of the audit chain: the event at a position, the hash of the
/// event chained before it and its own; `record` is `nil` where the event
/// the link names is no longer stored.
public struct ChainLink: Sendable, Equatable {
    public var position: Int
    public var sequence: Int
    public var previous: String
    public var hash: String
    public var record: AuditRecord?

    public init(position: Int, sequence: Int, previous: String, hash: String, record: AuditRecord?) {
        self.position = position
        self.sequence = sequence
        self.previous = previous
        self.hash = hash
        self.record = record
    }
}

/// A stored event that no link names: recorded and waiting to be chained
/// (`queued`: ltc links it after its transaction commits), or put there
/// outside ltc.
public struct UnchainedEvent: Sendable, Equatable {
    public var sequence: Int
    public var queued: Bool

    public init(sequence: Int, queued: Bool) {
        self.sequence = sequence
        self.queued = queued
    }
}

/// Where a chain ended when it was verified: its last link's position and
/// hash. Kept somewhere the database's holder cannot write (a report, a
/// ticket), it is what a later verify checks the chain still holds, which
/// tells events removed from the end and a chain rewritten from some event on.
public struct ChainHead: Sendable, Equatable, CustomStringConvertible {
    public var position: Int
    public var hash: String

    public init(position: Int, hash: String) {
        self.position = position
        self.hash = hash
    }

    /// `POSITION:HASH`, as verify prints it and takes it back.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[0]), position > 0, parts[1].count == 64,
              parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        self.init(position: position, hash: String(parts[1]))
    }

    public var description: String { "\(position):\(hash)" }
}

/// The first place the audit trail no longer holds together, in the
/// chain's order: what was found, at which event.
public struct AuditProblem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// An event's stored columns no longer hash to its link.
        case edited
        /// A chained event, or events with their links, are gone.
        case deleted
        /// An event stands where none was chained: a link slipped into the chain, or an event no link names and ltc did not queue.
        case inserted
        /// A link does not follow the one before it, in a way none of the above explains (an event edited along with its link).
        case broken
        /// The head given is no longer in the chain: events removed from its end, or the chain rewritten.
        case headMissing
    }

    public var kind: Kind
    /// The chain position where it was found, if in the chain.
    public var position: Int?
    /// The event's number, where one is concerned.
    public var sequence: Int?
    public var message: String

    public init(_ kind: Kind, position: Int?, sequence: Int?, _ message: String) {
        self.kind = kind
        self.position = position
        self.sequence = sequence
        self.message = message
    }

    public var json: JSONValue {
        ["kind": .string(kind.rawValue), "position": position.map(JSONValue.integer) ?? .null,
         "seq": sequence.map(JSONValue.integer) ?? .null, "message": .string(message)]
    }
}

/// What verifying the audit trail found: how many chained events were
/// checked, how many wait to be chained, the head, and the first problem.
public struct AuditVerification: Sendable, Equatable {
    public var checked: Int
    public var pending: Int
    public var head: ChainHead?
    public var problem: AuditProblem?

    public var intact: Bool { problem == nil }

    public init(checked: Int, pending: Int, head: ChainHead?, problem: AuditProblem?) {
        self.checked = checked
        self.pending = pending
        self.head = head
        self.problem = problem
    }

    public var json: JSONValue {
        ["intact": .bool(intact), "checked": .integer(checked), "pending": .integer(pending),
         "head": head.map { ["position": .integer($0.position), "hash": .string($0.hash), "text": .string($0.description)] } ?? .null,
         "problem": problem?.json ?? .null]
    }
}

/// Walks the chain link by link, in order, holding only the last two
/// hashes: the first link that does not fit is the problem.
///
/// ```swift
/// var walk = ChainWalk()
/// for link in page { if let problem = walk.check(link) { return problem } }
/// ```
public struct ChainWalk: Sendable {
    public private(set) var checked = 0
    public private(set) var head: ChainHead?
    private var previous = AuditChain.genesis
    private var beforePrevious: String?
    private var previousSequence: Int?

    public init() {}

    /// The problem `link` shows, or `nil` when it follows the links before it.
    public mutating func check(_ link: ChainLink) -> AuditProblem? {
        let expected = checked + 1
        let after = previousSequence.map { " after event \($0)" } ?? " at the start of the trail"
        if link.position != expected {
            return AuditProblem(.deleted, position: expected, sequence: link.sequence,
                                "\(link.position - 1 == expected ? "position \(expected) of the chain is" : "positions \(expected)–\(link.position - 1) of the chain are") gone\(after): the events chained there were deleted with their links; the next is event \(link.sequence)")
        }
        if link.previous != previous {
            if let beforePrevious, link.previous == beforePrevious {
                return AuditProblem(.inserted, position: link.position - 1, sequence: previousSequence,
                                    "event \(previousSequence.map(String.init) ?? "?") at position \(link.position - 1) was inserted into the chain: event \(link.sequence) was chained after the one before it")
            }
            return AuditProblem(.broken, position: link.position, sequence: link.sequence,
                                "the chain breaks before event \(link.sequence) (position \(link.position))\(after): an event before it was edited along with its link, or the links were rewritten")
        }
        guard let record = link.record else {
            return AuditProblem(.deleted, position: link.position, sequence: link.sequence,
                                "event \(link.sequence) (position \(link.position)) was deleted: its link remains")
        }
        if record.sequence != link.sequence || AuditChain.hash(of: record, previous: link.previous) != link.hash {
            return AuditProblem(.edited, position: link.position, sequence: link.sequence,
                                "event \(link.sequence) (position \(link.position)) was edited: what is stored no longer hashes to its link")
        }
        beforePrevious = previous
        previous = link.hash
        previousSequence = link.sequence
        checked += 1
        head = ChainHead(position: link.position, hash: link.hash)
        return nil
    }
}
