import LTCAssessment
import LTCCases
import LTCCore
@testable import LTCOperations
import LTCSchemes
import Testing

/// The one reader of each value the case operations take, whichever entry sends it.
@Suite("The params of the case operations: one reader, one message for each value")
struct CaseParamsTests {
    /// The problems `params` gets as `Input`, by param.
    func problems<Input: Params>(_ type: Input.Type, _ params: JSONObject) -> [String: String] {
        do {
            _ = try ParamsReader.read(type, from: params)
            return [:]
        } catch {
            return Dictionary(error.problems.map { ($0.param, $0.message) }, uniquingKeysWith: { first, _ in first })
        }
    }

    @Test("A termination reason, a bonus choice, a case state, a way of delivery and a subsidy choice are words of their own")
    func words() {
        #expect(problems(TerminateCase.Input.self, ["case": 1, "reason": "dead"])["reason"] == "'dead' is not accepted; use death, left, recovery or withdrawn")
        #expect(problems(ChooseBonus.Input.self, ["case": 1, "take": "both"])["take"] == "'both' is not accepted; use hours or cash")
        #expect(problems(ListCases.Input.self, ["state": "open"])["state"]?.hasPrefix("'open' is not accepted; use applied, eligible, rejected") == true)
        #expect(problems(DeliverLetter.Input.self, ["case": 1, "how": "pigeon"])["how"] == "'pigeon' is not accepted; use in-person, post or electronic")
        #expect(problems(AddSubsidy.Input.self, ["case": 1, "subsidy": "s", "monthly": 150, "from": "2026-01-01", "choice": "both"])["choice"]
                == "'both' is not accepted; use ltci or subsidy")
        #expect(problems(ListCases.Input.self, ["due": -1])["due"] == "-1 is outside 0–3660")
    }

    @Test("A draw's seed is digits in a string, from 0 to 2^64−1")
    func seed() throws {
        #expect(problems(DrawAssessors.Input.self, ["case": 1, "seed": "x"])["seed"] == "'x' is not a whole number from 0 to 18446744073709551615")
        #expect(problems(DrawAssessors.Input.self, ["case": 1, "seed": 42])["seed"] == "expected string, found integer")
        #expect(try ParamsReader.read(DrawAssessors.Input.self, from: ["case": 1, "seed": "18446744073709551615"]).seed?.value == .max)
    }

    @Test("A tier is of an insured group: refused without it, in a quote and in a projection's rows; insurance types are employee and resident")
    func insuredGroups() throws {
        let quote = try ParamsReader.read(QuoteBenefit.Input.self, from: ["scheme": "urumqi-2022", "grade": 5, "mode": "home-visit", "tier": 1, "month": "2026-04"])
        #expect(throws: ParamProblems([ParamProblem(param: "tier", .invalid, "a tier is of an insured group: give insured too")])) { _ = try quote.group.group() }
        let resident = try ParamsReader.read(QuoteBenefit.Input.self, from: ["scheme": "urumqi-2022", "grade": 5, "mode": "home-visit", "insured": "resident",
                                                                               "tier": 2, "month": "2026-04"])
        #expect(try resident.group.group() == InsuredGroup(.resident, tier: 2))
        #expect(problems(QuoteBenefit.Input.self, ["scheme": "x", "grade": 5, "mode": "m", "insured": "retired", "tier": 12, "month": "2026-04"])
                == ["insured": "'retired' is not accepted; use employee or resident", "tier": "12 is outside 1–9"])
        let rows: JSONObject = ["scheme": "x", "from": "2026-04",
                                "beneficiaries": [["grade": 3, "mode": "home-visit", "tier": 2, "count": 1], ["grade": 3, "mode": "home-visit", "insured": "farmer", "count": 1]],
                                "insured": [["type": "retired", "count": 1, "averageMonthlyBase": 6000]]]
        #expect(problems(ProjectFund.Input.self, rows) == [
            "beneficiaries[0].tier": "a tier is of an insured group: give insured too",
            "beneficiaries[1].insured": "'farmer' is not accepted; use employee or resident",
            "insured[0].type": "'retired' is not accepted; use employee or resident",
        ])
    }

    @Test("An agent applying for the person needs both a name and the relationship")
    func agent() throws {
        #expect(problems(OpenCase.Input.self, ["person": 1, "disabledSince": "2025-08-01", "agent": ["name": "陈小妹"]])["agent.relationship"]
                == "missing required parameter (string)")
        let input = try ParamsReader.read(OpenCase.Input.self, from: ["person": 1, "disabledSince": "2025-08-01", "materials": ["id-card"],
                                                                      "agent": ["name": "陈小妹", "relationship": "daughter"]])
        #expect(input.agent?.agent == ApplyingAgent(name: "陈小妹", relationship: "daughter") && input.materials == ["id-card"])
    }

    @Test("Every operation of the area reads its own documented example (run without a database, it gets no further than that)")
    func examples() throws {
        let environment = OperationEnvironment(forms: try FormCatalog.load())
        for entry in OperationCatalogue.standard().entries where entry.name.hasPrefix("case.") || entry.name.hasPrefix("benefit.") || entry.name == "fund.project" {
            do {
                _ = try entry.invoke(entry.example, caller: .trusting, in: environment)
            } catch let error as ParamsError {
                Issue.record("\(entry.name): \(error)")
            } catch {
                // Past its params: the actor, or the scheme, is looked up in the database there is not.
            }
        }
    }
}
