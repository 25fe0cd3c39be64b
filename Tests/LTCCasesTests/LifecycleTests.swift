import LTCAssessment
import LTCCases
import LTCCore
import LTCSchemes
import Testing

@Suite("The case lifecycle")
struct LifecycleTests {
    @Test("Every state can be reached through the allowed transitions", arguments: CaseState.allCases)
    func reach(state: CaseState) throws {
        let world = try World()
        let id = try world.caseIn(state)
        #expect(try world.service.show(caseID: id, actor: admin).record.state == state)
    }

    @Test("Every action not allowed in a state is refused, naming the state and the allowed actions",
          arguments: CaseState.allCases)
    func forbidden(state: CaseState) throws {
        let world = try World()
        let id = try world.caseIn(state)
        let allowed = Set(Lifecycle.transitions(from: state).map(\.action))
        let service = world.service
        let date = day("2026-06-01")
        let attempts: [CaseAction: () throws -> Case] = [
            .check: { try service.check(caseID: id, actor: admin, asOf: date) },
            .assign: { try service.assign(caseID: id, assessors: ["A1", "A2"], reason: "named for the test", actor: admin, asOf: date) },
            .assess: { try service.assess(caseID: id, formID: "cn-ltc-2021", answers: [:], assessedOn: nil, place: "x",
                                          actor: try Actor("assessor:A1"), asOf: date).0 },
            .determine: { try service.determine(caseID: id, actor: admin, asOf: date) },
            .object: { try service.object(caseID: id, reason: "r", actor: admin, asOf: date) },
            .confirm: { try service.confirm(caseID: id, actor: admin, asOf: date) },
            .suspend: { try service.suspend(caseID: id, reason: "r", actor: admin, asOf: date) },
            .resume: { try service.resume(caseID: id, actor: admin, asOf: date) },
            .terminate: { try service.terminate(caseID: id, reason: .withdrawn, actor: admin, asOf: date).record },
        ]
        for (action, attempt) in attempts where !allowed.contains(action) {
            let error = try #require(throws: CaseError.self) { _ = try attempt() }
            #expect(error.reason == .transitionNotAllowed, "\(action) in \(state)")
            #expect(error.message.contains("is \(state.rawValue): '\(action.rawValue)' is not allowed; allowed: "))
            #expect(error.details["allowed"]?.arrayValue?.compactMap(\.stringValue) == Lifecycle.transitions(from: state).map(\.action.rawValue))
        }
        #expect(try service.show(caseID: id, actor: admin).record.state == state, "refusals change nothing")
    }

    @Test("Each action is one role's, whatever state it is taken from")
    func oneRolePerAction() {
        for transition in Lifecycle.transitions {
            #expect(Lifecycle.anyTransition(of: transition.action)?.role == transition.role, "\(transition.action)")
        }
    }

    @Test("The transitions are data: each one is listed with its role")
    func table() {
        #expect(Lifecycle.transitions(from: .publicity).map(\.action) == [.object, .confirm, .terminate])
        #expect(Lifecycle.transitions(from: .terminated).isEmpty)
        #expect(Lifecycle.transitions.filter { $0.action == .assess }.allSatisfy { $0.role == .assessor })
    }
}

@Suite("Eligibility")
struct EligibilityTests {
    @Test("Every rule is listed with what it needs, what was found, and pass or fail")
    func passes() throws {
        let world = try World()
        let id = try world.caseIn(.eligible)
        let decision = try #require(try world.service.show(caseID: id, actor: admin).record.eligibility)
        #expect(decision.passed)
        #expect(decision.rules.map(\.id) == ["insured", "insuranceType", "monthsEnrolled", "monthsDisabled"])
        #expect(decision.rules.first { $0.id == "monthsDisabled" }?.found == "9 months since 2025-06-01")
    }

    @Test("Fail reasons: a resident, enrolled a year, disabled two months")
    func fails() throws {
        let world = try World()
        let resident = try world.registry.addPerson(name: "周阿姨", nationalID: validID("31010119450505222"), insurance: .resident,
                                                   enrolledOn: day("2025-03-01"), actor: admin, asOf: day("2026-01-01"))
        let opened = try world.service.open(personID: resident.id, disabledSince: day("2026-01-05"), institution: nil,
                                            schemeID: nil, actor: admin, asOf: day("2026-03-02"))
        let checked = try world.service.check(caseID: opened.id, actor: admin, asOf: day("2026-03-02"))
        #expect(checked.state == .rejected)
        let failed = checked.eligibility?.rules.filter { !$0.passed }.map(\.id)
        #expect(failed == ["insuranceType", "monthsEnrolled", "monthsDisabled"])
        #expect(checked.closedReason == "ineligible: insuranceType, monthsEnrolled, monthsDisabled (not accepted: A01, A02, A03)")
    }

    @Test("Six months disabled to the day passes; a day less fails")
    func disabledEdge() throws {
        let world = try World()
        let first = try world.service.open(personID: world.person.id, disabledSince: day("2025-09-03"), institution: nil,
                                           schemeID: nil, actor: admin, asOf: day("2026-03-02"))
        #expect(try world.service.check(caseID: first.id, actor: admin, asOf: day("2026-03-02")).state == .rejected)
        let second = try world.service.open(personID: world.person.id, disabledSince: day("2025-09-02"), institution: nil,
                                            schemeID: nil, actor: admin, asOf: day("2026-03-02"))
        #expect(try world.service.check(caseID: second.id, actor: admin, asOf: day("2026-03-02")).state == .eligible)
    }
}

@Suite("Assessors, roles and conflicts of interest")
struct AssessorRuleTests {
    @Test("An assessor employed by the institution serving the applicant may not assess them")
    func conflictOfInterest() throws {
        let world = try World()
        let id = try world.caseIn(.eligible, institution: "I-SUNSHINE")
        let error = try #require(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["A1", "A3"], reason: "named for the test", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(error.reason == .conflictOfInterest)
        #expect(error.message == "assessor A3 is employed by I-SUNSHINE, which serves the applicant of case \(id)")
    }

    @Test("At least one assessor needs a medical or care qualification")
    func qualification() throws {
        let world = try World()
        let id = try world.caseIn(.eligible)
        let error = try #require(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["A2", "A5"], reason: "named for the test", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(error.reason == .assessorRule)
    }

    @Test("Two different registered assessors are needed")
    func teamSize() throws {
        let world = try World()
        let id = try world.caseIn(.eligible)
        for team in [["A1"], ["A1", "A1"], ["A1", "A2", "A4"], ["A1", "NOBODY"]] {
            #expect(throws: CaseError.self) { try world.service.assign(caseID: id, assessors: team, reason: "named for the test", actor: admin, asOf: day("2026-03-03")) }
        }
    }

    @Test("Only an assessor assigned to the case may record its assessment")
    func onlyAssigned() throws {
        let world = try World()
        let id = try world.caseIn(.assessing)
        let error = try #require(throws: CaseError.self) {
            try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: try World.answers(grade: 3), assessedOn: nil,
                                     place: "home", actor: try Actor("assessor:A4"), asOf: day("2026-03-05"))
        }
        #expect(error.reason == .forbidden)
    }

    @Test("A visit is dated between the assignment of its assessors and today: never backdated before anyone was sent",
          arguments: ["2020-01-01", "2026-03-01", "2026-03-02"])
    func visitNotBeforeAssignment(visit: String) throws {
        let world = try World()
        let id = try world.caseIn(.assessing)   // opened 2026-03-02, assessors assigned 2026-03-03
        let error = try #require(throws: CaseError.self) {
            try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: try World.answers(grade: 3), assessedOn: day(visit),
                                     place: "home", actor: try Actor("assessor:A1"), asOf: nil)
        }
        #expect(error.reason == .timing && error.message.contains("before its assessors were assigned on 2026-03-03"))
        let recorded = try world.service.assess(caseID: id, formID: "cn-ltc-2021", answers: try World.answers(grade: 3), assessedOn: day("2026-03-03"),
                                                place: "home", actor: try Actor("assessor:A1"), asOf: nil)
        #expect(recorded.1.assessedOn == day("2026-03-03"))
    }

    @Test("Administrators' actions are refused to other roles")
    func roles() throws {
        let world = try World()
        let id = try world.caseIn(.applied)
        for actor in [try Actor("assessor:A1"), try Actor("institution:I-SUNSHINE")] {
            let error = try #require(throws: CaseError.self) { try world.service.check(caseID: id, actor: actor, asOf: day("2026-03-02")) }
            #expect(error.reason == .forbidden)
            #expect(error.message.contains("needs the administrator role"))
        }
    }

    @Test("A re-assessment must use assessors other than the first two")
    func reassessmentTeam() throws {
        let world = try World()
        let id = try world.caseIn(.objected)
        let error = try #require(throws: CaseError.self) {
            try world.service.assign(caseID: id, assessors: ["A1", "A4"], reason: "named for the test", actor: admin, asOf: day("2026-03-11"))
        }
        #expect(error.reason == .assessorRule)
        #expect(error.message.contains("A1 assessed it"))
    }

    @Test("An institution sees only its own clients; an assessor only their cases")
    func visibility() throws {
        let world = try World()
        let id = try world.caseIn(.eligible, institution: "I-SUNSHINE")
        #expect(try world.service.list(actor: try Actor("institution:I-SUNSHINE"), state: nil, dueWithin: nil, asOf: day("2026-03-03"), page: try PageRequest()).items.map(\.id) == [id])
        #expect(try world.service.list(actor: try Actor("institution:I-OTHER"), state: nil, dueWithin: nil, asOf: day("2026-03-03"), page: try PageRequest()).items.isEmpty)
        #expect(throws: CaseError.self) { try world.service.show(caseID: id, actor: try Actor("institution:I-OTHER")) }
        #expect(throws: CaseError.self) { try world.registry.person(id: world.person.id, actor: try Actor("assessor:A4")) }
    }
}

@Suite("Publicity, objection and validity")
struct PublicityTests {
    @Test("Publicity lasts five working days: a determination on Monday 2026-03-09 ends on Monday 2026-03-16")
    func period() throws {
        let world = try World()
        let id = try world.caseIn(.publicity)
        let record = try world.service.show(caseID: id, actor: admin).record
        #expect(record.publicityEnds == day("2026-03-16"))
        #expect(record.pending?.grade == 3)
        #expect(record.pending?.benefitsEligible == true)
    }

    @Test("Working days skip weekends and holidays and count declared working weekend days")
    func workingDays() throws {
        let scheme = try Scheme.decode(text: Array(testSchemeJSON.utf8), source: "test")
        // From Friday 2026-09-25: Sun 27 (declared working), Mon 28, Tue 29, Wed 30, then the holiday week; Fri 9, Sat 10 (working).
        #expect(scheme.calendar.adding(workingDays: 5, to: day("2026-09-25")) == day("2026-10-08"))
        #expect(scheme.calendar.adding(workingDays: 7, to: day("2026-09-25")) == day("2026-10-10"))
    }

    @Test("Confirming during publicity is refused; after it, the grade holds for 24 months")
    func confirm() throws {
        let world = try World()
        let id = try world.caseIn(.publicity)
        let early = try #require(throws: CaseError.self) { try world.service.confirm(caseID: id, actor: admin, asOf: day("2026-03-16")) }
        #expect(early.reason == .timing)
        #expect(early.message.contains("confirm from 2026-03-17"))
        let effective = try world.service.confirm(caseID: id, actor: admin, asOf: day("2026-03-17"))
        #expect(effective.determination?.validFrom == day("2026-03-17"))
        #expect(effective.determination?.validUntil == day("2028-03-16"))
    }

    @Test("An objection is accepted on the last day of publicity and refused the day after")
    func objectionWindow() throws {
        let world = try World()
        let late = try world.caseIn(.publicity)
        let error = try #require(throws: CaseError.self) {
            try world.service.object(caseID: late, reason: "too low", actor: admin, asOf: day("2026-03-17"))
        }
        #expect(error.reason == .timing)
        #expect(try world.service.object(caseID: late, reason: "too low", actor: admin, asOf: day("2026-03-16")).state == .objected)
    }

    @Test("The re-assessment result is final and in force at once")
    func reassessmentFinal() throws {
        let world = try World()
        let id = try world.caseIn(.reassessed)
        let final = try world.service.determine(caseID: id, actor: admin, asOf: day("2026-03-13"))
        #expect(final.state == .effective)
        #expect(final.determination?.validFrom == day("2026-03-13"))
        #expect(final.publicityEnds == nil)
    }

    @Test("Cases due for re-assessment within N days")
    func due() throws {
        let world = try World()
        let id = try world.caseIn(.effective)  // valid until 2028-03-16
        // Asked in 2028: the date an administrator sets is never after today (AsOfWindow), so the clock reads 2028.
        let later = CaseService(store: world.scratch.store, forms: try FormCatalog.load(), clock: FixedClock(instant: "2028-02-01T00:00:00Z")!)
        #expect(try later.list(actor: admin, state: nil, dueWithin: 60, asOf: day("2028-01-16"), page: try PageRequest()).items.map(\.id) == [id])
        #expect(try later.list(actor: admin, state: nil, dueWithin: 60, asOf: day("2028-01-15"), page: try PageRequest()).items.isEmpty)
        let ahead = #expect(throws: CaseError.self) {
            try world.service.list(actor: admin, state: nil, dueWithin: 60, asOf: day("9999-12-31"), page: try PageRequest())
        }
        #expect(ahead?.message.contains("after today") == true)
        // A window beyond ten years, or negative, is refused rather than overflowing the date.
        for days in [Int.max, 3_661, -1] {
            #expect(throws: CaseError.self) {
                try world.service.list(actor: admin, state: nil, dueWithin: days, asOf: day("2028-01-15"), page: try PageRequest())
            }
        }
    }
}

@Suite("The audit trail")
struct AuditTrailTests {
    @Test("Every change is an event with before and after; refusals are events too")
    func events() throws {
        let world = try World()
        let id = try world.caseIn(.assessing)
        _ = try? world.service.confirm(caseID: id, actor: admin, asOf: day("2026-03-04"))
        let events = try world.service.show(caseID: id, actor: admin).events
        #expect(events.map(\.action) == ["case.open", "case.check", "case.assign", "case.confirm"])
        #expect(events.last?.outcome == .refused)
        #expect(events[1].before?["state"] == "applied")
        #expect(events[1].after?["state"] == "eligible")
        #expect(events.allSatisfy { $0.actor == "administrator:wang" })
    }

    @Test("The stored assessment keeps the result as computed, with form id and version")
    func storedResult() throws {
        let world = try World()
        let id = try world.caseIn(.assessed)
        let assessment = try #require(try world.service.show(caseID: id, actor: admin).assessments.first)
        #expect(assessment.formID == "cn-ltc-2021")
        #expect(assessment.formVersion == "2021-07")
        #expect(assessment.result["grade"]?["level"] == 3)
        #expect(assessment.assessors == ["A1", "A2"])
    }
}

@Suite("Schemes in the database")
struct StoredSchemeTests {
    @Test("Two schemes of one region may not be in force on the same day")
    func overlappingDates() throws {
        let world = try World()
        let overlapping = testSchemeJSON.replacingOccurrences(of: #""id": "test-2026""#, with: #""id": "test-2027""#)
            .replacingOccurrences(of: #""from": "2026-01-01", "to": "2027-12-31""#, with: #""from": "2027-06-01", "to": "2028-12-31""#)
        let error = try #require(throws: CaseError.self) {
            try world.registry.load(try Scheme.decode(text: Array(overlapping.utf8), source: "b"), actor: admin, asOf: day("2026-01-01"))
        }
        #expect(error.reason == .invalidScheme)
        #expect(error.message.contains("overlaps 'test-2026' (2026-01-01 to 2027-12-31) in region test city"))
        let following = overlapping.replacingOccurrences(of: #""from": "2027-06-01""#, with: #""from": "2028-01-01""#)
        #expect(try world.registry.load(try Scheme.decode(text: Array(following.utf8), source: "c"), actor: admin, asOf: day("2026-01-01")).id == "test-2027")
    }
}

@Suite("The conflict look-back period is scheme data")
struct ConflictLookBackTests {
    func decode(_ field: String) throws -> Scheme {
        let text = testSchemeJSON.replacingOccurrences(of: #""conclusionWithinWorkingDays": 15}"#, with: #""conclusionWithinWorkingDays": 15\#(field)}"#)
        return try Scheme.decode(text: Array(text.utf8), source: "s.json")
    }

    @Test("Left out it is 12 months; given, 0 to 120; outside, refused naming the field")
    func lookBack() throws {
        #expect(try decode("").assessment.conflictLookBackMonths == 12)
        #expect(try decode(#", "conflictLookBackMonths": 0"#).assessment.conflictLookBackMonths == 0)
        #expect(try decode(#", "conflictLookBackMonths": 36"#).assessment.conflictLookBackMonths == 36)
        let error = #expect(throws: (any Error).self) { try decode(#", "conflictLookBackMonths": 121"#) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("$.assessment.conflictLookBackMonths: 121 is outside 0–120"))
    }
}

@Suite("Registers refuse text that would not read back as sent")
struct RegisterTextTests {
    @Test("A NUL in a person's or an assessor's name or id, or in a reason, is refused and nothing is stored")
    func controlCharacters() throws {
        let world = try World()
        let person = #expect(throws: InputError.self) {
            try world.registry.addPerson(name: "王\u{0}阿婆", nationalID: validID("11010519400101124"), insurance: .employee,
                                         enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01"))
        }
        #expect(person?.message.contains("U+0000") == true)
        #expect(throws: InputError.self) {
            try world.registry.addAssessor(id: "A9\u{0}", name: "孙医生", qualification: .medical, employer: nil, actor: admin, asOf: day("2026-01-01"))
        }
        #expect(try world.scratch.store.read { try $0.assessors.assessor(id: "A9\u{0}") } == nil)
        let id = try world.service.open(personID: world.person.id, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil,
                                        actor: admin, asOf: day("2026-03-02")).id
        let reason = #expect(throws: InputError.self) {
            try world.service.suspend(caseID: id, reason: "hospital\u{0}", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(reason?.source == "reason")
    }
}
