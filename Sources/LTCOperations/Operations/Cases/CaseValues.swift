import LTCCases
import LTCCore
import LTCSchemes

// The case's words as params: each carries its allowed values into the
// schema, the help and the one error that refuses another.

extension CaseService.TerminationReason: ParamEnum {}
extension CaseState: ParamEnum {}
extension ContinuityStep.Choice: ParamEnum {}
extension HeldSubsidy.Choice: ParamEnum {}
extension LetterDelivery.Method: ParamEnum {}

extension AccessRule {
    /// Who may take the lifecycle's `action`: its role, as ``Lifecycle`` lists it.
    static func transition(_ action: CaseAction) -> AccessRule {
        guard let transition = Lifecycle.transitions.first(where: { $0.action == action }) else {
            preconditionFailure("the lifecycle has no transition '\(action.rawValue)'")
        }
        return .permission(.transition(transition))
    }
}

/// Who applies for the person, when not the person: `agent: {name, relationship}`.
public struct AgentParams: ParamsObject {
    @Param("name", "Who applies for the person.") public var name: String
    @Param("relationship", "How they are related to the person, e.g. daughter, guardian.") public var relationship: String
    public init() {}

    var agent: ApplyingAgent { ApplyingAgent(name: name, relationship: relationship) }
}

/// An insured group, where a scheme prices groups apart, and its
/// contribution tier, where it prices tiers: `insured`, `tier`.
public struct InsuredGroupParams: Params {
    @Param("insured", "The insured group, where the scheme prices groups apart.") public var insured: InsuranceType?
    @Param("tier", "The contribution tier within the group, where the scheme prices tiers (1–9).", .range(InsuredGroup.tiers))
    public var tier: Int?
    public init() {}

    /// The group; a tier without its group is refused, naming `tier`.
    func group() throws(ParamProblems) -> InsuredGroup? {
        guard let insured else {
            guard tier == nil else { throw ParamProblems([ParamProblem(param: "tier", .invalid, "a tier is of an insured group: give insured too")]) }
            return nil
        }
        return InsuredGroup(insured, tier: tier)
    }
}

extension ParamProblems {
    /// The problems as the error a request gets.
    var error: ParamsError { ParamsError(problems: list) }
}
