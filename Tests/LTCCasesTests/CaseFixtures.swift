import Foundation
import LTCAssessment
import LTCCases
import LTCCore
import LTCSchemes
import LTCTestSupport
import Testing

/// A national ID with a correct check character for the given 17 digits.
func validID(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17.map { Int(String($0))! }, weights).reduce(0) { $0 + $1.0 * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}

func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

let admin = try! Actor("administrator:wang")

/// A scheme for tests: employees only, 24 months enrolled, 6 months disabled,
/// 5 working days of publicity, grades valid 24 months, National Day holidays.
let testSchemeJSON = """
    {
      "format": "ltc-scheme/1",
      "id": "test-2026",
      "name": {"zh": "测试方案", "en": "test scheme"},
      "region": "test city",
      "timeZone": "Asia/Shanghai",
      "effective": {"from": "2026-01-01", "to": "2027-12-31"},
      "description": "For tests only.",
      "assessment": {"forms": ["cn-ltc-2021", "barthel"], "minimumGrade": 3, "assessorCount": 2,
                     "qualifiedAssessors": 1, "publicityWorkingDays": 5, "validityMonths": 24,
                     "visitWithinWorkingDays": 10, "conclusionWithinWorkingDays": 15},
      "eligibility": {"insuranceTypes": ["employee"], "minimumMonthsEnrolled": 24, "minimumMonthsDisabled": 6},
      "calendar": {"holidays": ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
                   "workingWeekendDays": ["2026-09-27", "2026-10-10"]}
    }
    """

/// A fresh store with the test scheme, five assessors and one insured employee.
struct World {
    let scratch: TestStore
    let registry: RegistryService
    let service: CaseService
    let person: InsuredPerson

    /// - Parameter scheme: the scheme's JSON text (the test scheme unless given).
    init(scheme: String = testSchemeJSON) throws {
        scratch = try TestStore()
        registry = RegistryService(store: scratch.store, clock: SystemClock())
        service = CaseService(store: scratch.store, forms: try FormCatalog.load(), clock: SystemClock())
        _ = try registry.load(try Scheme.decode(text: Array(scheme.utf8), source: "test"), actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A1", name: "李医生", qualification: .medical, employer: nil, actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A2", name: "张专员", qualification: .none, employer: nil, actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A3", name: "王护士", qualification: .care, employer: "I-SUNSHINE", actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A4", name: "赵医生", qualification: .medical, employer: nil, actor: admin, asOf: day("2026-01-01"))
        _ = try registry.addAssessor(id: "A5", name: "钱专员", qualification: .none, employer: nil, actor: admin, asOf: day("2026-01-01"))
        person = try registry.addPerson(name: "陈老伯", nationalID: validID("11010519400101123"), insurance: .employee,
                                       enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01"))
    }

    /// Answers on the national standard that give `grade` (3 = severe I, 1 = mild).
    static func answers(grade: Int) throws -> JSONObject {
        let form = try FormCatalog.load().form(id: "cn-ltc-2021")
        var object = JSONObject()
        let adl = grade >= 3 ? 20 : 80   // level 3 or 1
        var deficit = 100 - adl
        for item in form.items {
            var score = item.maximumScore
            if item.dimension == "adl" {
                let choice = item.options.map(\.score).filter { item.maximumScore - $0 <= deficit }.min()!
                deficit -= item.maximumScore - choice
                score = choice
            }
            object.set(item.id, .integer(score))
        }
        return object
    }

    /// Opens a case on 2026-03-02 (a Monday) and takes it to `state`.
    func caseIn(_ state: CaseState, institution: String? = nil) throws -> Int {
        let assessor = try Actor("assessor:A1")
        var record = try service.open(personID: person.id, disabledSince: day("2025-06-01"), institution: institution,
                                      schemeID: nil, actor: admin, asOf: day("2026-03-02"))
        let id = record.id
        func step(_ target: CaseState, _ action: () throws -> Case) rethrows -> Bool {
            guard record.state != state else { return false }
            record = try action()
            #expect(record.state == target)
            return true
        }
        if state == .rejected {
            // Disabled for only two months: fails the six-month rule.
            _ = try service.terminate(caseID: id, reason: .withdrawn, actor: admin, asOf: day("2026-03-02"))
            record = try service.open(personID: person.id, disabledSince: day("2026-01-05"), institution: institution,
                                      schemeID: nil, actor: admin, asOf: day("2026-03-02"))
            return try service.check(caseID: record.id, actor: admin, asOf: day("2026-03-02")).id
        }
        guard try step(.eligible, { try service.check(caseID: id, actor: admin, asOf: day("2026-03-02")) }) else { return id }
        guard try step(.assessing, { try service.assign(caseID: id, assessors: ["A1", "A2"], reason: "named for the test", actor: admin, asOf: day("2026-03-03")) }) else { return id }
        guard try step(.assessed, {
            try service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 3), assessedOn: day("2026-03-05"),
                               place: "home", actor: assessor, asOf: day("2026-03-05")).0
        }) else { return id }
        guard try step(.publicity, { try service.determine(caseID: id, actor: admin, asOf: day("2026-03-09")) }) else { return id }
        if [.objected, .reassessing, .reassessed].contains(state) {
            guard try step(.objected, { try service.object(caseID: id, reason: "grade too low", actor: admin, asOf: day("2026-03-10")) }) else { return id }
            guard try step(.reassessing, { try service.assign(caseID: id, assessors: ["A4", "A5"], reason: "named for the test", actor: admin, asOf: day("2026-03-11")) }) else { return id }
            _ = try step(.reassessed, {
                try service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 3), assessedOn: day("2026-03-12"),
                                   place: "home", actor: try Actor("assessor:A4"), asOf: day("2026-03-12")).0
            })
            return id
        }
        guard try step(.effective, { try service.confirm(caseID: id, actor: admin, asOf: day("2026-03-17")) }) else { return id }
        guard try step(.suspended, { try service.suspend(caseID: id, reason: "hospital stay", actor: admin, asOf: day("2026-04-01")) }) else { return id }
        _ = try step(.terminated, { try service.terminate(caseID: id, reason: .recovery, actor: admin, asOf: day("2026-04-10")).record })
        return id
    }
}
