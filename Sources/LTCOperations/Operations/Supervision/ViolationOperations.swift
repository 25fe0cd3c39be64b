import LTCCases
import LTCCore
import LTCProviders

/// `violation.record`: a violation found at an institution, with its penalty applied.
public enum RecordViolation: StoreOperation {
    public static let name = "violation.record"
    public static let summary = "Record a violation and apply its penalty through the agreement and the next statement."
    public static let discussion = """
        The type is a code of the scheme's negative list and the penalty one of those the list allows for it. \
        Warning and rectification move no money, so they take no amount; from refusal up, the amount concerned \
        comes off the next statement (recovery adds the liquidated damages); suspension also suspends every \
        agreement in force for the scheme's days, and termination ends them and bars the institution for the \
        scheme's years. Every penalty costs the institution, and the caregiver or person named, its credit points.
        """
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the violation with its effects (deducted, suspendedUntil, barredUntil, credit)"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "type": "V02", "penalty": "recovery",
                                             "amount": 1200, "evidence": "inspection"]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("type", "The violation type: a code of the scheme's negative list, e.g. V02.", .text(.id)) public var type: String
        @Param("penalty", "The penalty, one the negative list allows for the type, e.g. recovery.", .text(.id)) public var penalty: String
        @Param("amount", "The payments concerned, in yuan.", default: 0) public var amount: Money
        @Param("found", "When it was found (default: the date of the operation).") public var found: CalendarDate?
        @Param("evidence", "The evidence (inspection report, complaint, data check).", .text(.note)) public var evidence: String
        @Param("caregiver", "The caregiver concerned, if any.", .text(.id)) public var caregiver: String?
        @Param("person", "The insured person concerned, if any.") public var person: Int?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> ViolationOutput {
        let day = try context.day()
        return ViolationOutput(violation: try context.services.supervision.recordViolation(
            institution: input.institution, caregiver: input.caregiver, person: input.person, type: input.type, foundOn: input.found ?? day,
            evidence: input.evidence, amount: input.amount, penalty: input.penalty, actor: context.actor, asOf: day))
    }
}

/// `violation.list`: the recorded violations, a page at a time.
public enum ListViolations: StoreOperation {
    public static let name = "violation.list"
    public static let summary = "Recorded violations, by id, a page at a time."
    public static let discussion = "An institution reads its own; administrators and auditors every institution's."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{violations: [...], next}"
    public static let example: JSONObject = ["actor": "administrator:wang"]

    public struct Input: Params {
        @Param("institution", "Only this institution's violations.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Violation> {
        Listing(try context.services.supervision.violations(institution: input.institution, actor: context.actor, page: try input.page.request()))
    }
}

/// `credit.get`: the credit score of an institution, a caregiver or a person, with its history.
public enum GetCredit: StoreOperation {
    public static let name = "credit.get"
    public static let summary = "A credit score and its history."
    public static let discussion = "Violations take points off, months without one and good inspections give them back; below the scheme's low line an institution's logs are checked more closely, and below its bar line it may not be designated."
    public static let command = "credit"
    public static let access = AccessRule.record(roles: [.administrator, .auditor, .institution],
                                                 rule: "an institution reads its own credit and its caregivers'; a person's, administrators and auditors")
    public static let effect = OperationEffect.reads
    public static let result = "{subject, score, closerChecks, barred, history}"
    public static let example: JSONObject = ["actor": "administrator:wang", "subject": "institution:I001"]

    public struct Input: Params {
        @Param("subject", "Whose credit: institution:ID, caregiver:INSTITUTION/ID or person:ID.") public var subject: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CreditOutput {
        CreditOutput(record: try context.services.supervision.credit(of: input.subject, actor: context.actor, asOf: try context.day()))
    }
}

/// A violation just recorded, with what its penalty did.
public struct ViolationOutput: OperationOutput {
    public let violation: Violation
    public var json: JSONValue { violation.json }
    public var text: String {
        var effects = ["credit −\(violation.credit)"]
        if violation.deducted.fen > 0 { effects.append("−\(violation.deducted) on the next statement") }
        if let until = violation.suspendedUntil { effects.append("agreement suspended until \(until)") }
        if let bar = violation.barredUntil { effects.append("agreement terminated; barred until \(bar)") }
        return "violation \(violation.id): \(violation.type) at \(violation.institution), \(violation.penalty): " + effects.joined(separator: ", ")
    }
    public static var schema: JSONSchema { RecordSchemas.violation }
}

extension Violation: Listable {
    public static let listName = "violations"
    public static var itemSchema: JSONSchema { RecordSchemas.violation }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ violations: [Violation]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("TYPE", "类型"), ("PENALTY", "处理"), ("DECIDED", "决定"), ("AMOUNT", "金额"), ("DEDUCTED", "扣减"), ("CREDIT", "信用")])
        for violation in violations {
            table.append([String(violation.id), violation.institution, violation.type, violation.penalty, violation.decidedOn.description,
                          "\(violation.amount)", "\(violation.deducted)", "−\(violation.credit)"])
        }
        return table.rendered()
    }
}

/// A credit record: the score, whether it calls for closer checks or bars, and how it came to be.
public struct CreditOutput: OperationOutput {
    public let record: CreditRecord
    public var json: JSONValue { record.json }
    public var text: String {
        var lines = ["\(record.subject): credit \(record.score)" + (record.barred ? " (below the line for designation)" : record.closerChecks ? " (closer checks)" : "")]
        for entry in record.history {
            lines.append("  \(entry.date)  \(entry.change > 0 ? "+" : "")\(entry.change)  → \(entry.score)  \(entry.reason)")
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema { RecordSchemas.creditRecord }
}
