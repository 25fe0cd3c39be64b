import LTCCore

/// Opens transactions on what the case lifecycle stores: schemes, people,
/// assessors, staff and their deactivations, cases, assessments and the audit trail. The SQLite store in
/// `LTCStorage` implements it; a PostgreSQL store implements the same.
///
/// ```swift
/// let id = try store.write { tx in
///     let id = try tx.people.insert(person)
///     try tx.audit.append(event)
///     return id
/// }
/// let view = try store.read { tx in (try tx.cases.caseRecord(id: 7), try tx.assessments.assessments(caseID: 7)) }
/// ```
///
/// A ``write(_:)`` is one transaction: all its changes are stored, or none
/// (an error thrown by `body` rolls it back); when it returns, the change is
/// durable. A ``read(_:)`` sees one consistent snapshot however many queries
/// it makes. Transactions are used by one thread, inside `body` only.
public protocol CaseStore: Sendable {
    func write<T>(_ body: (any CaseTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any CaseTransaction) throws -> T) throws -> T
}

/// The repositories of one transaction, by aggregate.
public protocol CaseTransaction {
    var schemes: any SchemeRepository { get }
    var people: any PersonRepository { get }
    var assessors: any AssessorRepository { get }
    var staff: any StaffRepository { get }
    var deactivations: any DeactivationRepository { get }
    var cases: any CaseRepository { get }
    var assessments: any AssessmentRepository { get }
    var drafts: any AssessmentDraftRepository { get }
    var audit: any AuditTrail { get }
    var findings: any FindingRepository { get }
}
