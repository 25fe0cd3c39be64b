import LTCCore

/// The one shape of every change in ltc: applied in one write transaction
/// together with its audit event, or, when refused (a wrong role, a wrong
/// state, a broken rule), rolled back, recorded as refused in a transaction
/// of its own, and thrown. Storage failures are thrown without a refusal
/// record: they are not decisions. Audit events take their time from the
/// injected clock.
///
/// ```swift
/// let work = UnitOfWork(clock: SystemClock())
/// let person = try work.change(Operation("person.add", subject: "person:new", actor: admin, asOf: day),
///                              on: store.transactions) { tx in
///     let id = try tx.people.insert(person)
///     return Outcome(person, subject: "person:\(id)", after: person.json(fullID: false))
/// }
/// ```
public struct UnitOfWork: Sendable {
    public let clock: any WallClock

    public init(clock: any WallClock) {
        self.clock = clock
    }

    /// Runs `body` as one audited change.
    public func change<Transaction, Result>(_ operation: Operation, on transactions: Transactions<Transaction>,
                                            _ body: (Transaction) throws -> Outcome<Result>) throws -> Result {
        do {
            // A reason is stored in the audit trail as given: control characters (a NUL, an escape) are refused.
            if let reason = operation.reason { try PlainText.require(reason, "reason", as: .note) }
            var result: Result?
            try transactions.write { tx in
                let outcome = try body(tx)
                try transactions.trail(tx).append(event(operation, .done, subject: outcome.subject, before: outcome.before, after: outcome.after))
                result = outcome.result
            }
            return result!
        } catch let error as any LTCError where !(error is StorageFailure) {
            try refuse(operation, error, on: transactions)
            throw error
        }
    }

    /// Runs `body` in one read transaction; a read refused as forbidden, or a
    /// look at a record out of the actor's reach (``CaseError/notYours(_:refused:)``),
    /// is recorded in the audit trail, since a refused look is worth knowing of.
    public func read<Transaction, Result>(_ operation: Operation, on transactions: Transactions<Transaction>,
                                          _ body: (Transaction) throws -> Result) throws -> Result {
        do {
            var result: Result?
            try transactions.read { result = try body($0) }
            return result!
        } catch let error as CaseError where error.reason == .forbidden || error.refusedLook {
            try refuse(operation, error, on: transactions)
            throw error
        }
    }

    /// Records a refusal, in a transaction of its own.
    public func refuse<Transaction>(_ operation: Operation, _ error: any LTCError, on transactions: Transactions<Transaction>) throws {
        try transactions.write { tx in
            try transactions.trail(tx).append(event(operation, .refused, reason: error.description))
        }
    }

    /// The audit event of `operation` with this outcome, recorded now; it
    /// names the credential the actor came by, if any.
    public func event(_ operation: Operation, _ outcome: AuditEvent.Outcome, subject: String? = nil, reason: String? = nil,
                      before: JSONValue? = nil, after: JSONValue? = nil) -> AuditEvent {
        AuditEvent(sequence: 0, recordedAt: clock.instant(), asOf: operation.asOf, actor: operation.actor.description,
                   subject: subject ?? operation.subject, action: operation.action, outcome: outcome,
                   reason: outcome == .refused ? reason : operation.reason, before: before, after: after,
                   credential: operation.actor.credential?.description)
    }
}

/// How a ``UnitOfWork`` opens transactions of one kind of store, and finds
/// the audit trail in them.
///
/// ```swift
/// extension CaseStore { var transactions: Transactions<any CaseTransaction> { … } }
/// ```
public struct Transactions<Transaction> {
    let write: ((Transaction) throws -> Void) throws -> Void
    let read: ((Transaction) throws -> Void) throws -> Void
    let trail: (Transaction) -> any AuditTrail

    public init(write: @escaping ((Transaction) throws -> Void) throws -> Void,
                read: @escaping ((Transaction) throws -> Void) throws -> Void,
                trail: @escaping (Transaction) -> any AuditTrail) {
        self.write = write
        self.read = read
        self.trail = trail
    }
}

extension CaseStore {
    /// This store's transactions, for a ``UnitOfWork``.
    public var transactions: Transactions<any CaseTransaction> {
        Transactions(write: { try self.write($0) }, read: { try self.read($0) }, trail: { $0.audit })
    }
}
