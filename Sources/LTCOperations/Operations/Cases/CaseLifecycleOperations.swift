import LTCCases
import LTCCore

// The case lifecycle, from the application to the end of the case: each
// transition as ``Lifecycle`` lists it, taken by ``CaseService``.

/// `case.open`: an application accepted (申请).
public enum OpenCase: StoreOperation {
    public static let name = "case.open"
    public static let summary = "Accept an application (申请)."
    public static let discussion = "materials lists the documents given, from the scheme's list, which the acceptance review checks."
    public static let access = AccessRule.permission(.transition(Lifecycle.opening))
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "person": 1, "disabledSince": "2025-08-01", "asOf": "2026-03-02"]

    public struct Input: Params {
        @Param("person", "The insured person's id.") public var person: Int
        @Param("disabledSince", "When the disability began, from the medical records (YYYY-MM-DD).") public var disabledSince: CalendarDate
        @Param("institution", "The designated institution serving the applicant, if any.", .text(.id)) public var institution: String?
        @Param("scheme", "The scheme id; needed only when several are in force.", .text(.id)) public var scheme: String?
        @Param("materials", "The materials given: ids of the scheme's list.", .text(.id)) public var materials: [String]?
        @Param("agent", "Who applies for the person, when not the person: {name, relationship}.") public var agent: AgentParams?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CaseOutput {
        CaseOutput(record: try context.services.cases.open(
            personID: input.person, disabledSince: input.disabledSince, institution: input.institution, schemeID: input.scheme,
            materials: input.materials ?? [], agent: input.agent?.agent, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.check`: the acceptance review, every eligibility rule of the scheme.
public enum CheckEligibility: StoreOperation {
    public static let name = "case.check"
    public static let summary = "Check eligibility: every rule of the scheme, with pass or fail."
    public static let access = AccessRule.transition(.check)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "asOf": "2026-03-02"]
    public typealias Input = CaseParams

    public static func run(_ input: CaseParams, _ context: StoreContext) throws -> EligibilityOutput {
        EligibilityOutput(record: try context.services.cases.check(caseID: input.caseID, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.assign`: the next round's assessors named, with the reason.
public enum AssignAssessors: StoreOperation {
    public static let name = "case.assign"
    public static let summary = "Assign the assessors of the next assessment or re-assessment by name, with the reason (case.draw draws them instead)."
    public static let access = AccessRule.transition(.assign)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "assessors": ["A01", "A02"], "reason": "the area's only medical assessor"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("assessors", "Assessor ids.", .text(.id)) public var assessors: [String]
        @Param("reason", "Why they are named by hand rather than drawn.", .text(.note)) public var reason: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AssignmentOutput {
        AssignmentOutput(record: try context.services.cases.assign(caseID: input.caseID, assessors: input.assessors, reason: input.reason,
                                                             actor: context.actor, asOf: context.asOf))
    }
}

/// `case.draw`: the next round's assessors drawn at random, with a kept seed.
public enum DrawAssessors: StoreOperation {
    public static let name = "case.draw"
    public static let summary = "Draw the assessors of the next round at random from the active assessors free of a conflict of interest; the seed and pool are kept with the case."
    public static let discussion = "Giving the seed of an earlier draw replays it."
    public static let access = AccessRule.transition(.assign)
    public static let effect = OperationEffect.writes
    public static let result = "the case, with draw {seed, pool}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "seed": "42"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("seed", "The seed, a whole number from 0 to 18446744073709551615 (default: a random one).") public var seed: DrawSeed?
        @Param("agency", "Draw only from this assessment agency's assessors.") public var agency: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AssignmentOutput {
        AssignmentOutput(record: try context.services.cases.drawAssessors(caseID: input.caseID, seed: input.seed?.value, agency: input.agency,
                                                                    actor: context.actor, asOf: context.asOf))
    }
}

/// `case.assess`: the on-site assessment recorded by an assigned assessor.
public enum AssessCase: StoreOperation {
    public static let name = "case.assess"
    public static let summary = "Record the on-site assessment (an assigned assessor only)."
    public static let access = AccessRule.record(roles: [.assessor], rule: "one assigned to the case")
    public static let effect = OperationEffect.writes
    public static let result = "{case, assessment}"
    public static let example: JSONObject = ["actor": "assessor:A01", "case": 1, "form": "cn-ltc-2021", "answers": [:], "place": "home"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("form", "The form id, e.g. cn-ltc-2021.", .text(.id)) public var form: String
        @Param("answers", "Item id → the chosen option's score.") public var answers: JSONObject
        @Param("conditions", "Condition id → value, for forms with conditions (the stored result keeps them).") public var conditions: JSONObject?
        @Param("place", "Where the assessment took place.") public var place: String
        @Param("date", "The date of the visit (default asOf, or today).") public var date: CalendarDate?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> AssessmentOutput {
        let (record, assessment) = try context.services.cases.assess(caseID: input.caseID, formID: input.form, answers: input.answers,
                                                                     conditions: input.conditions ?? [:], assessedOn: input.date, place: input.place,
                                                                     actor: context.actor, asOf: context.asOf)
        return AssessmentOutput(record: record, assessment: assessment)
    }
}

/// `case.determine`: the grade decided from the latest assessment.
public enum DetermineGrade: StoreOperation {
    public static let name = "case.determine"
    public static let summary = "Determine the grade from the latest assessment."
    public static let discussion = "The grade is published for the publicity period; after a re-assessment it is final and in force at once."
    public static let access = AccessRule.transition(.determine)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "asOf": "2026-03-02"]
    public typealias Input = CaseParams

    public static func run(_ input: CaseParams, _ context: StoreContext) throws -> CaseOutput {
        CaseOutput(record: try context.services.cases.determine(caseID: input.caseID, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.object`: an objection lodged during publicity.
public enum RecordObjection: StoreOperation {
    public static let name = "case.object"
    public static let summary = "Record an objection during publicity."
    public static let access = AccessRule.transition(.object)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "reason": "hospital stay"]
    public typealias Input = CaseReasonParams

    public static func run(_ input: CaseReasonParams, _ context: StoreContext) throws -> CaseOutput {
        CaseOutput(record: try context.services.cases.object(caseID: input.caseID, reason: input.reason, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.confirm`: a published grade put in force.
public enum ConfirmGrade: StoreOperation {
    public static let name = "case.confirm"
    public static let summary = "Put a published grade in force after publicity."
    public static let access = AccessRule.transition(.confirm)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "asOf": "2026-03-02"]
    public typealias Input = CaseParams

    public static func run(_ input: CaseParams, _ context: StoreContext) throws -> CaseOutput {
        CaseOutput(record: try context.services.cases.confirm(caseID: input.caseID, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.suspend`: benefits paused.
public enum SuspendCase: StoreOperation {
    public static let name = "case.suspend"
    public static let summary = "Suspend benefits, e.g. for a hospital stay."
    public static let access = AccessRule.transition(.suspend)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "reason": "hospital stay"]
    public typealias Input = CaseReasonParams

    public static func run(_ input: CaseReasonParams, _ context: StoreContext) throws -> CaseOutput {
        CaseOutput(record: try context.services.cases.suspend(caseID: input.caseID, reason: input.reason, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.resume`: a suspension ended.
public enum ResumeCase: StoreOperation {
    public static let name = "case.resume"
    public static let summary = "End a suspension."
    public static let access = AccessRule.transition(.resume)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "asOf": "2026-03-02"]
    public typealias Input = CaseParams

    public static func run(_ input: CaseParams, _ context: StoreContext) throws -> CaseOutput {
        CaseOutput(record: try context.services.cases.resume(caseID: input.caseID, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.terminate`: a case closed, and what its end takes back.
public enum TerminateCase: StoreOperation {
    public static let name = "case.terminate"
    public static let summary = "Close a case; reason is death, left, recovery or withdrawn. Accepted services dated after `on` are withdrawn (B03) and what a settled month paid for them is recovered on the next statement."
    public static let access = AccessRule.transition(.terminate)
    public static let effect = OperationEffect.writes
    public static let result = "the case, with afterEnd: {rule, withdrawn, recovered, submission} or null"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "reason": "death", "on": "2026-03-20"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("reason", "Why the case ends.") public var reason: CaseService.TerminationReason
        @Param("on", "The day the case ended, e.g. the date of death (default asOf); not after asOf.") public var on: CalendarDate?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> TerminationOutput {
        TerminationOutput(termination: try context.services.cases.terminate(caseID: input.caseID, reason: input.reason, on: input.on,
                                                                             actor: context.actor, asOf: context.asOf))
    }
}

/// The params of an operation on one case and nothing else.
public struct CaseParams: Params {
    @Param("case", "The case id.") public var caseID: Int
    public init() {}
}

/// The params of a transition that needs its reason.
public struct CaseReasonParams: Params {
    @Param("case", "The case id.") public var caseID: Int
    @Param("reason", "Why.", .text(.note)) public var reason: String
    public init() {}
}

/// A case after a change: its state and what may come next.
public struct CaseOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String { CaseText.summary(record) }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// A case whose assessors were just assigned or drawn: the case, and as
/// text who is to visit, so that the assessors drawn can be told (an
/// assessor not drawn is refused the case as "not found or not yours").
public struct AssignmentOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String {
        let team = record.assessors.joined(separator: " and ")
        let how = record.draw.map { "drawn (seed \($0.seed), from \($0.pool.joined(separator: ", ")))" } ?? "named"
        let due = record.deadline.map { "; the \($0.kind.rawValue) is due by \($0.due)" } ?? ""
        return "case \(record.id): assessors \(team) \(how) for the \(record.round?.rawValue ?? "next") round\(due)\n" + CaseText.summary(record)
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// A case after its acceptance review: each rule, passed or failed with its ground.
public struct EligibilityOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String {
        var lines = [CaseText.summary(record)]
        for rule in record.eligibility?.rules ?? [] {
            let ground = rule.passed ? nil : NonAcceptanceGround(rule: rule.id)
            lines.append("  \(rule.passed ? "pass" : "FAIL")  \(rule.id): \(rule.requirement); found \(rule.found)"
                         + (ground.map { "  [\($0.rawValue) \($0.meaning)]" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// An assessment just recorded, and its case.
public struct AssessmentOutput: OperationOutput {
    public let record: Case
    public let assessment: AssessmentRecord
    public var json: JSONValue { ["case": record.json, "assessment": assessment.json] }
    public var text: String {
        "recorded assessment #\(assessment.id): grade \(assessment.grade) (\(assessment.formID) \(assessment.formVersion))\n" + CaseText.summary(record)
    }
    public static var schema: JSONSchema {
        .object(["case": RecordSchemas.caseRecord, "assessment": RecordSchemas.assessment], required: ["case", "assessment"])
    }
}

/// A case closed, with what its end took back (services after it withdrawn, their pay recovered).
public struct TerminationOutput: OperationOutput {
    public let termination: CaseService.Termination
    public var json: JSONValue { termination.json }
    public var text: String {
        var lines = [CaseText.summary(termination.record)]
        if let after = termination.afterEnd, let ended = termination.record.endedOn {
            let recovered = after["recovered"].flatMap(Money.init(json:)) ?? .zero
            lines.append("\(after["withdrawn"]?.intValue ?? 0) accepted service(s) after \(ended) withdrawn (B03); "
                         + "\(Money.zero - recovered) paid for them in settled months comes back on the next statement")
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema {
        var schema = RecordSchemas.caseRecord
        if case .object(var properties)? = schema.json["properties"] {
            properties.set("afterEnd", .object(JSONSchema.object(["rule": .string(), "withdrawn": .integer(), "recovered": RecordSchemas.amount,
                                                                  "submission": .any]).orNull.json))
            schema.json.set("properties", .object(properties))
        }
        if case .array(var required)? = schema.json["required"] {
            required.append("afterEnd")
            schema.json.set("required", .array(required))
        }
        return schema
    }
}
