import LTCCases
import LTCCore
import LTCProviders
import LTCSchemes
import LTCTestSupport
import Testing

/// What every engine's schemes, people, assessors, cases, assessments and
/// audit trail must do: the requirements of the case repositories, each
/// checked on every engine.
@Suite("Case repositories keep their contract")
struct CaseRepositoryContractTests {
    @Test("a scheme is found by id, by day in force, by region and by overlap", arguments: TestStore.Engine.available)
    func schemes(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let later = try Contract.scheme(version2028: true)
        try world.write { tx throws in try tx.schemes.insert(later) }
        try world.read { tx throws in
            #expect(try tx.schemes.scheme(id: "hours-home-care-2026")?.region == "Shanghai (illustrative)")
            #expect(try tx.schemes.scheme(id: "missing") == nil)
            #expect(try tx.schemes.inForce(on: day("2026-06-01")).map(\.id) == ["hours-home-care-2026"])
            #expect(try tx.schemes.inForce(on: day("2028-06-01")).map(\.id) == ["hours-home-care-2028"])
            #expect(try tx.schemes.inForce(on: day("2029-01-01")).isEmpty)
            #expect(try tx.schemes.versions(region: "Shanghai (illustrative)").map(\.id) == ["hours-home-care-2026", "hours-home-care-2028"])
            #expect(try tx.schemes.overlapping(region: "Shanghai (illustrative)", from: day("2027-12-01"), to: day("2028-01-31")).count == 2)
            #expect(try tx.schemes.overlapping(region: "Shanghai (illustrative)", from: day("2028-02-01"), to: day("2028-03-01")).map(\.id)
                    == ["hours-home-care-2028"])
            #expect(try tx.schemes.overlapping(region: "Tianjin (illustrative)", from: day("2026-01-01"), to: day("2028-12-31")).isEmpty)
            #expect(try tx.schemes.summaries().map(\.label)
                    == ["hours-home-care-2026 (2026-01-01 to 2027-12-31)", "hours-home-care-2028 (2028-01-01 to 2028-12-31)"])
            #expect(try tx.schemes.timeZones() == ["Asia/Shanghai"])
            let first = try tx.schemes.list(page: try page(limit: 1))
            #expect(first.items.map(\.id) == ["hours-home-care-2026"] && first.next == "hours-home-care-2026")
            let second = try tx.schemes.list(page: try page(after: first.next, limit: 1))
            #expect(second.items.map(\.id) == ["hours-home-care-2028"] && second.next == nil)
        }
    }

    @Test("a scheme read back on another connection is the one stored", arguments: TestStore.Engine.available)
    func schemeRoundTrip(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in try tx.schemes.insert(try Contract.scheme(version2028: true)) }
        let again = try world.scratch.reopened()
        let stored = try (again as any ProviderStore).read { tx throws in try tx.schemes.scheme(id: "hours-home-care-2028") }
        #expect(stored?.effectiveFrom == day("2028-01-01") && stored?.effectiveTo == day("2028-12-31"))
        #expect(stored?.benefits != nil)
    }

    @Test("a scheme id is stored once", arguments: TestStore.Engine.available)
    func schemeIDIsUnique(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        #expect(throws: (any Error).self) { try world.write { tx throws in try tx.schemes.insert(try Contract.scheme()) } }
    }

    @Test("people are found by id and national ID, and listed by the scope of their cases", arguments: TestStore.Engine.available)
    func people(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let loner = try world.write { tx throws in try tx.people.insert(try Contract.person(9, name: "无案人")) }
        try world.read { tx throws in
            let first = try #require(try tx.people.person(id: world.people[0]))
            #expect(first.name == "陈老伯" && first.status == .insured)
            #expect(first.nationalID == (try nationalID(1)))
            #expect(try tx.people.person(nationalID: try nationalID(9))?.id == loner)
            #expect(try tx.people.person(id: 999_999) == nil)
            #expect(try tx.people.registered([try nationalID(1), try nationalID(3), try nationalID(42)]) == [try nationalID(1), try nationalID(3)])
            #expect(try tx.people.list(scope: .all, page: try page(limit: 10)).items.map(\.id) == world.people + [loner])
            #expect(try tx.people.list(scope: .institution("I-A"), page: try page(limit: 10)).items.map(\.id) == Array(world.people[0...1]))
            #expect(try tx.people.list(scope: .institution("I-B"), page: try page(limit: 10)).items.map(\.id) == [world.people[2]])
            let paged = try tx.people.list(scope: .all, page: try page(after: world.people[0], limit: 2))
            #expect(paged.items.map(\.id) == Array(world.people[1...2]) && paged.next == world.people[2])
        }
        try world.write { tx throws in
            var person = try #require(try tx.people.person(id: loner))
            person.status = .deceased
            try tx.people.update(person)
        }
        #expect(try world.read { tx throws in try tx.people.person(id: loner)?.status } == .deceased)
    }

    @Test("a national ID is registered once", arguments: TestStore.Engine.available)
    func nationalIDIsUnique(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        #expect(throws: (any Error).self) { try world.write { tx throws in _ = try tx.people.insert(try Contract.person(1, name: "冒名")) } }
    }

    @Test("assessors are found by id and listed a page at a time", arguments: TestStore.Engine.available)
    func assessors(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            for (id, qualification) in [("A1", Assessor.Qualification.medical), ("A2", .none), ("A3", .care)] {
                try tx.assessors.insert(Assessor(id: id, name: "评估员\(id)", qualification: qualification, employer: id == "A3" ? "I-A" : nil))
            }
        }
        try world.read { tx throws in
            #expect(try tx.assessors.assessor(id: "A3") == Assessor(id: "A3", name: "评估员A3", qualification: .care, employer: "I-A"))
            #expect(try tx.assessors.assessor(id: "A9") == nil)
            let first = try tx.assessors.list(page: try page(limit: 2))
            #expect(first.items.map(\.id) == ["A1", "A2"] && first.next == "A2")
            #expect(try tx.assessors.list(page: try page(after: first.next, limit: 2)).items.map(\.id) == ["A3"])
        }
    }

    @Test("staff are found by id, listed a page at a time, and an empty registry says so", arguments: TestStore.Engine.available)
    func staff(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.read { tx throws in #expect(try tx.staff.isEmpty()) }
        try world.write { tx throws in
            try tx.staff.insert(StaffMember(id: "wang", role: .administrator, name: "王科长", addedOn: day("2026-01-02")))
            try tx.staff.insert(StaffMember(id: "zhao", role: .auditor, name: nil, addedOn: day("2026-02-03")))
        }
        try world.read { tx throws in
            #expect(try !tx.staff.isEmpty())
            #expect(try tx.staff.member(id: "wang") == StaffMember(id: "wang", role: .administrator, name: "王科长", addedOn: day("2026-01-02")))
            #expect(try tx.staff.member(id: "zhao")?.name == nil)
            #expect(try tx.staff.member(id: "li") == nil)
            let first = try tx.staff.list(page: try page(limit: 1))
            #expect(first.items.map(\.id) == ["wang"] && first.next == "wang")
            #expect(try tx.staff.list(page: try page(after: first.next, limit: 1)).items.map(\.id) == ["zhao"])
        }
        #expect(throws: (any Error).self) {
            try world.write { tx throws in try tx.staff.insert(StaffMember(id: "wang", role: .auditor, name: nil, addedOn: day("2026-03-01"))) }
        }
    }

    @Test("cases whose deadline passed are found by the store, and a case without one never is", arguments: TestStore.Engine.available)
    func overdue(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            var first = try #require(try tx.cases.caseRecord(id: world.cases[0]))
            first.deadline = CaseDeadline(kind: .visit, due: day("2026-03-16"))
            try tx.cases.update(first)
        }
        try world.read { tx throws in
            let onTime = try tx.cases.list(CaseQuery(scope: .all, overdueOn: day("2026-03-16")), page: try page(limit: 100))
            #expect(onTime.items.isEmpty)
            let late = try tx.cases.list(CaseQuery(scope: .all, overdueOn: day("2026-03-17")), page: try page(limit: 100))
            #expect(late.items.map(\.id) == [world.cases[0]] && late.items.first?.deadline?.kind == .visit)
        }
    }

    @Test("a person's open case, benefit case and scope are found without listing cases", arguments: TestStore.Engine.available)
    func caseQueries(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let person = world.people[0], first = world.cases[0]
        let (rejected, second) = try world.write { tx throws in
            var old = try #require(try tx.cases.caseRecord(id: first))
            old.state = .terminated
            old.closedReason = "moved away"
            try tx.cases.update(old)
            let rejected = try tx.cases.insert(Contract.openCase(person: person, state: .rejected))
            let second = try tx.cases.insert(Contract.openCase(person: person, institution: "I-B"))
            return (rejected, second)
        }
        try world.read { tx throws in
            #expect(try tx.cases.caseRecord(id: first)?.closedReason == "moved away")
            #expect(try tx.cases.caseRecord(id: rejected)?.state == .rejected)
            #expect(try tx.cases.openCase(person: person)?.id == second)
            #expect(try tx.cases.openCase(person: 999_999) == nil)
            let benefit = try tx.cases.benefitCases(people: [person, world.people[2], 999_999])
            #expect(benefit.mapValues(\.id) == [person: second, world.people[2]: world.cases[2]])
            #expect(try tx.cases.benefitCases(people: []).isEmpty)
            #expect(try tx.cases.hasCase(person: person, in: .institution("I-B")))
            #expect(try tx.cases.hasCase(person: world.people[1], in: .institution("I-B")) == false)
            #expect(try tx.cases.contains(caseID: first, in: .institution("I-A")))
            #expect(try tx.cases.contains(caseID: first, in: .institution("I-B")) == false)
            #expect(try tx.cases.contains(caseID: first, in: .all))
        }
    }

    @Test("an assessor's scope is the cases they are assigned to or assessed", arguments: TestStore.Engine.available)
    func assessorScope(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            var assigned = try #require(try tx.cases.caseRecord(id: world.cases[0]))
            assigned.assessors = ["A1", "A2"]
            try tx.cases.update(assigned)
            _ = try tx.assessments.insert(Contract.assessment(caseID: world.cases[1], assessors: ["A2"]))
        }
        try world.read { tx throws in
            #expect(try tx.cases.contains(caseID: world.cases[0], in: .assessor("A1")))
            #expect(try tx.cases.contains(caseID: world.cases[1], in: .assessor("A1")) == false)
            #expect(try tx.cases.list(CaseQuery(scope: .assessor("A2")), page: try page(limit: 10)).items.map(\.id) == Array(world.cases[0...1]))
            #expect(try tx.cases.hasCase(person: world.people[1], in: .assessor("A2")))
            #expect(try tx.people.list(scope: .assessor("A1"), page: try page(limit: 10)).items.map(\.id) == [world.people[0]])
        }
        // Reassigning takes the case out of the scope of whoever was only assigned.
        try world.write { tx throws in
            var reassigned = try #require(try tx.cases.caseRecord(id: world.cases[0]))
            reassigned.assessors = ["A3"]
            try tx.cases.update(reassigned)
        }
        #expect(try world.read { tx throws in try tx.cases.contains(caseID: world.cases[0], in: .assessor("A1")) } == false)
    }

    @Test("case listings filter by state, scheme and grade end in the store, a page at a time", arguments: TestStore.Engine.available)
    func caseListing(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let applied = try world.write { tx throws in
            var soon = try #require(try tx.cases.caseRecord(id: world.cases[1]))
            soon = Contract.determined(soon, grade: 4, validUntil: "2026-12-31")
            try tx.cases.update(soon)
            return try tx.cases.insert(Contract.openCase(person: try tx.people.insert(try Contract.person(4))))
        }
        try world.read { tx throws in
            let all = try tx.cases.list(CaseQuery(scope: .all), page: try page(limit: 10))
            #expect(all.items.map(\.id) == world.cases + [applied] && all.next == nil)
            #expect(try tx.cases.list(CaseQuery(scope: .all, state: .applied), page: try page(limit: 10)).items.map(\.id) == [applied])
            #expect(try tx.cases.list(CaseQuery(scope: .all, gradeEndsBy: day("2027-01-31")), page: try page(limit: 10)).items.map(\.id)
                    == [world.cases[1]])
            #expect(try tx.cases.list(CaseQuery(scope: .all, schemeID: "other"), page: try page(limit: 10)).items.isEmpty)
            #expect(try tx.cases.list(CaseQuery(scope: .institution("I-A"), state: .effective), page: try page(limit: 10)).items.map(\.id)
                    == Array(world.cases[0...1]))
            let first = try tx.cases.list(CaseQuery(scope: .all), page: try page(limit: 2))
            #expect(first.items.map(\.id) == Array(world.cases[0...1]) && first.next == world.cases[1])
            let rest = try tx.cases.list(CaseQuery(scope: .all), page: try page(after: first.next, limit: 2))
            #expect(rest.items.map(\.id) == [world.cases[2], applied] && rest.next == nil)
        }
    }

    @Test("a case and its assessments read back as stored", arguments: TestStore.Engine.available)
    func caseRoundTrip(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        var record = Contract.determined(Contract.openCase(person: world.people[1], institution: "I-A"), grade: 2, validUntil: "2028-01-01")
        record.assessors = ["A1", "A2"]
        record.round = .initial
        record.publicityEnds = day("2026-03-27")
        let (id, assessments) = try world.write { tx throws in
            let id = try tx.cases.insert(record)
            let first = try tx.assessments.insert(Contract.assessment(caseID: id, assessors: ["A1", "A2"], on: "2026-03-10"))
            let second = try tx.assessments.insert(Contract.assessment(caseID: id, assessors: ["A2", "A3"], on: "2026-03-15"))
            return (id, [first, second])
        }
        record.id = id
        record.insured = .employee   // the person's, read with the case
        let again = try world.scratch.reopened()
        try (again as any ProviderStore).read { tx throws in
            #expect(try tx.cases.caseRecord(id: id) == record)
            #expect(try tx.assessments.assessments(caseID: id).map(\.id) == assessments)
            #expect(try tx.assessments.latest(caseID: id)?.assessedOn == day("2026-03-15"))
            #expect(try tx.assessments.assessments(caseID: world.cases[0]).isEmpty)
            #expect(try tx.assessments.latest(caseID: world.cases[0]) == nil)
        }
    }

    @Test("the audit trail numbers events in order and gives a subject's back oldest first", arguments: TestStore.Engine.available)
    func auditTrail(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            try tx.audit.append(Contract.event(subject: "case:1", action: "open"))
            try tx.audit.append(Contract.event(subject: "person:1", action: "register"))
            try tx.audit.append(Contract.event(subject: "case:1", action: "terminate", outcome: .refused))
        }
        let events = try world.read { tx throws in try tx.audit.events(subject: "case:1") }
        #expect(events.map(\.action) == ["open", "terminate"])
        #expect(events[0].sequence < events[1].sequence)
        #expect(events[1].outcome == .refused && events[1].reason == "not allowed" && events[0].after == .object(["x": .integer(1)]))
        #expect(try world.read { tx throws in try tx.audit.events(subject: "case:2") }.isEmpty)
    }

    @Test("an assessor's draft is one per case and assessor: saved again it is replaced, and removed it is gone", arguments: TestStore.Engine.available)
    func drafts(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let caseID = world.cases[0]
        var draft = AssessmentDraft(caseID: caseID, assessor: "A1", formID: "cn-ltc-2021", answers: ["adl.eating": 5],
                                    conditions: [:], place: "home", visitDate: day("2026-03-05"), savedAt: "2026-03-05T01:00:00Z")
        try world.write { tx throws in
            try tx.drafts.save(draft)
            try tx.drafts.save(AssessmentDraft(caseID: caseID, assessor: "A2", formID: "barthel", answers: [:], conditions: [:], savedAt: "2026-03-05T01:00:00Z"))
        }
        draft.answers.set("adl.dressing", 10)
        try world.write { tx throws in try tx.drafts.save(draft) }
        try world.read { tx throws in
            #expect(try tx.drafts.draft(caseID: caseID, assessor: "A1") == draft)
            #expect(try tx.drafts.draft(caseID: caseID, assessor: "A2")?.formID == "barthel")
            #expect(try tx.drafts.draft(caseID: world.cases[1], assessor: "A1") == nil)
        }
        try world.write { tx throws in try tx.drafts.remove(caseID: caseID, assessor: "A1") }
        try world.read { tx throws in
            #expect(try tx.drafts.draft(caseID: caseID, assessor: "A1") == nil)
            #expect(try tx.drafts.draft(caseID: caseID, assessor: "A2") != nil)
        }
    }
}
