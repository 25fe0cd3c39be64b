import Foundation
import LTCCases
import LTCCore
import LTCSchemes

extension StorageError: StorageFailure {}

/// The case manager's storage in an SQLite file.
///
/// ```swift
/// let store = try SQLiteCaseStore(path: "ltc.sqlite")   // created and migrated on first use
/// let service = CaseService(store: store, forms: catalog)
/// ```
///
/// One instance holds one connection and is used by one thread at a time;
/// give each thread its own. Several processes may share the file: writes
/// take the lock at the start of their transaction and wait for each other.
public final class SQLiteCaseStore: CaseStore, @unchecked Sendable {
    public let database: SQLiteDatabase

    /// The schema, in order. Released migrations are never edited.
    public static let migrations: [Migration] = [
        Migration("0001-cases", """
            CREATE TABLE schemes (
                id TEXT PRIMARY KEY,
                region TEXT NOT NULL,
                effective_from TEXT NOT NULL,
                effective_to TEXT NOT NULL,
                document TEXT NOT NULL
            );
            CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                national_id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                insurance TEXT NOT NULL CHECK (insurance IN ('employee', 'resident')),
                enrolled_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('insured', 'left', 'deceased'))
            );
            CREATE TABLE assessors (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                qualification TEXT NOT NULL CHECK (qualification IN ('medical', 'care', 'none')),
                employer TEXT,
                active INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE cases (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                scheme_id TEXT NOT NULL REFERENCES schemes(id),
                state TEXT NOT NULL,
                valid_until TEXT,
                document TEXT NOT NULL
            );
            CREATE INDEX cases_by_person ON cases(person_id);
            CREATE INDEX cases_by_valid_until ON cases(valid_until);
            CREATE TABLE assessments (
                id INTEGER PRIMARY KEY,
                case_id INTEGER NOT NULL REFERENCES cases(id),
                document TEXT NOT NULL
            );
            CREATE INDEX assessments_by_case ON assessments(case_id);
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                recorded_at TEXT NOT NULL,
                as_of TEXT NOT NULL,
                actor TEXT NOT NULL,
                subject TEXT NOT NULL,
                action TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),
                reason TEXT,
                before TEXT,
                after TEXT
            );
            CREATE INDEX events_by_subject ON events(subject);
            CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """),
        Migration("0002-providers", providersSchema),
        Migration("0003-supervision", """
            CREATE TABLE violations (
                id INTEGER PRIMARY KEY,
                institution TEXT NOT NULL REFERENCES institutions(id),
                document TEXT NOT NULL
            );
            CREATE INDEX violations_by_institution ON violations(institution);
            CREATE TABLE performance_assessments (
                institution TEXT NOT NULL REFERENCES institutions(id),
                period_from TEXT NOT NULL,
                period_to TEXT NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (institution, period_from, period_to)
            );
            CREATE TABLE supervision_records (
                id INTEGER PRIMARY KEY,
                institution TEXT NOT NULL REFERENCES institutions(id),
                kind TEXT NOT NULL CHECK (kind IN ('inspection', 'complaint')),
                document TEXT NOT NULL
            );
            """),
    ]

    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try database.migrate(Self.migrations)
    }

    public func write<T>(_ body: (any CaseStoreWriter) throws -> T) throws -> T {
        try database.transaction { try body(SQLiteCaseTransaction(database: database)) }
    }

    public func read<T>(_ body: (any CaseStoreReader) throws -> T) throws -> T {
        try body(SQLiteCaseTransaction(database: database))
    }
}

/// Reads and writes on the store's connection, inside or outside a transaction.
struct SQLiteCaseTransaction: CaseStoreWriter {
    let database: SQLiteDatabase

    // MARK: Schemes

    func schemes() throws -> [Scheme] {
        try database.query("SELECT id, document FROM schemes ORDER BY effective_from, id") { row in
            let id = row.text(0) ?? "?"
            return try Scheme.decode(text: Array((row.text(1) ?? "").utf8), source: "stored scheme \(id)")
        }
    }

    func insert(_ scheme: Scheme) throws {
        try database.run("INSERT INTO schemes (id, region, effective_from, effective_to, document) VALUES (?, ?, ?, ?, ?)",
                         [.text(scheme.id), .text(scheme.region), .text(scheme.effectiveFrom.description),
                          .text(scheme.effectiveTo.description), .text(JSONWriter.string(scheme.document))])
    }

    // MARK: People

    private static let personColumns = "id, national_id, name, insurance, enrolled_on, status"

    private func person(_ row: SQLiteRow) throws -> InsuredPerson {
        guard let id = row.integer(0), let nationalID = row.text(1), let name = row.text(2),
              let insurance = row.text(3).flatMap(InsuranceType.init), let enrolled = row.text(4).flatMap(CalendarDate.init),
              let status = row.text(5).flatMap(InsuredPerson.Status.init) else {
            throw StorageError(code: 0, message: "a stored person row is damaged")
        }
        return InsuredPerson(id: id, name: name, nationalID: try NationalID(nationalID), insurance: insurance,
                             enrolledOn: enrolled, status: status)
    }

    func person(id: Int) throws -> InsuredPerson? {
        try database.query("SELECT \(Self.personColumns) FROM people WHERE id = ?", [.integer(id)], row: person).first
    }

    func person(nationalID: NationalID) throws -> InsuredPerson? {
        try database.query("SELECT \(Self.personColumns) FROM people WHERE national_id = ?", [.text(nationalID.value)], row: person).first
    }

    func people() throws -> [InsuredPerson] {
        try database.query("SELECT \(Self.personColumns) FROM people ORDER BY id", row: person)
    }

    func insert(_ person: InsuredPerson) throws -> Int {
        try database.run("INSERT INTO people (national_id, name, insurance, enrolled_on, status) VALUES (?, ?, ?, ?, ?)",
                         [.text(person.nationalID.value), .text(person.name), .text(person.insurance.rawValue),
                          .text(person.enrolledOn.description), .text(person.status.rawValue)])
        return database.lastInsertedRowID
    }

    func update(_ person: InsuredPerson) throws {
        try database.run("UPDATE people SET name = ?, insurance = ?, enrolled_on = ?, status = ? WHERE id = ?",
                         [.text(person.name), .text(person.insurance.rawValue), .text(person.enrolledOn.description),
                          .text(person.status.rawValue), .integer(person.id)])
    }

    // MARK: Assessors

    private func assessor(_ row: SQLiteRow) throws -> Assessor {
        guard let id = row.text(0), let name = row.text(1), let qualification = row.text(2).flatMap(Assessor.Qualification.init),
              let active = row.integer(4) else {
            throw StorageError(code: 0, message: "a stored assessor row is damaged")
        }
        return Assessor(id: id, name: name, qualification: qualification, employer: row.text(3), active: active != 0)
    }

    func assessor(id: String) throws -> Assessor? {
        try database.query("SELECT id, name, qualification, employer, active FROM assessors WHERE id = ?", [.text(id)], row: assessor).first
    }

    func assessors() throws -> [Assessor] {
        try database.query("SELECT id, name, qualification, employer, active FROM assessors ORDER BY id", row: assessor)
    }

    func insert(_ assessor: Assessor) throws {
        try database.run("INSERT INTO assessors (id, name, qualification, employer, active) VALUES (?, ?, ?, ?, ?)",
                         [.text(assessor.id), .text(assessor.name), .text(assessor.qualification.rawValue),
                          SQLValue(assessor.employer), .integer(assessor.active ? 1 : 0)])
    }

    // MARK: Cases

    func caseRecord(_ row: SQLiteRow) throws -> Case {
        guard let id = row.integer(0), let text = row.text(1), let record = Case(json: try JSONParser.parse(text), id: id) else {
            throw StorageError(code: 0, message: "a stored case row is damaged")
        }
        return record
    }

    func caseRecord(id: Int) throws -> Case? {
        try database.query("SELECT id, document FROM cases WHERE id = ?", [.integer(id)], row: caseRecord).first
    }

    func cases() throws -> [Case] {
        try database.query("SELECT id, document FROM cases ORDER BY id", row: caseRecord)
    }

    func insert(_ record: Case) throws -> Int {
        try database.run("INSERT INTO cases (person_id, scheme_id, state, valid_until, document) VALUES (?, ?, ?, ?, ?)",
                         [.integer(record.personID), .text(record.schemeID), .text(record.state.rawValue),
                          SQLValue(record.determination?.validUntil?.description), .text(JSONWriter.string(record.json))])
        return database.lastInsertedRowID
    }

    func update(_ record: Case) throws {
        try database.run("UPDATE cases SET state = ?, valid_until = ?, document = ? WHERE id = ?",
                         [.text(record.state.rawValue), SQLValue(record.determination?.validUntil?.description),
                          .text(JSONWriter.string(record.json)), .integer(record.id)])
    }

    // MARK: Assessments

    func assessments(caseID: Int) throws -> [AssessmentRecord] {
        try database.query("SELECT id, document FROM assessments WHERE case_id = ? ORDER BY id", [.integer(caseID)]) { row in
            guard let id = row.integer(0), let text = row.text(1),
                  let record = AssessmentRecord(json: try JSONParser.parse(text), id: id) else {
                throw StorageError(code: 0, message: "a stored assessment row is damaged")
            }
            return record
        }
    }

    func insert(_ assessment: AssessmentRecord) throws -> Int {
        try database.run("INSERT INTO assessments (case_id, document) VALUES (?, ?)",
                         [.integer(assessment.caseID), .text(JSONWriter.string(assessment.json))])
        return database.lastInsertedRowID
    }

    // MARK: Audit trail

    func events(subject: String) throws -> [AuditEvent] {
        try database.query("""
            SELECT seq, recorded_at, as_of, actor, subject, action, outcome, reason, before, after
            FROM events WHERE subject = ? ORDER BY seq
            """, [.text(subject)]) { row in
            guard let sequence = row.integer(0), let at = row.text(1), let asOf = row.text(2).flatMap(CalendarDate.init),
                  let actor = row.text(3), let subject = row.text(4), let action = row.text(5),
                  let outcome = row.text(6).flatMap(AuditEvent.Outcome.init) else {
                throw StorageError(code: 0, message: "a stored audit event is damaged")
            }
            return AuditEvent(sequence: sequence, recordedAt: at, asOf: asOf, actor: actor, subject: subject, action: action,
                              outcome: outcome, reason: row.text(7),
                              before: try row.text(8).map { try JSONParser.parse($0) },
                              after: try row.text(9).map { try JSONParser.parse($0) })
        }
    }

    func append(_ event: AuditEvent) throws {
        try database.run("""
            INSERT INTO events (recorded_at, as_of, actor, subject, action, outcome, reason, before, after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(event.recordedAt), .text(event.asOf.description), .text(event.actor), .text(event.subject),
                  .text(event.action), .text(event.outcome.rawValue), SQLValue(event.reason),
                  SQLValue(event.before.map { JSONWriter.string($0) }), SQLValue(event.after.map { JSONWriter.string($0) })])
    }
}
