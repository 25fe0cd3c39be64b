import Foundation
import LTCAssessment
import LTCCases
import LTCCore
@testable import LTCProviders
import LTCReports
import LTCSchemes
import LTCStorage
import LTCTestSupport
import Testing

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

func validID(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17.map { Int(String($0))! }, weights).reduce(0) { $0 + $1.0 * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}

let admin = try! Actor("administrator:wang")

/// A database with the Shanghai-modelled example scheme (grade 3 home care:
/// 3 hours a week at 65 yuan, the fund pays 90 %), one beneficiary at grade 3
/// in home care from 2026-03-17, institution I001 with a signed agreement for
/// home visits (S01 and S02 at 65 yuan), and three caregivers: C1 (caregiver
/// certificate), C2 (nurse), C3 (caregiver, employed until 2026-04-10).
struct ProviderWorld {
    let scratch: TestStore
    let registry: RegistryService
    let cases: CaseService
    let agreements: AgreementService
    let intake: IntakeService
    let settlement: SettlementService
    let supervision: SupervisionService
    let reports: FundReportService
    let person: Int
    let caseID: Int
    static let home = GeoPoint(text: "31.230416,121.473701")!

    /// - Parameters:
    ///   - scheme: an example scheme file's name.
    ///   - mode: the mode of the scheme that I001 serves and the beneficiary is in.
    ///   - prices: I001's agreed prices.
    ///   - insurance: the beneficiary's insured group.
    ///   - clock: what the services read the time from (intake's "now", the audit trail's instants).
    init(engine: TestStore.Engine = .underTest, scheme: String = "hours-home-care-2026",
         prices: [String: Money] = ["S01": Money(yuan: 65), "S02": Money(yuan: 65)], insurance: InsuranceType = .employee,
         tier: Int? = nil, mode: String = "home-visit", clock: any WallClock = SystemClock()) throws {
        scratch = try TestStore(engine)
        let store = scratch.store
        registry = RegistryService(store: store, clock: clock, ties: EnrolmentTies())
        cases = CaseService(store: store, forms: try FormCatalog.load(), clock: clock, afterEnd: ServicesAfterEnd(clock: clock), ties: EnrolmentTies(),
                            vault: FolderVault(folder: scratch.evidenceFolder))
        agreements = AgreementService(store: store, clock: clock)
        intake = IntakeService(store: store, clock: clock)
        settlement = SettlementService(store: store, clock: clock)
        supervision = SupervisionService(store: store, clock: clock)
        reports = FundReportService(store: store)
        let schemeFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/schemes/\(scheme).json")
        _ = try registry.load(try Scheme.decode(text: Array(try Data(contentsOf: schemeFile)), source: "\(scheme).json"),
                           actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A1", name: "李医生", qualification: .medical, employer: nil, actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A2", name: "张专员", qualification: .none, employer: nil, actor: admin, asOf: day("2026-01-01"))
        person = try registry.addPerson(name: "陈老伯", nationalID: validID("11010519400101123"), insurance: insurance, tier: tier,
                                     enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        caseID = try Self.effectiveCase(cases, person: person, mode: mode, evidence: scratch)

        try Self.designate("I001", scheme: scheme, modes: [mode], prices: prices, capacity: 200, with: agreements)
        for (id, qualification, until) in [("C1", "caregiver", nil), ("C2", "nurse", nil), ("C3", "caregiver", day("2026-04-10"))] {
            _ = try agreements.register(Caregiver(id: id, name: "护理员\(id)", institution: "I001", qualifications: [qualification],
                                                 employment: [DatePeriod(from: day("2026-01-01"), to: until)]),
                                       actor: admin, asOf: day("2026-01-15"))
        }
        _ = try agreements.enrol(caseID: caseID, institution: "I001", mode: mode, from: day("2026-03-17"), home: Self.home,
                                actor: admin, asOf: day("2026-03-17"))
    }

    /// Registers an institution and signs its agreement for 2026 (applied 5 January, reviewed the 10th, signed the 15th).
    @discardableResult
    static func designate(_ institution: String, scheme: String = "hours-home-care-2026", modes: [String], prices: [String: Money],
                          capacity: Int = 10, with agreements: AgreementService) throws -> Agreement {
        _ = try agreements.register(Self.institution(institution), actor: admin, asOf: day("2026-01-05"))
        let agreement = try agreements.applyForAgreement(institution: institution, schemeID: scheme, start: day("2026-01-01"), end: day("2026-12-31"),
                                                         modes: modes, prices: prices, capacity: capacity, facts: Self.admitted, actor: admin, asOf: day("2026-01-05"))
        _ = try agreements.review(agreement: agreement.id, actor: admin, asOf: day("2026-01-10"))
        return try agreements.sign(agreement: agreement.id, actor: admin, asOf: day("2026-01-15"))
    }

    /// Facts that meet every example scheme's admission criteria.
    static let admitted = AdmissionFacts(legalPerson: true, caregivers: 20, qualifiedCaregivers: 15, administrators: 1, beds: 20, pledgedClean: true)

    static func institution(_ id: String) -> Institution {
        Institution(id: id, name: "护理站\(id)", type: .homeCare, licence: "LIC-\(id)", deliveries: ["home"], capacity: 200,
                    address: "上海市静安区某路1号", district: "静安", contact: "021-0000-0000")
    }

    /// A case from application to an effective grade 3 from 2026-03-17, in home visits.
    /// - Parameter evidence: where to make the visit's photo and signature, for schemes that require them.
    /// - Parameter schemeID: the case's scheme, where more than one is in force.
    static func effectiveCase(_ cases: CaseService, person: Int, mode: String = "home-visit", evidence: TestStore? = nil,
                              schemeID: String? = nil) throws -> Int {
        let id = try cases.open(personID: person, disabledSince: day("2025-06-01"), institution: nil, schemeID: schemeID,
                                actor: admin, asOf: day("2026-03-02")).id
        _ = try cases.check(caseID: id, actor: admin, asOf: day("2026-03-02"))
        _ = try cases.assign(caseID: id, assessors: ["A1", "A2"], reason: "named for the test", actor: admin, asOf: day("2026-03-03"))
        _ = try cases.assess(caseID: id, formID: "cn-ltc-2021", answers: try gradeThreeAnswers(), assessedOn: day("2026-03-05"),
                             place: "home", actor: try Actor("assessor:A1"), asOf: day("2026-03-05"))
        if let evidence {
            for kind in Evidence.Kind.allCases {
                _ = try cases.attachEvidence(caseID: id, path: try evidence.evidenceFile("\(kind)-\(id)", "\(kind) of case \(id)"), kind: kind,
                                             actor: admin, asOf: day("2026-03-05"))
            }
        }
        _ = try cases.determine(caseID: id, actor: admin, asOf: day("2026-03-09"))
        _ = try cases.confirm(caseID: id, actor: admin, asOf: day("2026-03-17"))
        _ = try cases.setMode(caseID: id, mode: mode, actor: admin, asOf: day("2026-03-17"))
        return id
    }

    /// Answers with an ADL total of `adl` and cognition and senses intact: 20 gives grade 3, 80 grade 1.
    static func gradeThreeAnswers(adl: Int = 20) throws -> JSONObject {
        let form = try FormCatalog.load().form(id: "cn-ltc-2021")
        var object = JSONObject()
        var deficit = 100 - adl
        for item in form.items {
            var score = item.maximumScore
            if item.dimension == "adl" {
                score = item.options.map(\.score).filter { item.maximumScore - $0 <= deficit }.min()!
                deficit -= item.maximumScore - score
            }
            object.set(item.id, .integer(score))
        }
        return object
    }

    /// A CSV log line: id, caregiver, item, start and end on a day, with an optional check-in.
    func line(_ id: String, _ caregiver: String = "C1", _ item: String = "S01", on date: String = "2026-04-06",
              _ from: String = "09:00", _ to: String = "10:00", person: Int? = nil, institution: String = "I001",
              mode: String = "home-visit", at location: String = ",") -> String {
        "\(id),\(institution),\(caregiver),\(person ?? self.person),\(item),\(date)T\(from),\(date)T\(to),\(mode),\(location)"
    }

    func submit(_ lines: [String], asOf: String = "2026-04-16", actor: Actor = admin) throws -> SubmissionReport {
        let text = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n" + lines.joined(separator: "\n") + "\n"
        return try intake.submit(Array(text.utf8), actor: actor, asOf: day(asOf))
    }

    /// The checks' workspace for these logs as a submission on `asOf` would
    /// read it, with `adjust` changing what was read (for checks in isolation).
    func workspace(for logs: [ServiceLog], asOf: CalendarDate, adjust: (inout IntakeLoad) -> Void) throws -> IntakeWorkspace {
        var workspace = IntakeWorkspace(asOf: asOf)
        let needs = workspace.needs(for: logs, chunk: 1, maybeResent: [])
        var load = try scratch.store.read { (tx: any ProviderTransaction) in try needs.read(from: tx, asOf: asOf) }
        adjust(&load)
        workspace.merge(load, chunk: 1)
        return workspace
    }
}
