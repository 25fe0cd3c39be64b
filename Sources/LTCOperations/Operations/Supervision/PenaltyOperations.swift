import LTCCases
import LTCCore
import LTCProviders

/// `penalty.notify`: the notice of an intended penalty, with its facts and grounds.
public enum NotifyPenalty: StoreOperation {
    public static let name = "penalty.notify"
    public static let summary = "Notify an institution of an intended penalty, with the facts and grounds; nothing takes effect until the decision."
    public static let discussion = """
        The penalty is checked against the scheme's discretion benchmarks (enforcement.benchmarks: by the type's severity, the amount \
        concerned and the earlier violations of the same type within enforcement.repeatMonths); naming the institution's own \
        self-reports moves the range lighter (enforcement.selfReport.steps). A penalty outside its range needs a reason. The \
        institution has enforcement.defenceDays to state its defence (penalty.defend), counted from the notice's date or, for a \
        notice dated in the past, from the day it is recorded: a backdated notice never shortens the defence period.
        """
    public static let command = "penalty notify"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the notice: {id, institution, type, penalty, amount, facts, grounds, notifiedOn, defenceUntil, range, status, …}"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "type": "V02", "penalty": "refusal",
                                             "amount": 300, "facts": "4 visits billed at 2 hours were 1 hour", "grounds": "agreement art. 12"]

    public struct Input: Params {
        @Param("institution", "The institution id.", .text(.id)) public var institution: String
        @Param("type", "The violation type: a code of the scheme's negative list, e.g. V02.", .text(.id)) public var type: String
        @Param("penalty", "The penalty intended, one the negative list allows for the type.", .text(.id)) public var penalty: String
        @Param("amount", "The payments concerned, in yuan.", default: 0) public var amount: Money
        @Param("facts", "The facts found.", .text(.note)) public var facts: String
        @Param("grounds", "The grounds: the rules the facts break.", .text(.note)) public var grounds: String
        @Param("found", "When it was found (default: the date of the operation).") public var found: CalendarDate?
        @Param("selfReports", "The institution's self-reports that cover the matter (mitigation).") public var selfReports: [Int]?
        @Param("reason", "Why the penalty is outside its benchmark range, where it is.", .text(.note)) public var reason: String?
        @Param("caregiver", "The caregiver concerned, if any.", .text(.id)) public var caregiver: String?
        @Param("person", "The insured person concerned, if any.") public var person: Int?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PenaltyNoticeOutput {
        let day = try context.day()
        return PenaltyNoticeOutput(notice: try context.services.enforcement.notify(
            institution: input.institution, caregiver: input.caregiver, person: input.person, type: input.type, penalty: input.penalty,
            amount: input.amount, foundOn: input.found ?? day, facts: input.facts, grounds: input.grounds, selfReports: input.selfReports ?? [],
            reason: input.reason, actor: context.actor, asOf: day))
    }
}

/// `penalty.get`: one notice, for the institution it is addressed to.
public enum GetPenaltyNotice: StoreOperation {
    public static let name = "penalty.get"
    public static let summary = "A penalty notice with its statement and decision."
    public static let discussion = "An institution reads its own notices; any other notice is \"not found or not yours\", whether it exists or not."
    public static let command = "penalty show"
    public static let access = AccessRule.record(roles: [.administrator, .auditor, .institution], rule: "an institution reads the notices addressed to it")
    public static let effect = OperationEffect.reads
    public static let result = "the notice"
    public static let example: JSONObject = ["actor": "institution:I001", "notice": 1]

    public struct Input: Params {
        @Param("notice", "The notice's id.") public var notice: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PenaltyNoticeOutput {
        PenaltyNoticeOutput(notice: try context.services.enforcement.notice(input.notice, actor: context.actor))
    }
}

/// `penalty.notices`: the notices, a page at a time.
public enum ListPenaltyNotices: StoreOperation {
    public static let name = "penalty.notices"
    public static let summary = "Penalty notices, by id, a page at a time."
    public static let discussion = "An institution lists its own; administrators and auditors every institution's."
    public static let command = "penalty notices"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{notices: [...], next}"
    public static let example: JSONObject = ["actor": "institution:I001"]

    public struct Input: Params {
        @Param("institution", "Only this institution's notices.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<PenaltyNotice> {
        Listing(try context.services.enforcement.notices(institution: input.institution, actor: context.actor, page: try input.page.request()))
    }
}

/// `penalty.defend`: the institution's statement of its defence.
public enum DefendPenalty: StoreOperation {
    public static let name = "penalty.defend"
    public static let summary = "State an institution's defence to a penalty notice addressed to it, within the defence period, once."
    public static let command = "penalty defend"
    public static let access = AccessRule.record(roles: [.institution], rule: "the institution the notice is addressed to, as itself")
    public static let effect = OperationEffect.writes
    public static let result = "the notice with its statement"
    public static let example: JSONObject = ["actor": "institution:I001", "notice": 1, "statement": "the visits took 2 hours; the sign-off sheets are attached"]

    public struct Input: Params {
        @Param("notice", "The notice's id.") public var notice: Int
        @Param("statement", "The institution's statement.", .text(.note)) public var statement: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PenaltyNoticeOutput {
        PenaltyNoticeOutput(notice: try context.services.enforcement.defend(input.notice, statement: input.statement, actor: context.actor,
                                                                            asOf: try context.day()))
    }
}

/// `penalty.decide`: the decision, which makes the penalty take effect.
public enum DecidePenalty: StoreOperation {
    public static let name = "penalty.decide"
    public static let summary = "Decide a penalty notice: the violation is recorded and its penalty takes effect now; the decision carries the appeal deadlines."
    public static let discussion = """
        Only after the defence period, or once the institution has stated its defence. The penalty is the notice's unless given, never \
        heavier than it (notify again for a heavier one), and needs a reason outside its benchmark range. The appeal deadlines are the \
        scheme's enforcement.appeal days from the decision.
        """
    public static let command = "penalty decide"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the notice with its decision: {…, decision: {on, penalty, amount, violation, reconsiderationBy, lawsuitBy}}"
    public static let example: JSONObject = ["actor": "administrator:wang", "notice": 1]

    public struct Input: Params {
        @Param("notice", "The notice's id.") public var notice: Int
        @Param("penalty", "The penalty decided, if not the one notified (never heavier).", .text(.id)) public var penalty: String?
        @Param("amount", "The payments concerned, in yuan, if not the notice's.") public var amount: Money?
        @Param("reason", "Why the penalty is outside its benchmark range, where it is.", .text(.note)) public var reason: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> PenaltyNoticeOutput {
        PenaltyNoticeOutput(notice: try context.services.enforcement.decide(input.notice, penalty: input.penalty, amount: input.amount,
                                                                            reason: input.reason, actor: context.actor, asOf: try context.day()))
    }
}

/// `violation.typical`: a decided violation marked as a typical case for publication.
public enum MarkTypicalCase: StoreOperation {
    public static let name = "violation.typical"
    public static let summary = "Mark a decided violation as a typical case for publication (典型案例), with its summary."
    public static let discussion = "The summary is published as given to every registered actor (disclosure.violations): it must name no person."
    public static let command = "violation typical"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the violation"
    public static let example: JSONObject = ["actor": "administrator:wang", "violation": 1, "summary": "hours billed twice over a month"]

    public struct Input: Params {
        @Param("violation", "The violation's id.") public var violation: Int
        @Param("summary", "The case as published: what happened and what was decided, naming no person.", .text(.note)) public var summary: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> ViolationOutput {
        ViolationOutput(violation: try context.services.enforcement.markTypical(violation: input.violation, summary: input.summary,
                                                                                actor: context.actor, asOf: try context.day()))
    }
}

/// `disclosure.violations`: decided violations, published.
public enum PublishedViolations: StoreOperation {
    public static let name = "disclosure.violations"
    public static let summary = "Decided violations, published to every registered actor: institution, type, decision and date, no personal data."
    public static let discussion = "--typical lists the typical cases only, with their summaries. A page may hold fewer than its limit and still have a next."
    public static let command = "disclosure violations"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{violations: [{id, institution, type, decision, date, typical}], next}"
    public static let example: JSONObject = ["actor": "institution:I002"]

    public struct Input: Params {
        @Param("typical", "Only the typical cases.", default: false) public var typical: Bool
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<EnforcementService.PublishedViolation> {
        Listing(try context.services.enforcement.publishedViolations(typicalOnly: input.typical, actor: context.actor, page: try input.page.request()))
    }
}

/// `disclosure.exits`: institutions' exits, published.
public enum PublishedExits: StoreOperation {
    public static let name = "disclosure.exits"
    public static let summary = "Agreements ended (institutions' exits), published to every registered actor: institution, ground and date."
    public static let discussion = "A page may hold fewer than its limit and still have a next."
    public static let command = "disclosure exits"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{exits: [{agreement, institution, type, decision, date}], next}"
    public static let example: JSONObject = ["actor": "institution:I002"]

    public struct Input: Params {
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<EnforcementService.PublishedExit> {
        Listing(try context.services.enforcement.publishedExits(actor: context.actor, page: try input.page.request()))
    }
}

/// `logs.selfReport`: an institution reports and refunds its own errors.
public enum SelfReportLogs: StoreOperation {
    public static let name = "logs.selfReport"
    public static let summary = "Report and refund an institution's own errors (自查自纠): the logs named are withdrawn, and the report is kept with its reason."
    public static let discussion = """
        The logs go back as logs.withdraw takes them (W01; what a settled month paid comes off the next statement). Only the \
        institution itself reports, as itself. A notice naming the report (penalty.notify selfReports) has its benchmark range moved \
        lighter, and each report gives credit back (enforcement.selfReport).
        """
    public static let command = "logs self-report"
    public static let access = AccessRule.record(roles: [.institution], rule: "the institution itself, of its own logs")
    public static let effect = OperationEffect.writes
    public static let result = "{selfReport: {id, institution, reportedOn, submission, withdrawn, refunded, reason}, report: the withdrawal's report}"
    public static let example: JSONObject = ["actor": "institution:I001", "logs": "log_id,institution,caregiver,person,item,start,end,mode\n",
                                             "reason": "two visits were billed twice"]

    public struct Input: Params {
        @Param("logs", "CSV with a header, or JSON Lines, naming the logs.") public var logs: TextDocument
        @Param("reason", "What was wrong with them.", .text(.note)) public var reason: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SelfReportOutput {
        let logs = input.logs.attachment
        let (report, made) = try context.services.intake.selfReport(LogInput(logs), size: logs.size, reason: input.reason, actor: context.actor,
                                                                    asOf: try context.day())
        return SelfReportOutput(selfReport: made, report: SubmissionOutput(report: report))
    }
}

/// A notice, as text: what it says and where it stands.
public struct PenaltyNoticeOutput: OperationOutput {
    public let notice: PenaltyNotice
    public var json: JSONValue { notice.json }
    public var text: String {
        var lines = ["penalty notice \(notice.id) to \(notice.institution), \(notice.notifiedOn): \(notice.type), \(notice.penalty)"
                     + (notice.amount == .zero ? "" : ", \(notice.amount)") + " — \(notice.status.rawValue)",
                     "  facts: \(notice.facts)", "  grounds: \(notice.grounds)"]
        if let range = notice.range {
            lines.append("  benchmark: \(range.severity), \(range.repeats) earlier, \(range.lightest) to \(range.heaviest)" + (range.mitigated ? " (self-reported)" : ""))
        }
        if let reason = notice.reason { lines.append("  outside the range because: \(reason)") }
        lines.append("  defence until \(notice.defenceUntil)")
        if let statement = notice.statement { lines.append("  statement \(statement.on): \(statement.text)") }
        if let decision = notice.decision {
            lines.append("  decided \(decision.on): \(decision.penalty)" + (decision.amount == .zero ? "" : ", \(decision.amount)")
                         + " (violation \(decision.violation)); reconsideration by \(decision.reconsiderationBy), lawsuit by \(decision.lawsuitBy)")
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema { EnforcementSchemas.notice }
}

/// A self-report with the withdrawal's report.
public struct SelfReportOutput: OperationOutput {
    public let selfReport: SelfReport
    public let report: SubmissionOutput
    public var json: JSONValue { ["selfReport": selfReport.json, "report": report.json] }
    public var text: String {
        "self-report \(selfReport.id) of \(selfReport.institution): \(selfReport.withdrawn) log\(selfReport.withdrawn == 1 ? "" : "s") withdrawn, "
            + "\(selfReport.refunded) refunded on the next statement\n" + report.text
    }
    public static var schema: JSONSchema {
        .object(["selfReport": EnforcementSchemas.selfReport, "report": SubmissionOutput.schema], required: ["selfReport", "report"])
    }
}

extension PenaltyNotice: Listable {
    public static let listName = "notices"
    public static var itemSchema: JSONSchema { EnforcementSchemas.notice }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ notices: [PenaltyNotice]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("TYPE", "类型"), ("PENALTY", "拟处理"), ("NOTIFIED", "告知"), ("DEFENCE UNTIL", "申辩期限"), ("STATUS", "状态")])
        for notice in notices {
            table.append([String(notice.id), notice.institution, notice.type, notice.decision?.penalty ?? notice.penalty, notice.notifiedOn.description,
                          notice.defenceUntil.description, notice.status.rawValue])
        }
        return table.rendered()
    }
}

extension EnforcementService.PublishedViolation: Listable {
    public static let listName = "violations"
    public static var itemSchema: JSONSchema { EnforcementSchemas.publishedViolation }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ items: [Self]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("TYPE", "类型"), ("DECISION", "处理"), ("DATE", "日期"), ("TYPICAL CASE", "典型案例")])
        for item in items {
            table.append([String(item.id), item.institution, item.type, item.penalty, item.decidedOn.description, item.typical ?? ""])
        }
        return table.rendered()
    }
}

extension EnforcementService.PublishedExit: Listable {
    public static let listName = "exits"
    public static var itemSchema: JSONSchema { EnforcementSchemas.publishedExit }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ items: [Self]) -> String {
        var table = TextTable()
        table.header([("AGREEMENT", "协议"), ("INSTITUTION", "机构"), ("GROUND", "原因"), ("DATE", "日期")])
        for item in items { table.append([item.agreement, item.institution, item.ground ?? "terminated", item.terminatedOn?.description ?? ""]) }
        return table.rendered()
    }
}

/// The schemas of due process and disclosure.
enum EnforcementSchemas {
    static let money = SupervisionSchemaParts.money
    static let date = RecordSchemas.date

    static let notice = JSONSchema.object([
        "id": .integer(), "institution": .string(), "caregiver": JSONSchema.string().orNull, "person": JSONSchema.integer().orNull,
        "type": .string(), "penalty": JSONSchema.string().describing("The penalty intended."), "amount": money, "foundOn": date,
        "facts": .string(), "grounds": .string(), "notifiedOn": date, "notifiedBy": .string(),
        "defenceUntil": date.describing("The last day of the defence period."), "selfReports": .array(.integer()),
        "range": JSONSchema.object(["severity": .string(), "repeats": .integer(minimum: 0), "lightest": .string(), "heaviest": .string(), "mitigated": .boolean],
                                   required: ["severity", "repeats", "lightest", "heaviest", "mitigated"]).orNull
            .describing("The discretion benchmark's range of penalties, moved lighter for a self-report."),
        "reason": JSONSchema.string().orNull, "status": .enumeration(["notified", "defended", "decided"]),
        "statement": JSONSchema.object(["text": .string(), "on": date, "by": .string()], required: ["text", "on", "by"]).orNull,
        "decision": JSONSchema.object([
            "on": date, "by": .string(), "penalty": .string(), "amount": money, "reason": JSONSchema.string().orNull, "violation": .integer(),
            "reconsiderationBy": date, "lawsuitBy": date,
        ], required: ["on", "by", "penalty", "amount", "reason", "violation", "reconsiderationBy", "lawsuitBy"]).orNull,
    ], required: ["id", "institution", "caregiver", "person", "type", "penalty", "amount", "foundOn", "facts", "grounds", "notifiedOn", "notifiedBy",
                  "defenceUntil", "selfReports", "range", "reason", "status", "statement", "decision"])

    static let selfReport = JSONSchema.object([
        "id": .integer(), "institution": .string(), "reportedOn": date, "submission": .integer(), "withdrawn": .integer(minimum: 0),
        "refunded": money.describing("What settled months had paid for the logs, recovered on the next statement."), "reason": .string(),
    ], required: ["id", "institution", "reportedOn", "submission", "withdrawn", "refunded", "reason"])

    static let publishedViolation = JSONSchema.object([
        "id": .integer(), "institution": .string(), "type": .string(), "decision": .string(), "date": date, "typical": JSONSchema.string().orNull,
    ], required: ["id", "institution", "type", "decision", "date", "typical"])

    static let publishedExit = JSONSchema.object([
        "agreement": .string(), "institution": .string(), "type": .string(), "decision": .string(), "date": date.orNull,
    ], required: ["agreement", "institution", "type", "decision", "date"])
}
