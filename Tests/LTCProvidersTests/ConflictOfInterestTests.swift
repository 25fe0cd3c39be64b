import LTCCases
import LTCCore
import LTCProviders
import Testing

@Suite("Conflict of interest: an assessor may not assess a person enrolled with their employer, now or within the look-back period")
struct ConflictOfInterestTests {
    /// The provider world with I002 designated, assessor A3 employed by I001 and A4 by I002, and an enrolment of the
    /// person with I002 that ended on `ended` (the scheme looks back 12 months).
    func world(ended: CalendarDate = day("2025-05-31")) throws -> ProviderWorld {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 60)], with: world.agreements)
        _ = try world.registry.addAssessor(id: "A3", name: "王护士", qualification: .care, employer: "I001", actor: admin, asOf: day("2026-01-20"))
        _ = try world.registry.addAssessor(id: "A4", name: "赵护士", qualification: .care, employer: "I002", actor: admin, asOf: day("2026-01-20"))
        try enrol(world, with: "I002", from: day("2025-01-01"), to: ended)
        return world
    }

    func enrol(_ world: ProviderWorld, with institution: String, from: CalendarDate, to: CalendarDate?) throws {
        try world.scratch.store.write { (tx: any ProviderTransaction) in
            _ = try tx.enrolments.insert(Enrolment(id: 0, caseID: world.caseID, personID: world.person, institution: institution, mode: "home-visit",
                                                   period: DatePeriod(from: from, to: to), weeklyMinutes: nil, weeklyVisits: nil, home: nil))
        }
    }

    @Test("An assessor's employer must be a registered institution, or none")
    func employerRegistered() throws {
        let world = try world()
        let refused = #expect(throws: CaseError.self) {
            try world.registry.addAssessor(id: "A9", name: "孙", qualification: .care, employer: "I404", actor: admin, asOf: nil)
        }
        #expect(refused?.message.hasPrefix("employer I404 is not a registered institution") == true)
        #expect(try world.registry.addAssessor(id: "A9", name: "孙", qualification: .care, employer: nil, actor: admin, asOf: nil).employer == nil)
    }

    @Test("Enrolled with the employer now: refused, though the case names no institution")
    func enrolledNow() throws {
        let world = try world()
        let refused = #expect(throws: CaseError.self) {
            try world.cases.assign(caseID: world.caseID, assessors: ["A1", "A3"], reason: "named for the test", actor: admin, asOf: day("2026-06-01"))
        }
        #expect(refused?.reason == .conflictOfInterest)
        #expect(refused?.message == "assessor A3 is employed by I001, with which the applicant of case \(world.caseID) is or was enrolled since 2025-06-01 (the scheme looks back 12 months)")
    }

    @Test("An enrolment that ended 12 months before bars the assessor on that day and not the day after", arguments: [
        (day("2026-05-31"), true), (day("2026-06-01"), false),
    ])
    func lookBackEdge(on date: CalendarDate, refused: Bool) throws {
        let world = try world(ended: day("2025-05-31"))
        if refused {
            let error = #expect(throws: CaseError.self) { try world.cases.assign(caseID: world.caseID, assessors: ["A1", "A4"], reason: "named for the test", actor: admin, asOf: date) }
            #expect(error?.reason == .conflictOfInterest)
        } else {
            #expect(try world.cases.assign(caseID: world.caseID, assessors: ["A1", "A4"], reason: "named for the test", actor: admin, asOf: date).assessors == ["A1", "A4"])
        }
    }

    @Test("An enrolment made after the assignment bars the assessor from recording the assessment")
    func enrolledAfterAssignment() throws {
        let world = try world()
        _ = try world.cases.assign(caseID: world.caseID, assessors: ["A1", "A4"], reason: "named for the test", actor: admin, asOf: day("2026-06-01"))
        try enrol(world, with: "I002", from: day("2026-06-02"), to: nil)
        let refused = #expect(throws: CaseError.self) {
            try world.cases.assess(caseID: world.caseID, formID: "cn-ltc-2021", answers: try ProviderWorld.gradeThreeAnswers(), assessedOn: day("2026-06-03"),
                                   place: "home", actor: try Actor("assessor:A4"), asOf: day("2026-06-03"))
        }
        #expect(refused?.reason == .conflictOfInterest)
        #expect(try world.cases.assess(caseID: world.caseID, formID: "cn-ltc-2021", answers: try ProviderWorld.gradeThreeAnswers(), assessedOn: day("2026-06-03"),
                                       place: "home", actor: try Actor("assessor:A1"), asOf: day("2026-06-03")).1.grade == 3)
    }
}
