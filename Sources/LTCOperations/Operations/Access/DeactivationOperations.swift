import LTCCases
import LTCCore
import LTCProviders

/// `staff.deactivate`: a staff member may no longer act, from a day.
public enum DeactivateStaff: StoreOperation {
    public static let name = "staff.deactivate"
    public static let summary = "Deactivate an administrator or auditor from a day: refused everywhere from then on, credentials included."
    public static let discussion = DeactivationValues.discussion
        + " The last administrator who may act is never deactivated: register another first."
    public static let access = AccessRule.permission(.manageAccess)
    public static let effect = OperationEffect.writes
    public static let result = "the deactivation: {actor, from, reason, by, on}"
    public static let example: JSONObject = ["actor": "administrator:wang", "id": "zhao", "from": "2027-01-01", "reason": "left the agency"]

    public struct Input: Params {
        @Param("id", "The staff member's id.", .text(.id)) public var id: String
        @ParamGroup public var terms: DeactivationValues
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> DeactivationOutput {
        try input.terms.deactivate(.staff, id: input.id, context)
    }
}

/// `assessor.deactivate`: an assessor may no longer act, from a day.
public enum DeactivateAssessor: StoreOperation {
    public static let name = "assessor.deactivate"
    public static let summary = "Deactivate an assessor from a day: refused everywhere, and never drawn or assigned, from then on."
    public static let discussion = DeactivationValues.discussion
        + " The assessor stays on the cases already assigned to them (a teammate may still record the visit); from the day on they are drawn and assigned no more."
    public static let access = AccessRule.permission(.manageAccess)
    public static let effect = OperationEffect.writes
    public static let result = "the deactivation: {actor, from, reason, by, on}"
    public static let example: JSONObject = ["actor": "administrator:wang", "id": "A2", "from": "2027-01-01", "reason": "left the agency"]

    public struct Input: Params {
        @Param("id", "The assessor's id.", .text(.id)) public var id: String
        @ParamGroup public var terms: DeactivationValues
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> DeactivationOutput {
        try input.terms.deactivate(.assessor, id: input.id, context)
    }
}

/// `institution.deactivate`: an institution may no longer act, from a day.
public enum DeactivateInstitution: StoreOperation {
    public static let name = "institution.deactivate"
    public static let summary = "Deactivate an institution from a day: it may no longer act or reach ltc, credentials included."
    public static let discussion = DeactivationValues.discussion
        + " Its agreements, enrolments and logs stay as they are, and an administrator still acts for it: ending a designation is agreement terminate, with its grounds and notice, and clients move with enrolment transfer."
    public static let access = AccessRule.permission(.manageAccess)
    public static let effect = OperationEffect.writes
    public static let result = "the deactivation: {actor, from, reason, by, on}"
    public static let example: JSONObject = ["actor": "administrator:wang", "id": "I002", "from": "2027-01-01", "reason": "closed"]

    public struct Input: Params {
        @Param("id", "The institution's id.", .text(.id)) public var id: String
        @ParamGroup public var terms: DeactivationValues
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> DeactivationOutput {
        try input.terms.deactivate(.institution, id: input.id, context)
    }
}

/// What every deactivation takes besides whom: from which day, and why.
public struct DeactivationValues: Params {
    static let discussion = "From the day given (today or later, or a past day recorded as given) the actor is refused on every command and request, and every credential issued for it stops working. A deactivation is final and in the audit trail; a person who comes back is registered under a new id."

    @Param("from", "The first day the actor is refused.") public var from: CalendarDate
    @Param("reason", "Why it may no longer act.", .text(.note)) public var reason: String
    public init() {}

    func deactivate(_ register: ActorRegistration.Register, id: String, _ context: StoreContext) throws -> DeactivationOutput {
        DeactivationOutput(deactivation: try context.services.registration.deactivate(
            register, id: id, from: from, reason: reason, actor: context.actor, asOf: context.asOf))
    }
}

/// A deactivation just recorded.
public struct DeactivationOutput: OperationOutput {
    public let deactivation: Deactivation
    public var json: JSONValue { deactivation.json }
    public var text: String { "deactivated \(deactivation.actor) from \(deactivation.from): \(deactivation.reason)" }
    public static var schema: JSONSchema { RecordSchemas.deactivation }
}
