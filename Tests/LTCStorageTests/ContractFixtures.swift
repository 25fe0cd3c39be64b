import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import LTCTestSupport
import Testing

// Records for the store contract, built from the domain types' public
// initialisers only: what any engine must store and give back unchanged.

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }
func month(_ text: String) -> YearMonth { YearMonth(text)! }
func minute(_ date: String, _ hour: Int, _ minutes: Int = 0) -> LocalMinute { LocalMinute(day: day(date), minute: hour * 60 + minutes) }
func page<Cursor>(after: Cursor? = nil, limit: Int) throws -> PageRequest<Cursor> { try PageRequest(after: after, limit: limit) }

/// A national ID with the right check character (GB 11643-1999).
func nationalID(_ serial: Int) throws -> NationalID {
    try NationalID(completing: "11010519400101" + String(format: "%03d", serial))
}

enum Contract {
    static let schemeFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/schemes/hours-home-care-2026.json")

    /// The Shanghai-style example scheme, or its 2028 version (`id` and dates changed, the rest as published).
    static func scheme(version2028: Bool = false) throws -> Scheme {
        var text = try String(contentsOf: schemeFile, encoding: .utf8)
        if version2028 {
            text = text.replacingOccurrences(of: "\"id\": \"hours-home-care-2026\"", with: "\"id\": \"hours-home-care-2028\"")
                .replacingOccurrences(of: "\"from\": \"2026-01-01\"", with: "\"from\": \"2028-01-01\"")
                .replacingOccurrences(of: "\"to\": \"2027-12-31\"", with: "\"to\": \"2028-12-31\"")
        }
        return try Scheme.decode(text: Array(text.utf8), source: schemeFile.path)
    }

    static func person(_ serial: Int, name: String = "陈老伯") throws -> InsuredPerson {
        InsuredPerson(id: 0, name: name, nationalID: try nationalID(serial), insurance: .employee, enrolledOn: day("2020-01-01"), status: .insured)
    }

    static func openCase(person: Int, institution: String? = nil, state: CaseState = .applied, scheme: String = "hours-home-care-2026") -> Case {
        Case(id: 0, personID: person, schemeID: scheme, institution: institution, state: state, openedOn: day("2026-03-02"), disabledSince: day("2025-06-01"))
    }

    static func determined(_ record: Case, grade: Int, validUntil: String) -> Case {
        var record = record
        record.state = .effective
        record.determination = Determination(assessmentID: 1, grade: grade, gradeLabel: "重度\(grade)级", decidedOn: day("2026-03-20"),
                                             benefitsEligible: true, validFrom: day("2026-03-20"), validUntil: day(validUntil))
        return record
    }

    static func assessment(caseID: Int, assessors: [String], on date: String = "2026-03-10") -> AssessmentRecord {
        AssessmentRecord(id: 0, caseID: caseID, round: .initial, formID: "cn-ltc-2021", formVersion: "2021", answers: ["1.1": .integer(2)],
                         result: .object(["grade": .integer(3)]), grade: 3, assessedOn: day(date), place: "home", assessors: assessors,
                         recordedBy: "assessor:\(assessors.first ?? "?")")
    }

    static func event(subject: String, action: String, outcome: AuditEvent.Outcome = .done) -> AuditEvent {
        AuditEvent(sequence: 0, recordedAt: "2026-03-02T08:00:00Z", asOf: day("2026-03-02"), actor: "administrator:wang", subject: subject,
                   action: action, outcome: outcome, reason: outcome == .refused ? "not allowed" : nil, before: nil, after: .object(["x": .integer(1)]))
    }

    static func institution(_ id: String, district: String = "黄浦区") -> Institution {
        Institution(id: id, name: "\(id) 护理站", type: .homeCare, licence: "LIC-\(id)", deliveries: ["home"], capacity: 50,
                    address: "1 Road", district: district, contact: "021-1234")
    }

    static func agreement(_ id: String, institution: String) -> Agreement {
        let terms = Agreement.Terms(version: 1, effectiveFrom: day("2026-01-01"), start: day("2026-01-01"), end: day("2027-12-31"),
                                    modes: ["home"], prices: ["S01": Money(yuan: 60)], capacity: 40)
        return Agreement(id: id, institution: institution, schemeID: "hours-home-care-2026", terms: terms)
    }

    static func caregiver(_ id: String, institution: String) -> Caregiver {
        Caregiver(id: id, name: "护理员\(id)", institution: institution, qualifications: ["carer-level-4"],
                  employment: [DatePeriod(from: day("2025-01-01"), to: nil)])
    }

    static func enrolment(caseID: Int, person: Int, institution: String, from: String = "2026-04-01", to: String? = nil) -> Enrolment {
        Enrolment(id: 0, caseID: caseID, personID: person, institution: institution, mode: "home",
                  period: DatePeriod(from: day(from), to: to.map(day)), weeklyMinutes: 420, weeklyVisits: 7,
                  home: GeoPoint(latitudeMicro: 31_230_000, longitudeMicro: 121_470_000))
    }

    static func log(_ id: String, institution: String, caregiver: String = "C1", person: Int, on date: String, hour: Int = 9,
                    minutes: Int = 60) -> ServiceLog {
        ServiceLog(logID: id, institution: institution, caregiver: caregiver, person: person, item: "S01", start: minute(date, hour),
                   end: LocalMinute(minutes: minute(date, hour).value + minutes), mode: "home",
                   location: GeoPoint(latitudeMicro: 31_230_000, longitudeMicro: 121_470_000))
    }

    static func accepted(_ log: ServiceLog, submission: Int, version: Int = 1, fund: Int = 5_400) -> StoredLog {
        StoredLog(log: log, version: version, status: .accepted, rule: nil, detail: nil,
                  money: AcceptedService(billed: Money(yuan: 60), allowed: Money(yuan: 60), fund: Money(fen: fund), grade: 3), submission: submission)
    }

    static func rejected(_ log: ServiceLog, submission: Int, rule: MonitoringRule = .late) -> StoredLog {
        StoredLog(log: log, version: 1, status: .rejected, rule: rule, detail: "sent 9 days after the service", money: nil, submission: submission)
    }

    static func violation(institution: String, caregiver: String? = nil, person: Int? = nil, on date: String = "2026-04-20") -> Violation {
        Violation(id: 0, institution: institution, caregiver: caregiver, person: person, type: "falseRecord", foundOn: day(date),
                  evidence: "visit record", amount: Money(yuan: 120), penalty: "recover", decidedOn: day(date), decidedBy: "administrator:wang")
    }

    static func record(_ kind: SupervisionRecord.Kind, institution: String, on date: String, score: Int? = nil) -> SupervisionRecord {
        SupervisionRecord(id: 0, kind: kind, institution: institution, date: day(date), score: score, person: nil, note: "on site",
                          recordedBy: "administrator:wang")
    }

    /// The usage one accepted log of `fund` fen adds to its person's and institution's months.
    static func usage(person: Int, institution: String, month: YearMonth, fund: Int = 5_400, received: Int = 1, rejected: Int = 0) -> UsageChanges {
        var changes = UsageChanges()
        let logs = received - rejected
        changes.months[.init(person: person, month: month, grade: 3, mode: "home")] =
            .init(logs: logs, billed: Money(yuan: 60 * logs), allowed: Money(yuan: 60 * logs), fund: Money(fen: fund * logs))
        changes.institutions[.init(institution: institution, month: month)] =
            .init(received: received, rejected: rejected, logs: logs, billed: Money(yuan: 60 * logs), allowed: Money(yuan: 60 * logs),
                  fund: Money(fen: fund * logs))
        return changes
    }
}

/// A store on `engine` with the example scheme, two institutions (I-A, I-B)
/// and their caregivers, three people with cases (the first two with I-A,
/// the third with I-B) and an enrolment each.
struct ContractWorld {
    let scratch: TestStore
    var store: any CaseStore & ProviderStore { scratch.store }
    var people: [Int] = []
    var cases: [Int] = []

    init(_ engine: TestStore.Engine) throws {
        scratch = try TestStore(engine)
        let scheme = try Contract.scheme()
        (people, cases) = try (scratch.store as any ProviderStore).write { tx in
            try tx.schemes.insert(scheme)
            for id in ["I-A", "I-B"] {
                try tx.institutions.insert(Contract.institution(id, district: id == "I-A" ? "黄浦区" : "徐汇区"))
                try tx.caregivers.upsert(Contract.caregiver("C1", institution: id))
                try tx.caregivers.upsert(Contract.caregiver("C2", institution: id))
            }
            var people: [Int] = [], cases: [Int] = []
            for (serial, institution) in [(1, "I-A"), (2, "I-A"), (3, "I-B")] {
                let person = try tx.people.insert(try Contract.person(serial))
                let caseID = try tx.cases.insert(Contract.determined(Contract.openCase(person: person, institution: institution), grade: 3,
                                                                     validUntil: "2028-03-19"))
                _ = try tx.enrolments.insert(Contract.enrolment(caseID: caseID, person: person, institution: institution))
                people.append(person)
                cases.append(caseID)
            }
            return (people, cases)
        }
    }

    func write<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T { try (store as any ProviderStore).write(body) }
    func read<T>(_ body: (any ProviderTransaction) throws -> T) throws -> T { try (store as any ProviderStore).read(body) }
}
