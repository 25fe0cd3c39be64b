import LTCCases
import LTCCore

/// Opens transactions on everything the scheme stores, designated
/// institutions included: the case repositories and those of institutions,
/// agreements, caregivers, enrolments, service logs, the usage ledger,
/// settlements, their holds, supervision and the credentials of a network
/// front door. The same contract as ``CaseStore``: a write is all or nothing
/// and durable when it returns; a read sees one snapshot.
///
/// ```swift
/// let run = try store.read { tx in try tx.settlements.settlement(month: YearMonth("2026-04")!) }
/// ```
public protocol ProviderStore: Sendable {
    func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T

    /// A write of intake (a submission, a withdrawal), as ``write(_:)``,
    /// whose transaction locks what it reads before it reads it
    /// (``LedgerLock``, through ``UsageLedger/lock(_:)``). Where writers
    /// overlap (PostgreSQL), it runs READ COMMITTED: each read sees what
    /// was committed when it ran, and a submission that touches the people
    /// another is changing waits for it instead of being refused. A store
    /// whose writes run one at a time (SQLite) runs it as any write.
    func writeIntake<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T

    /// A write, as ``write(_:)``, that closes `months` (a settlement, a
    /// budget close): it waits for the intake transactions in those months
    /// to end and holds new ones back until it ends (the months'
    /// ``LedgerLock/month(_:)`` locks, exclusively, from before it begins).
    func writeClosing<T>(months: Set<YearMonth>, _ body: (any ProviderTransaction) throws -> T) throws -> T
}

extension ProviderStore {
    public func writeIntake<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
        try write(body)
    }

    public func writeClosing<T>(months: Set<YearMonth>, _ body: (any ProviderTransaction) throws -> T) throws -> T {
        try write(body)
    }
}

/// The repositories of one transaction, by aggregate.
public protocol ProviderTransaction: CaseTransaction {
    var institutions: any InstitutionRepository { get }
    var agreements: any AgreementRepository { get }
    var caregivers: any CaregiverRepository { get }
    var enrolments: any EnrolmentRepository { get }
    var logs: any ServiceLogRepository { get }
    var usage: any UsageLedger { get }
    var settlements: any SettlementRepository { get }
    var holds: any HoldRepository { get }
    var cash: any CashRepository { get }
    var supervision: any SupervisionRepository { get }
    var monitoring: any MonitoringRepository { get }
    var bars: any BarRepository { get }
    var enforcement: any EnforcementRepository { get }
    var plans: any CarePlanRepository { get }
    var credentials: any CredentialRepository { get }
}

extension ProviderStore {
    /// This store's transactions, for a ``UnitOfWork``.
    public var transactions: Transactions<any ProviderTransaction> {
        Transactions(write: { try self.write($0) }, read: { try self.read($0) }, trail: { $0.audit })
    }

    /// This store's transactions for a ``UnitOfWork`` that closes `months` (``writeClosing(months:_:)``).
    public func closing(_ months: Set<YearMonth>) -> Transactions<any ProviderTransaction> {
        Transactions(write: { try self.writeClosing(months: months, $0) }, read: { try self.read($0) }, trail: { $0.audit })
    }
}
