import LTCCases
import LTCCore
import LTCProviders

/// Who may change a case's care plan.
private let planningAccess = AccessRule.record(roles: [.administrator, .assessor, .institution],
                                               rule: "administrators, the case's assessors and the institution the person is enrolled with")

/// `plan.show`: the plan in force, a proposal waiting, and whether a review is due.
public enum ShowPlan: StoreOperation {
    public static let name = "plan.show"
    public static let summary = "The case's care plan in force, a proposal waiting for the person's agreement, and whether a review is due."
    public static let discussion = "A review is due on a new grade or mode, a change of condition, or the scheme's reviewMonths."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{inForce, proposal, review: {due, dueOn, reasons}}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PlanViewOutput {
        PlanViewOutput(caseID: input.caseID, view: try context.services.plans.show(caseID: input.caseID, actor: context.actor, asOf: try context.day()))
    }
}

/// `plan.history`: every version of the case's plan.
public enum ListPlanVersions: StoreOperation {
    public static let name = "plan.history"
    public static let summary = "Every version of the case's care plan, oldest first."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{plans: [...]}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PlanHistoryOutput {
        PlanHistoryOutput(caseID: input.caseID, plans: try context.services.plans.history(caseID: input.caseID, actor: context.actor))
    }
}

/// `plan.propose`: a plan proposed from the care needs.
public enum ProposePlan: StoreOperation {
    public static let name = "plan.propose"
    public static let summary = "Propose a care plan from the care needs: the needs form's derived items read off the latest assessment, the rest given in answers."
    public static let discussion = "A plan lists the service items a person is to receive, how often and for how long: proposed from the care needs "
        + "(read off the assessment where the needs form says so, the rest asked), within the grade's package and the month's ceiling. "
        + "Once the person agrees (plan.confirm), logs of items outside it (N01) or beyond its frequency (N02) are rejected. "
        + "A need read off the assessment and given again is refused; a proposal waiting before is discarded."
    public static let access = planningAccess
    public static let effect = OperationEffect.writes
    public static let result = "the proposed plan"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1,
                                             "answers": ["needs.pressure": 0, "needs.tube": 0, "needs.medication": 1, "needs.rehabilitation": 1, "needs.carer": 0]]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("answers", "Need item id → score (0 no need, 1 needs help), for the needs form's items not derived.") public var answers: NeedAnswers?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PlanOutput {
        PlanOutput(plan: try context.services.plans.propose(caseID: input.caseID, answers: input.answers?.scores ?? [:], actor: context.actor,
                                                            asOf: try context.day()))
    }
}

/// `plan.set`: the plan's items set by hand.
public enum SetPlan: StoreOperation {
    public static let name = "plan.set"
    public static let summary = "Set the plan's items by hand within the catalogue's rules, the package and the ceiling; a new version, waiting for agreement."
    public static let discussion = "The latest plan's needs are kept. A plan beyond the catalogue's rules, the package or the ceiling is refused, naming the item and the rule."
    public static let access = planningAccess
    public static let effect = OperationEffect.writes
    public static let result = "the plan's new version"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1,
                                             "items": [["code": "S01", "perWeek": 2, "minutes": 60], ["code": "S03", "perWeek": 1, "minutes": 60]],
                                             "reason": "the daughter bathes her on Sundays"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("items", "The plan's items: [{code, perWeek, perDay?, minutes?}], minutes for hour-priced items.") public var items: [PlanItemParams]
        @Param("reason", "Why the plan changes.", .text(.note)) public var reason: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PlanOutput {
        let (plan, replaced) = try context.services.plans.set(caseID: input.caseID, items: input.items.map(\.item), reason: input.reason,
                                                              actor: context.actor, asOf: try context.day())
        return PlanOutput(plan: plan, replaced: replaced)
    }
}

/// `plan.confirm`: the person's agreement to the proposal.
public enum ConfirmPlan: StoreOperation {
    public static let name = "plan.confirm"
    public static let summary = "Record the person's agreement to the proposal: it binds logs from that day, and the plan before ends the day before."
    public static let access = planningAccess
    public static let effect = OperationEffect.writes
    public static let result = "the plan in force"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "by": "陈老伯"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("by", "Who agreed: the person or their agent, by name.") public var by: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PlanOutput {
        PlanOutput(plan: try context.services.plans.confirm(caseID: input.caseID, by: input.by, actor: context.actor, asOf: try context.day()))
    }
}

/// One version of a care plan; set by hand, with the version it replaces.
public struct PlanOutput: OperationOutput {
    public let plan: CarePlan
    /// The version a hand-set plan replaces, whose items the text compares.
    public var replaced: CarePlan? = nil
    public var json: JSONValue { plan.json }
    public var text: String { PlanText.text(plan) + (replaced.map { "\n" + PlanText.change(from: $0, to: plan) } ?? "") }
    public static var schema: JSONSchema { RecordSchemas.carePlan }
}

/// A case's plan as it stands.
public struct PlanViewOutput: OperationOutput {
    public let caseID: Int
    public let view: CarePlanService.View
    public var json: JSONValue { view.json }
    public var text: String { PlanText.text(view, caseID: caseID) }
    public static var schema: JSONSchema { RecordSchemas.carePlanView }
}

/// Every version of a case's plan, oldest first.
public struct PlanHistoryOutput: OperationOutput {
    public let caseID: Int
    public let plans: [CarePlan]
    public var json: JSONValue { ["plans": .array(plans.map(\.json))] }
    public var text: String {
        plans.isEmpty ? "case \(caseID): no care plan" : plans.map { PlanText.text($0) }.joined(separator: "\n")
    }
    public static var schema: JSONSchema { .object(["plans": .array(RecordSchemas.carePlan)], required: ["plans"]) }
}
