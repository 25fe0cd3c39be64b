import LTCCases
import LTCCore
import LTCSchemes
import Testing

/// The test scheme with a material list and a six-month wait after a refusal or a low grade.
let applicationSchemeJSON = testSchemeJSON.replacingOccurrences(
    of: #""minimumMonthsDisabled": 6}"#,
    with: #""minimumMonthsDisabled": 6, "waitingMonths": 6, "materials": [{"id": "form", "name": {"zh": "申请表", "en": "application form"}}, {"id": "records", "name": {"zh": "病历", "en": "medical records"}}]}"#)

@Suite("The application: materials, the waiting period, an agent, and coded grounds of refusal")
struct ApplicationTests {
    @Test("Missing materials fail the acceptance review with ground A04; all of them pass")
    func materials() throws {
        let world = try World(scheme: applicationSchemeJSON)
        let partial = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                             materials: ["form"], actor: admin, asOf: day("2026-03-02"))
        let refused = try world.service.check(caseID: partial.id, actor: admin, asOf: day("2026-03-02"))
        #expect(refused.state == .rejected)
        #expect(refused.eligibility?.grounds == [.incompleteMaterials])
        #expect(refused.eligibility?.rules.first { $0.id == "materials" }?.found == "missing records")
        #expect(refused.closedReason == "ineligible: materials (not accepted: A04)")
        #expect(throws: CaseError.self) {
            try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                   materials: ["passport"], actor: admin, asOf: day("2026-03-02"))
        }
    }

    @Test("After a refusal, a new application within six months fails with ground A05; from the day six months on it passes")
    func waitingPeriod() throws {
        let world = try World(scheme: applicationSchemeJSON)
        let first = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                           materials: ["form"], actor: admin, asOf: day("2026-03-02"))
        _ = try world.service.check(caseID: first.id, actor: admin, asOf: day("2026-03-02"))
        let early = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                           materials: ["form", "records"], actor: admin, asOf: day("2026-09-01"))
        let refused = try world.service.check(caseID: early.id, actor: admin, asOf: day("2026-09-01"))
        #expect(refused.eligibility?.grounds == [.waitingPeriod])
        #expect(refused.eligibility?.rules.first { $0.id == "waitingPeriod" }?.found == "the last on 2026-03-02; may apply again from 2026-09-02")
        let later = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                           materials: ["form", "records"], actor: admin, asOf: day("2026-09-02"))
        // The refusal of 1 September was for the wait alone: it does not start the wait again.
        #expect(try world.service.check(caseID: later.id, actor: admin, asOf: day("2026-09-02")).state == .eligible)
    }

    @Test("A grade below the minimum starts the wait too, from the day it was decided")
    func lowGrade() throws {
        let world = try World(scheme: applicationSchemeJSON)
        let id = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                        materials: ["form", "records"], actor: admin, asOf: day("2026-03-02")).id
        _ = try world.service.check(caseID: id, actor: admin, asOf: day("2026-03-02"))
        _ = try world.service.drawAssessors(caseID: id, seed: 1, actor: admin, asOf: day("2026-03-03"))
        let assessor = try #require(try world.service.show(caseID: id, actor: admin).record.assessors.first)
        _ = try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: World.answers(grade: 1), assessedOn: day("2026-03-05"),
                                     place: "home", actor: try Actor("assessor:\(assessor)"), asOf: day("2026-03-05"))
        _ = try world.service.determine(caseID: id, actor: admin, asOf: day("2026-03-09"))
        _ = try world.service.confirm(caseID: id, actor: admin, asOf: day("2026-03-17"))
        _ = try world.service.terminate(caseID: id, reason: .withdrawn, actor: admin, asOf: day("2026-03-20"))
        let again = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                           materials: ["form", "records"], actor: admin, asOf: day("2026-04-01"))
        let checked = try world.service.check(caseID: again.id, actor: admin, asOf: day("2026-04-01"))
        #expect(checked.eligibility?.grounds == [.waitingPeriod])
        #expect(checked.eligibility?.rules.first { $0.id == "waitingPeriod" }?.found == "the last on 2026-03-09; may apply again from 2026-09-09")
    }

    @Test("A second application while a case is open is refused with ground A06; an agent is kept with the case")
    func openCaseAndAgent() throws {
        let world = try World()
        let record = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                            agent: ApplyingAgent(name: "陈小妹", relationship: "daughter"), actor: admin, asOf: day("2026-03-02"))
        #expect(try world.service.show(caseID: record.id, actor: admin).record.agent == ApplyingAgent(name: "陈小妹", relationship: "daughter"))
        let error = #expect(throws: CaseError.self) {
            try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil, actor: admin, asOf: day("2026-03-03"))
        }
        #expect(error?.details["ground"] == .string("A06"))
    }

    @Test("No application is accepted for a person recorded as deceased (A01), rather than refused later at the check")
    func deceased() throws {
        let world = try World()
        let record = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                            actor: admin, asOf: day("2026-03-02"))
        _ = try world.service.terminate(caseID: record.id, reason: .death, on: day("2026-03-05"), actor: admin, asOf: day("2026-03-06"))
        let error = #expect(throws: CaseError.self) {
            try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil, actor: admin,
                                   asOf: day("2026-03-09"))
        }
        #expect(error?.details["ground"] == .string("A01") && error?.message.contains("deceased") == true)
    }
}
