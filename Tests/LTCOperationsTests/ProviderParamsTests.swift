import LTCCore
import LTCOperations
import Testing

/// The values that `institution.*`, `agreement.*`, `caregiver.register` and
/// `enrolment.add` read, each by one reader whether they come over JSON-RPC
/// or from the command line (which turns its arguments into the same JSON).
@Suite("The providers' params: one reader each, every problem named by its param")
struct ProviderParamsTests {
    static let application: JSONObject = ["institution": "I001", "scheme": "hours-home-care-2026", "start": "2026-01-01", "end": "2026-12-31",
                                          "modes": ["home-visit"], "capacity": 10]

    /// The problems `object` has as the params of `Input`, or none.
    func problems<Input: Params>(_ type: Input.Type, _ object: JSONObject) -> [ParamProblem] {
        do {
            _ = try ParamsReader.read(type, from: object)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("Prices: item code → yuan with at most two decimals; each bad amount is a value problem named by its code")
    func prices() throws {
        var request = Self.application
        request.set("prices", ["S01": 60, "S02": .number("58.50")])
        let input = try ParamsReader.read(ApplyForAgreement.Input.self, from: request)
        #expect(input.prices?.prices == ["S01": Money(fen: 6000), "S02": Money(fen: 5850)])

        request.set("prices", ["S01": "abc", "S02": .number("60.123")])
        let found = problems(ApplyForAgreement.Input.self, request)
        #expect(found.map(\.param) == ["prices.S01", "prices.S02"])
        #expect(found.allSatisfy { $0.kind == .invalid && $0.message.contains("is not an amount in yuan with at most two decimals") })
        // An assessment agency's application has no modes and no prices.
        request.set("prices", nil)
        request.set("modes", nil)
        #expect(problems(ApplyForAgreement.Input.self, request).isEmpty)
    }

    @Test("The grounds of a suspension or an end: non-renewal among them, other by default")
    func grounds() throws {
        let request: JSONObject = ["agreement": "AG-I001-1", "reason": "closing"]
        #expect(try ParamsReader.read(TerminateAgreement.Input.self, from: request).ground.rawValue == "other")
        var renewal = request
        renewal.set("ground", "non-renewal")
        #expect(try ParamsReader.read(SuspendAgreement.Input.self, from: renewal).ground.rawValue == "non-renewal")
        renewal.set("ground", "bogus")
        #expect(problems(SuspendAgreement.Input.self, renewal).map(\.description)
                == ["ground: 'bogus' is not accepted; use voluntary, non-renewal, impersonation, lending-qualification, fraud, violation or other"])
    }

    @Test("An institution document: every problem of its members at once, by path")
    func institution() {
        let document: JSONObject = ["id": "I 5", "name": "x", "type": "hospital", "licence": "L-5", "deliveries": ["home", "space"],
                                    "capacity": -1, "address": "x", "district": "x", "contact": "x", "extra": 1]
        let found = problems(RegisterInstitution.Input.self, ["institution": .object(document)])
        #expect(Set(found.map(\.param)) == ["institution.extra", "institution.id", "institution.type", "institution.deliveries[1]", "institution.capacity"])
        #expect(found.first { $0.param == "institution.id" }?.message == "'I 5' may hold letters, digits, '-' and '_' only")
    }

    @Test("A caregiver's qualifications, the cursor of the caregivers and a home's place")
    func caregiverAndHome() {
        let caregiver: JSONObject = ["institution": "I001", "id": "C1", "name": "张护理", "qualifications": ["nurse", "doctor"], "from": "2026-01-01"]
        #expect(problems(RegisterCaregiver.Input.self, caregiver).map(\.description) == ["qualifications[1]: 'doctor' is not accepted; use nurse, caregiver or rehabilitation"])
        #expect(problems(ListCaregivers.Input.self, ["after": "I001/C1"]).isEmpty)
        #expect(problems(ListCaregivers.Input.self, ["after": "C1"]).map(\.description) == ["after: 'C1' is not INSTITUTION/ID"])
        let enrolment: JSONObject = ["case": 1, "institution": "I001", "mode": "home-visit", "home": "91,0"]
        #expect(problems(AddEnrolment.Input.self, enrolment).map(\.param) == ["home"])
    }
}
