import LTCCases
import LTCCore
@testable import LTCProviders
import Testing

@Suite("People behind providers: bars by national ID, and assessment agencies with agreements")
struct PeopleBehindProvidersTests {
    let person = validID("31010419800101123")

    @Test("A bar on responsible staff runs 3–12 months (12–36 serious), a principal's 60; other lengths are refused")
    func barLengths() throws {
        let id = try NationalID(person)
        for (role, months, ok) in [(PersonBar.Role.staff, 3, true), (.staff, 12, true), (.staff, 13, false), (.staff, 2, false),
                                   (.seriousStaff, 36, true), (.seriousStaff, 11, false), (.principal, 60, true), (.principal, 59, false)] {
            let made = try? PersonBar(nationalID: id, name: "赵某", role: role, months: months, from: day("2026-06-01"), institution: "I001", reason: "x")
            #expect((made != nil) == ok, "\(role) \(months)")
        }
        let principal = try PersonBar(nationalID: id, name: "赵某", role: .principal, months: 60, from: day("2026-06-01"), institution: "I001", reason: "x")
        #expect(principal.until == day("2031-05-31"))
    }

    @Test("A bar follows the national ID: the person's employment ends everywhere the day before, and no institution may register them during it")
    func barFollowsPerson() throws {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements)
        for institution in ["I001", "I002"] {
            var caregiver = Caregiver(id: "C9", name: "赵护理", institution: institution, qualifications: ["caregiver"],
                                      employment: [DatePeriod(from: day("2026-01-01"), to: nil)])
            caregiver.nationalID = try NationalID(person)
            let saved = try world.agreements.register(caregiver, actor: admin, asOf: day("2026-01-15"))
            #expect(saved.json["nationalId"]?.stringValue == NationalID.masked(person))
        }
        let outcome = try world.supervision.bar(nationalID: person, name: "赵护理", role: .staff, months: 6, from: day("2026-05-01"),
                                                institution: "I001", reason: "false logs", actor: admin, asOf: day("2026-04-20"))
        #expect(outcome.endedEmployment.map(\.description) == ["I001/C9", "I002/C9"])
        let after = try world.scratch.store.read { try $0.caregivers.caregivers(nationalID: try NationalID(person)) }
        #expect(after.allSatisfy { $0.employment == [DatePeriod(from: day("2026-01-01"), to: day("2026-04-30"))] })
        #expect(after.allSatisfy { !$0.isEmployed(on: day("2026-05-01")) })

        try ProviderWorld.designate("I003", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], with: world.agreements)
        var elsewhere = Caregiver(id: "Z1", name: "赵护理", institution: "I003", qualifications: ["caregiver"],
                                  employment: [DatePeriod(from: day("2026-06-01"), to: nil)])
        elsewhere.nationalID = try NationalID(person)
        let refused = #expect(throws: CaseError.self) { try world.agreements.register(elsewhere, actor: admin, asOf: day("2026-05-20")) }
        #expect(refused?.reason == .forbidden && refused?.message.contains("barred from LTCI work from 2026-05-01 to 2026-10-31") == true)
        elsewhere.employment = [DatePeriod(from: day("2026-11-01"), to: nil)]
        #expect(try world.agreements.register(elsewhere, actor: admin, asOf: day("2026-11-01")).id == "Z1")
        #expect(try world.supervision.bars(actor: admin, page: try PageRequest()).items.count == 1)
        #expect(throws: CaseError.self) { try world.supervision.bars(actor: try Actor("institution:I001"), page: try PageRequest()) }
    }

    @Test("A barred principal may not head a newly registered provider, nor apply for an agreement for one")
    func barredPrincipal() throws {
        let world = try ProviderWorld()
        var headed = ProviderWorld.institution("I005")
        headed.principal = try NationalID(person)
        _ = try world.agreements.register(headed, actor: admin, asOf: day("2026-01-05"))
        _ = try world.supervision.bar(nationalID: person, name: "赵某", role: .principal, months: 60, from: day("2026-02-01"),
                                      institution: "I001", reason: "fraud confirmed", actor: admin, asOf: day("2026-02-01"))
        let apply = #expect(throws: CaseError.self) {
            try world.agreements.applyForAgreement(institution: "I005", schemeID: "hours-home-care-2026", start: day("2026-03-01"), end: day("2026-12-31"),
                                                   modes: ["home-visit"], prices: [:], capacity: 10, facts: ProviderWorld.admitted, actor: admin, asOf: day("2026-02-10"))
        }
        #expect(apply?.message.contains("the principal of I005") == true)
        var another = ProviderWorld.institution("I006")
        another.principal = try NationalID(person)
        #expect(throws: CaseError.self) { try world.agreements.register(another, actor: admin, asOf: day("2026-02-10")) }
        #expect(try world.agreements.register(ProviderWorld.institution("I007"), actor: admin, asOf: day("2026-02-10")).principal == nil)
    }

    @Test("An assessor's agency is a registered assessment agency; only one with an agreement in force sends assessors")
    func agencies() throws {
        let world = try ProviderWorld()
        let unregistered = #expect(throws: CaseError.self) {
            try world.registry.addAssessor(id: "B1", name: "孙医生", qualification: .medical, employer: nil, agency: "AG1", actor: admin, asOf: day("2026-01-20"))
        }
        #expect(unregistered?.message.contains("not registered") == true)
        #expect(throws: CaseError.self) {
            try world.registry.addAssessor(id: "B1", name: "孙医生", qualification: .medical, employer: nil, agency: "I001", actor: admin, asOf: day("2026-01-20"))
        }
        var agency = ProviderWorld.institution("AG1")
        agency.type = .assessmentAgency
        _ = try world.agreements.register(agency, actor: admin, asOf: day("2026-01-20"))
        let withModes = #expect(throws: CaseError.self) {
            try world.agreements.applyForAgreement(institution: "AG1", schemeID: "hours-home-care-2026", start: day("2026-04-01"), end: day("2026-12-31"),
                                                   modes: ["home-visit"], prices: [:], capacity: 10, actor: admin, asOf: day("2026-01-20"))
        }
        #expect(withModes?.message.contains("assessment agency") == true)
        for (id, qualification) in [("B1", Assessor.Qualification.medical), ("B2", .none)] {
            _ = try world.registry.addAssessor(id: id, name: "评估员\(id)", qualification: qualification, employer: nil, agency: "AG1",
                                               actor: admin, asOf: day("2026-01-20"))
        }
        let person = try world.registry.addPerson(name: "王阿婆", nationalID: validID("11010519420101123"), insurance: .employee,
                                                  enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        let id = try world.cases.open(personID: person, disabledSince: day("2025-06-01"), institution: nil, schemeID: nil, actor: admin, asOf: day("2026-03-02")).id
        _ = try world.cases.check(caseID: id, actor: admin, asOf: day("2026-03-02"))
        let undesignated = #expect(throws: CaseError.self) {
            try world.cases.assign(caseID: id, assessors: ["B1", "B2"], reason: "the agency's team", actor: admin, asOf: day("2026-03-03"))
        }
        #expect(undesignated?.message.contains("has no agreement in force on 2026-03-03") == true)
        #expect(throws: CaseError.self) { try world.cases.drawAssessors(caseID: id, seed: 1, agency: "AG1", actor: admin, asOf: day("2026-03-03")) }

        let agreement = try world.agreements.applyForAgreement(institution: "AG1", schemeID: "hours-home-care-2026", start: day("2026-03-01"),
                                                               end: day("2026-12-31"), modes: [], prices: [:], capacity: 10, actor: admin, asOf: day("2026-02-20"))
        #expect(try world.agreements.review(agreement: agreement.id, actor: admin, asOf: day("2026-02-21")).status == .reviewed)
        _ = try world.agreements.sign(agreement: agreement.id, actor: admin, asOf: day("2026-02-22"))
        let drawn = try world.cases.drawAssessors(caseID: id, seed: 1, agency: "AG1", actor: admin, asOf: day("2026-03-03"))
        #expect(Set(drawn.assessors) == ["B1", "B2"])
    }

    @Test("One person registered at two institutions is one caregiver for the overlap check (O01), told only that another institution logged the time")
    func onePersonTwoInstitutions() throws {
        let world = try ProviderWorld()
        try ProviderWorld.designate("I002", modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], capacity: 20, with: world.agreements)
        for (institution, id, number) in [("I001", "C9", person), ("I002", "K7", person), ("I002", "K8", validID("31010419810202123"))] {
            var caregiver = Caregiver(id: id, name: "护理员\(id)", institution: institution, qualifications: ["caregiver"],
                                      employment: [DatePeriod(from: day("2026-01-01"), to: nil)])
            caregiver.nationalID = try NationalID(number)
            _ = try world.agreements.register(caregiver, actor: admin, asOf: day("2026-01-15"))
        }
        let neighbour = try world.registry.addPerson(name: "周阿婆", nationalID: validID("11010519410303123"), insurance: .employee,
                                                     enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        let neighbourCase = try ProviderWorld.effectiveCase(world.cases, person: neighbour, evidence: world.scratch)
        _ = try world.agreements.enrol(caseID: neighbourCase, institution: "I002", mode: "home-visit", from: day("2026-03-17"),
                                       home: ProviderWorld.home, actor: admin, asOf: day("2026-03-17"))

        // Submitted apart: I002 is checked against what I001 stored.
        #expect(try world.submit([world.line("L1", "C9")], actor: try Actor("institution:I001")).rejected.isEmpty)
        let apart = try world.submit([world.line("M1", "K7", on: "2026-04-06", "09:30", "10:30", person: neighbour, institution: "I002"),
                                      world.line("M2", "K8", on: "2026-04-06", "09:30", "10:30", person: neighbour, institution: "I002")],
                                     actor: try Actor("institution:I002"))
        #expect(apart.rejected.map(\.rule.code) == ["O01"])
        #expect(apart.rejected.first?.logID == "M1")
        #expect(apart.rejected.first?.detail == "K7 is also logged at that time, by another institution")

        // In one submission, and the other way round: the I002 time stored first holds against I001.
        let together = try world.submit([world.line("M3", "K7", on: "2026-04-07", "14:00", "15:00", person: neighbour, institution: "I002"),
                                         world.line("L2", "C9", on: "2026-04-07", "14:30", "15:30"),
                                         world.line("L3", "C9", on: "2026-04-07", "16:00", "17:00")])
        #expect(together.rejected.map { "\($0.logID ?? "?") \($0.rule.code)" } == ["L2 O01"])
    }
}
