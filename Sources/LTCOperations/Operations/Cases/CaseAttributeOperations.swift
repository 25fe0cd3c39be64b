import LTCCases
import LTCCore
import LTCSchemes

// What changes about a case besides its state: the service mode, residence,
// the continuity bonus, other subsidies, the letter's delivery.

/// `case.mode`: the service mode chosen.
public enum ChooseMode: StoreOperation {
    public static let name = "case.mode"
    public static let summary = "Choose a case's service mode (from asOf, or from next month if the scheme says so)."
    public static let access = AccessRule.permission(.manageCases)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "mode": "home-care"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("mode", "A service mode id of the case's scheme.", .text(.id)) public var mode: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> ModeOutput {
        ModeOutput(record: try context.services.cases.setMode(caseID: input.caseID, mode: input.mode, actor: context.actor, asOf: context.asOf))
    }
}

/// `case.residence`: the region the beneficiary lives in.
public enum SetResidence: StoreOperation {
    public static let name = "case.residence"
    public static let summary = "Record the region the beneficiary lives in: another region (异地), with the agency assessments are commissioned to there, or the scheme's own (which clears it)."
    public static let access = AccessRule.permission(.manageCases)
    public static let effect = OperationEffect.writes
    public static let result = "the case, with residence"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "region": "Shanghai", "agency": "上海市长护险评估中心"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("region", "The region lived in (the scheme's own region clears it).") public var region: String
        @Param("agency", "The assessment agency there that assessments are commissioned to (needed outside the scheme's region).") public var agency: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> ResidenceOutput {
        ResidenceOutput(record: try context.services.cases.setResidence(caseID: input.caseID, region: input.region, agency: input.agency,
                                                                        actor: context.actor, asOf: context.asOf))
    }
}

/// `case.bonus`: how the person takes the bonus for continuous care.
public enum ChooseBonus: StoreOperation {
    public static let name = "case.bonus"
    public static let summary = "Choose how the person takes the bonus for continuous care, from next month."
    public static let access = AccessRule.permission(.manageCases)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "take": "cash"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("take", "More hours of care, or cash.") public var take: ContinuityStep.Choice
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> BonusOutput {
        BonusOutput(record: try context.services.cases.chooseBonus(caseID: input.caseID, choice: input.take, actor: context.actor, asOf: context.asOf),
                    choice: input.take)
    }
}

/// `case.subsidy`: another subsidy the person holds.
public enum AddSubsidy: StoreOperation {
    public static let name = "case.subsidy"
    public static let summary = "Record another subsidy the person holds."
    public static let access = AccessRule.permission(.manageCases)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "subsidy": "elderly-disability", "monthly": 150, "from": "2026-01-01"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("subsidy", "A subsidy id of the case's scheme.", .text(.id)) public var subsidy: String
        @Param("monthly", "Its monthly amount in yuan (at most two decimals).") public var monthly: Money
        @Param("from", "From (YYYY-MM-DD).") public var from: CalendarDate
        @Param("until", "Until (YYYY-MM-DD), if it ends.") public var until: CalendarDate?
        @Param("choice", "For a subsidy that excludes LTCI: the person's choice, ltci or subsidy.") public var choice: HeldSubsidy.Choice?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SubsidyOutput {
        SubsidyOutput(record: try context.services.cases.addSubsidy(caseID: input.caseID, subsidy: input.subsidy, monthly: input.monthly,
                                                                    from: input.from, until: input.until, choice: input.choice,
                                                                    actor: context.actor, asOf: context.asOf))
    }
}

/// `case.deliver`: the delivery of the conclusion letter.
public enum DeliverLetter: StoreOperation {
    public static let name = "case.deliver"
    public static let summary = "Record the delivery of the conclusion letter: the day and the way."
    public static let access = AccessRule.permission(.manageCases)
    public static let effect = OperationEffect.writes
    public static let result = "the case"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "how": "post", "on": "2026-03-10"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("how", "The way it was delivered.") public var how: LetterDelivery.Method
        @Param("on", "The day it was delivered (default asOf, or today).") public var on: CalendarDate?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> DeliveryOutput {
        let day = try input.on ?? context.day()
        return DeliveryOutput(record: try context.services.cases.recordLetterDelivery(caseID: input.caseID, on: day, how: input.how,
                                                                                      actor: context.actor, asOf: context.asOf))
    }
}

/// A case after its mode was chosen: the new mode, from which day, and the one before.
public struct ModeOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String {
        var lines: [String] = []
        if let chosen = record.modes.last {
            let before = record.modes.dropLast().last.map { " (was \($0.mode) from \($0.from))" } ?? " (the first mode chosen)"
            lines.append("case \(record.id): mode \(chosen.mode) from \(chosen.from)\(before)")
        }
        lines.append(CaseText.summary(record))
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// A case after its residence was recorded.
public struct ResidenceOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String {
        guard let away = record.residence else { return "case \(record.id): lives in the scheme's region" }
        return "case \(record.id): lives in \(away.region) from \(away.from); assessments commissioned to \(away.agency)"
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// A case after the person chose how to take the continuity bonus.
public struct BonusOutput: OperationOutput {
    public let record: Case
    public let choice: ContinuityStep.Choice
    public var json: JSONValue { record.json }
    public var text: String {
        if let chosen = record.bonusChoices.last, chosen.choice == choice {
            return "case \(record.id): the continuity bonus is taken as \(choice.rawValue) from \(chosen.from)"
        }
        return "case \(record.id): the continuity bonus is taken as \(choice.rawValue), as before"
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// A case after another subsidy was recorded.
public struct SubsidyOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String {
        ((record.subsidies.last.map { ["case \(record.id): " + CaseText.subsidy($0)] } ?? []) + [CaseText.summary(record)]).joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}

/// A case after its letter's delivery was recorded.
public struct DeliveryOutput: OperationOutput {
    public let record: Case
    public var json: JSONValue { record.json }
    public var text: String {
        guard let delivered = record.letterDelivered else { return CaseText.summary(record) }
        return "case \(record.id): letter delivered \(delivered.on) by \(delivered.how.rawValue)"
    }
    public static var schema: JSONSchema { RecordSchemas.caseRecord }
}
