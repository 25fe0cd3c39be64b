import LTCCore
import LTCSchemes

/// The storage the case manager needs, and nothing more: the SQLite store
/// implements it (`LTCStorage`), and a PostgreSQL store can follow without
/// touching the domain code.
///
/// ```swift
/// let created = try store.write { tx in
///     let id = try tx.insertPerson(person)
///     try tx.append(event)
///     return id
/// }
/// ```
///
/// Every ``write(_:)`` is one transaction: all its changes land, or none.
public protocol CaseStore {
    func write<T>(_ body: (any CaseStoreWriter) throws -> T) throws -> T
    func read<T>(_ body: (any CaseStoreReader) throws -> T) throws -> T
}

public protocol CaseStoreReader {
    func schemes() throws -> [Scheme]
    func person(id: Int) throws -> InsuredPerson?
    func person(nationalID: NationalID) throws -> InsuredPerson?
    func people() throws -> [InsuredPerson]
    func assessor(id: String) throws -> Assessor?
    func assessors() throws -> [Assessor]
    func caseRecord(id: Int) throws -> Case?
    func cases() throws -> [Case]
    func assessments(caseID: Int) throws -> [AssessmentRecord]
    func events(subject: String) throws -> [AuditEvent]
}

public protocol CaseStoreWriter: CaseStoreReader {
    func insert(_ scheme: Scheme) throws
    /// Inserts the person and returns the id the store gave them.
    func insert(_ person: InsuredPerson) throws -> Int
    func update(_ person: InsuredPerson) throws
    func insert(_ assessor: Assessor) throws
    func insert(_ record: Case) throws -> Int
    func update(_ record: Case) throws
    func insert(_ assessment: AssessmentRecord) throws -> Int
    /// Appends to the audit trail; nothing ever edits or removes an event.
    func append(_ event: AuditEvent) throws
}
