import LTCOperations
import LTCCases
import LTCCore
import LTCProviders

/// The methods of individual care plans (``CarePlanService``).
extension CaseMethods {
    var planMethods: [RPCMethod] {
        let admin: JSONValue = "administrator:wang"
        let actor = Self.actor, asOf = Self.asOf, caseID = Self.caseID
        return [
            method("plan.show", "The case's care plan in force, a proposal waiting for the person's agreement, and whether a review is due.",
                   [actor, asOf, caseID], result: "{inForce, proposal, review: {due, dueOn, reasons}}",
                   example: ["actor": admin, "case": 1]) { service, params, actor, asOf in
                try service.plans.show(caseID: params.int("case")!, actor: actor, asOf: try service.registry.day(asOf)).json
            },
            method("plan.history", "Every version of the case's care plan, oldest first.",
                   [actor, caseID], result: "{plans: [...]}", example: ["actor": admin, "case": 1]) { service, params, actor, _ in
                ["plans": .array(try service.plans.history(caseID: params.int("case")!, actor: actor).map(\.json))]
            },
            method("plan.propose", "Propose a care plan from the care needs: the needs form's derived items read off the latest assessment, the rest given in answers.",
                   [actor, asOf, caseID, RPCParameter("answers", .object, required: false, "Need item id → score (0 or 1), for the items not derived.")],
                   result: "the proposed plan",
                   example: ["actor": admin, "case": 1, "answers": ["needs.pressure": 0, "needs.tube": 0, "needs.medication": 1,
                                                                 "needs.rehabilitation": 1, "needs.carer": 0]]) { service, params, actor, asOf in
                var answers: [String: Int] = [:]
                for member in params.object("answers") ?? [:] {
                    guard let score = member.value.intValue else { throw CaseError(.invalidInput, "answers.\(member.key): expected a score (integer), found \(member.value)") }
                    answers[member.key] = score
                }
                return try service.plans.propose(caseID: params.int("case")!, answers: answers, actor: actor, asOf: try service.registry.day(asOf)).json
            },
            method("plan.set", "Set the plan's items by hand within the catalogue's rules, the package and the ceiling; a new version, waiting for agreement.",
                   [actor, asOf, caseID, RPCParameter("items", .array, "[{code, perWeek, perDay?, minutes?}]: minutes for hour-priced items."),
                    RPCParameter("reason", .string, "Why the plan changes.")],
                   result: "the plan's new version",
                   example: ["actor": admin, "case": 1, "items": [["code": "S01", "perWeek": 2, "minutes": 60], ["code": "S03", "perWeek": 1, "minutes": 60]],
                             "reason": "the daughter bathes her on Sundays"]) { service, params, actor, asOf in
                let items = try (params.array("items") ?? []).enumerated().map { index, value throws(CaseError) -> CarePlan.Item in
                    guard let item = CarePlan.Item(json: value), value.objectValue?.keys.allSatisfy(["code", "perWeek", "perDay", "minutes"].contains) == true else {
                        throw CaseError(.invalidInput, "items[\(index)]: expected {code, perWeek, perDay?, minutes?}, found \(value)")
                    }
                    return item
                }
                return try service.plans.set(caseID: params.int("case")!, items: items, reason: params.string("reason")!, actor: actor,
                                             asOf: try service.registry.day(asOf)).json
            },
            method("plan.confirm", "Record the person's agreement to the proposal: it binds logs from that day, and the plan before ends the day before.",
                   [actor, asOf, caseID, RPCParameter("by", .string, "Who agreed: the person or their agent, by name.")],
                   result: "the plan in force", example: ["actor": admin, "case": 1, "by": "陈老伯"]) { service, params, actor, asOf in
                try service.plans.confirm(caseID: params.int("case")!, by: params.string("by")!, actor: actor, asOf: try service.registry.day(asOf)).json
            },
        ]
    }
}
