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

    /// A write, as ``write(_:)``, that waits for every other write taking
    /// its turn, from any process on the same database, to end before it
    /// begins. Intake takes its turn: submissions from many institutions at
    /// once read and add rows of the same ledger tables, and where the store
    /// lets writers overlap (PostgreSQL's SERIALIZABLE) they refuse one
    /// another for conflicts often enough that a batch gives up; in turn,
    /// they wait instead. A store whose writes are already one at a time
    /// (SQLite) runs it as any write.
    func writeInTurn<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T
}

extension ProviderStore {
    public func writeInTurn<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T {
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
    var plans: any CarePlanRepository { get }
    var credentials: any CredentialRepository { get }
}

extension ProviderStore {
    /// This store's transactions, for a ``UnitOfWork``.
    public var transactions: Transactions<any ProviderTransaction> {
        Transactions(write: { try self.write($0) }, read: { try self.read($0) }, trail: { $0.audit })
    }
}
