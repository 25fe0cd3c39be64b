import LTCCases
import LTCCore
@testable import LTCProviders
import Testing

/// The example scheme's admission criteria: a legal person, at least half the
/// caregivers qualified, one LTCI administrator, 10 beds for institutional
/// care, no violations in 2 years.
@Suite("Admission criteria checked at review")
struct AdmissionTests {
    func review(_ facts: AdmissionFacts?, modes: [String] = ["home-visit"], prices: [String: Money] = ["S01": Money(yuan: 65)]) throws -> Agreement {
        let world = try ProviderWorld()
        _ = try world.agreements.register(ProviderWorld.institution("I009"), actor: admin, asOf: day("2026-01-05"))
        let applied = try world.agreements.applyForAgreement(institution: "I009", schemeID: "hours-home-care-2026", start: day("2026-02-01"),
                                                             end: day("2026-12-31"), modes: modes, prices: prices, capacity: 10, facts: facts,
                                                             actor: admin, asOf: day("2026-01-20"))
        return try world.agreements.review(agreement: applied.id, actor: admin, asOf: day("2026-01-25"))
    }

    @Test("Facts that meet every criterion: reviewed, ready to sign")
    func admitted() throws {
        #expect(try review(ProviderWorld.admitted).status == .reviewed)
    }

    @Test("Each criterion not met is a reason of the refusal", arguments: [
        (AdmissionFacts(legalPerson: false, caregivers: 10, qualifiedCaregivers: 5, administrators: 1, beds: 0, pledgedClean: true), "not an independent legal person"),
        (AdmissionFacts(legalPerson: true, caregivers: 10, qualifiedCaregivers: 4, administrators: 1, beds: 0, pledgedClean: true), "4 of 10 caregivers qualified; at least 50% needed"),
        (AdmissionFacts(legalPerson: true, caregivers: 10, qualifiedCaregivers: 5, administrators: 0, beds: 0, pledgedClean: true), "0 LTCI administrators; at least 1 needed"),
        (AdmissionFacts(legalPerson: true, caregivers: 10, qualifiedCaregivers: 5, administrators: 1, beds: 0, pledgedClean: false), "no pledge of 2 years without violations"),
    ])
    func refused(facts: AdmissionFacts, reason: String) throws {
        let agreement = try review(facts)
        #expect(agreement.status == .refused)
        #expect(agreement.refusal == [reason])
    }

    @Test("Institutional care needs 10 beds; no facts at all is refused; a refused agreement cannot be signed")
    func bedsAndNoFacts() throws {
        let nine = AdmissionFacts(legalPerson: true, caregivers: 10, qualifiedCaregivers: 5, administrators: 1, beds: 9, pledgedClean: true)
        let beds = try review(nine, modes: ["institution"], prices: ["N01": Money(yuan: 70)])
        #expect(beds.refusal == ["9 care beds for institutional care; at least 10 needed"])
        let none = try review(nil)
        #expect(none.status == .refused && none.refusal == ["no admission facts were given with the application"])
    }

    @Test("Signing a refused agreement is refused with the review's reasons, in the message and in the error's data")
    func signRepeatsReasons() throws {
        let world = try ProviderWorld()
        _ = try world.agreements.register(ProviderWorld.institution("I009"), actor: admin, asOf: day("2026-01-05"))
        let applied = try world.agreements.applyForAgreement(institution: "I009", schemeID: "hours-home-care-2026", start: day("2026-02-01"),
                                                             end: day("2026-12-31"), modes: ["home-visit"], prices: ["S01": Money(yuan: 65)],
                                                             capacity: 10, facts: nil, actor: admin, asOf: day("2026-01-20"))
        _ = try world.agreements.review(agreement: applied.id, actor: admin, asOf: day("2026-01-25"))
        let refused = #expect(throws: CaseError.self) { try world.agreements.sign(agreement: applied.id, actor: admin, asOf: day("2026-01-26")) }
        #expect(refused?.message.contains("is refused at review: no admission facts were given with the application") == true)
        #expect(refused?.details["refusal"] == .array(["no admission facts were given with the application"]))
    }

    @Test("A violation on record within the clean years refuses, whatever the pledge")
    func recordedViolation() throws {
        let world = try ProviderWorld()
        _ = try world.supervision.recordViolation(institution: "I001", caregiver: nil, person: nil, type: "V03", foundOn: day("2026-04-15"),
                                                  evidence: "inspection", amount: .zero, penalty: "warning", actor: admin, asOf: day("2026-04-20"))
        let applied = try world.agreements.applyForAgreement(institution: "I001", schemeID: "hours-home-care-2026", start: day("2027-01-01"),
                                                             end: day("2027-12-31"), modes: ["home-visit"], prices: ["S01": Money(yuan: 65)], capacity: 10,
                                                             facts: ProviderWorld.admitted, actor: admin, asOf: day("2026-11-01"))
        let reviewed = try world.agreements.review(agreement: applied.id, actor: admin, asOf: day("2026-11-10"))
        #expect(reviewed.refusal == ["1 violation(s) recorded in the last 2 years"])
    }
}
