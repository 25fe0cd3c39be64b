import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// What every engine's institutions, agreements, caregivers and enrolments
/// must do.
@Suite("Institution repositories keep their contract")
struct InstitutionRepositoryContractTests {
    @Test("institutions are found by id, by a set of ids and a page at a time", arguments: TestStore.Engine.available)
    func institutions(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        try world.write { tx throws in
            var renamed = try #require(try tx.institutions.institution(id: "I-B"))
            renamed.capacity = 80
            try tx.institutions.update(renamed)
        }
        try world.read { tx throws in
            #expect(try tx.institutions.institution(id: "I-A") == Contract.institution("I-A"))
            #expect(try tx.institutions.institution(id: "I-B")?.capacity == 80)
            #expect(try tx.institutions.institution(id: "I-Z") == nil)
            #expect(try tx.institutions.institutions(ids: ["I-B", "I-Z"]).keys.sorted() == ["I-B"])
            let first = try tx.institutions.list(page: try page(limit: 1))
            #expect(first.items.map(\.id) == ["I-A"] && first.next == "I-A")
            #expect(try tx.institutions.list(page: try page(after: "I-A", limit: 1)).items.map(\.id) == ["I-B"])
        }
        #expect(throws: (any Error).self) { try world.write { tx throws in try tx.institutions.insert(Contract.institution("I-A")) } }
    }

    @Test("agreements keep their versions and are listed by institution", arguments: TestStore.Engine.available)
    func agreements(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        var signed = Contract.agreement("AG-2", institution: "I-A")
        signed.status = .active
        signed.signedOn = day("2026-01-05")
        signed.versions.append(Agreement.Terms(version: 2, effectiveFrom: day("2026-07-01"), start: day("2026-01-01"), end: day("2027-12-31"),
                                               modes: ["home", "community"], prices: ["S01": Money(yuan: 65)], capacity: 60))
        try world.write { tx throws in
            try tx.agreements.insert(Contract.agreement("AG-1", institution: "I-A"))
            try tx.agreements.insert(Contract.agreement("AG-3", institution: "I-B"))
            try tx.agreements.insert(Contract.agreement("AG-2", institution: "I-A"))
            try tx.agreements.update(signed)
        }
        try world.read { tx throws in
            #expect(try tx.agreements.agreement(id: "AG-2") == signed)
            #expect(try tx.agreements.agreement(id: "AG-9") == nil)
            #expect(try tx.agreements.agreements(institution: "I-A").map(\.id) == ["AG-1", "AG-2"])
            #expect(try tx.agreements.agreements(institutions: ["I-A", "I-B", "I-Z"]).mapValues { $0.map(\.id) }
                    == ["I-A": ["AG-1", "AG-2"], "I-B": ["AG-3"]])
            #expect(try tx.agreements.list(institution: "I-B", page: try page(limit: 5)).items.map(\.id) == ["AG-3"])
            let first = try tx.agreements.list(institution: nil, page: try page(limit: 2))
            #expect(first.items.map(\.id) == ["AG-1", "AG-2"] && first.next == "AG-2")
            #expect(try tx.agreements.list(institution: nil, page: try page(after: first.next, limit: 2)).items.map(\.id) == ["AG-3"])
        }
    }

    @Test("caregivers are found by the keys a submission names, and registered again by upsert", arguments: TestStore.Engine.available)
    func caregivers(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        var left = Contract.caregiver("C2", institution: "I-A")
        left.employment = [DatePeriod(from: day("2025-01-01"), to: day("2026-04-30"))]
        try world.write { tx throws in try tx.caregivers.upsert(left) }
        let a1 = CaregiverKey(institution: "I-A", caregiver: "C1"), a2 = CaregiverKey(institution: "I-A", caregiver: "C2")
        let b1 = CaregiverKey(institution: "I-B", caregiver: "C1"), missing = CaregiverKey(institution: "I-A", caregiver: "C9")
        try world.read { tx throws in
            #expect(try tx.caregivers.caregiver(institution: "I-A", id: "C2") == left)
            #expect(try tx.caregivers.caregiver(institution: "I-A", id: "C9") == nil)
            let found = try tx.caregivers.caregivers([a2, b1, missing])
            #expect(found.keys.sorted() == [a2, b1] && found[b1]?.institution == "I-B")
            #expect(try tx.caregivers.caregivers([]).isEmpty)
            #expect(try tx.caregivers.list(institution: "I-B", page: try page(limit: 10)).items.map(\.id) == ["C1", "C2"])
            let first = try tx.caregivers.list(institution: nil, page: try page(limit: 3))
            #expect(first.items.map { CaregiverKey(institution: $0.institution, caregiver: $0.id) } == [a1, a2, b1] && first.next == b1)
            #expect(try tx.caregivers.list(institution: nil, page: try page(after: first.next, limit: 3)).items.count == 1)
        }
    }

    @Test("caregivers are found by national ID, one person's registrations at every institution", arguments: TestStore.Engine.available)
    func caregiversByNationalID(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let (one, other, nobody) = (try nationalID(21), try nationalID(22), try nationalID(23))
        try world.write { tx throws in
            for (id, institution, person) in [("C1", "I-B", one), ("C2", "I-A", one), ("C1", "I-A", other)] {
                var caregiver = Contract.caregiver(id, institution: institution)
                caregiver.nationalID = person
                try tx.caregivers.upsert(caregiver)
            }
        }
        try world.read { tx throws in
            let keys = { (found: [Caregiver]) in found.map { "\($0.institution)/\($0.id)" } }
            #expect(keys(try tx.caregivers.caregivers(nationalID: one)) == ["I-A/C2", "I-B/C1"])
            #expect(keys(try tx.caregivers.caregivers(nationalIDs: [one, other, nobody])) == ["I-A/C1", "I-A/C2", "I-B/C1"])
            #expect(try tx.caregivers.caregivers(nationalIDs: [one]).allSatisfy { $0.nationalID == one })
            #expect(try tx.caregivers.caregivers(nationalIDs: [nobody]).isEmpty && tx.caregivers.caregivers(nationalIDs: []).isEmpty)
        }
    }

    @Test("enrolments are found by person, by institution and period, and open by case", arguments: TestStore.Engine.available)
    func enrolments(engine: TestStore.Engine) throws {
        let world = try ContractWorld(engine)
        let (ended, again) = try world.write { tx throws in
            let ended = try tx.enrolments.insert(Contract.enrolment(caseID: world.cases[0], person: world.people[0], institution: "I-B",
                                                                    from: "2026-01-01", to: "2026-03-31"))
            var closing = try #require(try tx.enrolments.openEnrolment(caseID: world.cases[1], institution: "I-A", mode: "home"))
            closing.period.to = day("2026-05-31")
            try tx.enrolments.update(closing)
            let again = try tx.enrolments.insert(Contract.enrolment(caseID: world.cases[1], person: world.people[1], institution: "I-A",
                                                                    from: "2026-07-01"))
            return (ended, again)
        }
        try world.read { tx throws in
            let byPerson = try tx.enrolments.enrolments(people: [world.people[0], world.people[1], 999_999])
            #expect(byPerson[world.people[0]]?.map(\.institution) == ["I-A", "I-B"])
            #expect(byPerson[world.people[1]]?.count == 2 && byPerson[999_999] == nil)
            #expect(try tx.enrolments.enrolments(institution: "I-B", from: day("2026-03-01"), to: day("2026-03-31")).map(\.id) == [ended])
            #expect(try tx.enrolments.enrolments(institution: "I-B", from: day("2026-04-01"), to: day("2026-04-30")).map(\.personID)
                    == [world.people[2]])
            #expect(try tx.enrolments.enrolments(institution: "I-A", from: day("2026-06-01"), to: day("2026-06-30")).map(\.personID)
                    == [world.people[0]])
            #expect(try tx.enrolments.openEnrolment(caseID: world.cases[1], institution: "I-A", mode: "home")?.id == again)
            #expect(try tx.enrolments.openEnrolment(caseID: world.cases[0], institution: "I-B", mode: "home") == nil)
            let first = try tx.enrolments.list(institution: "I-A", page: try page(limit: 2))
            #expect(first.items.count == 2 && first.next == first.items.last?.id)
            #expect(try tx.enrolments.list(institution: "I-A", page: try page(after: first.next, limit: 2)).items.map(\.id) == [again])
        }
    }
}
