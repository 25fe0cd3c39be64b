import LTCCases
import LTCCore
import LTCProviders
import LTCTestSupport
import Testing

/// An amendment is checked exactly as an application is, and an agreement's
/// capacity limits the clients enrolled at once (`../shared/domain/agreements.md`).
@Suite("Agreement terms")
struct AgreementTermsTests {
    func agreementID(_ world: ProviderWorld) throws -> String {
        try #require(try world.agreements.agreements(institution: "I001", actor: admin, page: try PageRequest()).items.first).id
    }

    func amend(_ world: ProviderWorld, modes: [String]? = nil, prices: [String: Money]? = nil, capacity: Int? = nil) throws -> Agreement {
        try world.agreements.amend(agreement: try agreementID(world), effectiveFrom: day("2026-05-01"), end: nil, modes: modes, prices: prices,
                                   capacity: capacity, actor: admin, asOf: day("2026-04-20"))
    }

    @Test("an amendment with a negative price, an item or mode not in the scheme, or a negative capacity is refused, and nothing changes")
    func amendmentsAreValidated() throws {
        let world = try ProviderWorld()
        #expect(throws: CaseError.self) { try amend(world, prices: ["S01": Money(yuan: -60)]) }
        #expect(throws: CaseError.self) { try amend(world, prices: ["ZZZ": Money(yuan: 1)]) }
        #expect(throws: CaseError.self) { try amend(world, prices: ["S01": Money(yuan: 1_000)]) }
        #expect(throws: CaseError.self) { try amend(world, modes: ["teleport"]) }
        #expect(throws: CaseError.self) { try amend(world, capacity: -5) }
        #expect(throws: CaseError.self) { try amend(world, capacity: 0) }
        #expect(try world.agreements.agreement(id: try agreementID(world), actor: admin).versions.count == 1)
        // A valid amendment is taken.
        let amended = try amend(world, prices: ["S01": Money(yuan: 60)], capacity: 150)
        #expect(amended.current.version == 2 && amended.current.prices["S01"] == Money(yuan: 60) && amended.current.capacity == 150)
    }

    @Test("enrolment beyond the agreement's capacity is refused")
    func capacityAtEnrolment() throws {
        let world = try ProviderWorld()
        _ = try world.agreements.amend(agreement: try agreementID(world), effectiveFrom: day("2026-04-01"), end: nil, modes: nil, prices: nil,
                                       capacity: 1, actor: admin, asOf: day("2026-03-20"))
        let second = try world.registry.addPerson(name: "王阿姨", nationalID: validID("11010519400202123"), insurance: .employee,
                                                  enrolledOn: day("2020-01-01"), actor: admin, asOf: day("2026-01-01")).id
        let secondCase = try ProviderWorld.effectiveCase(world.cases, person: second)
        // The world's beneficiary is enrolled from March 17: the one place is taken.
        #expect(throws: CaseError.self) {
            try world.agreements.enrol(caseID: secondCase, institution: "I001", mode: "home-visit", from: day("2026-04-15"), home: nil,
                                       actor: admin, asOf: day("2026-04-15"))
        }
        // Before the amendment the capacity was 200.
        let early = try world.agreements.enrol(caseID: secondCase, institution: "I001", mode: "home-visit", from: day("2026-03-20"), home: nil,
                                               actor: admin, asOf: day("2026-03-20"))
        #expect(early.personID == second)
    }
}
