import LTCCases
import LTCCore
import LTCProviders

/// `logs.submit`: service logs checked and stored in one transaction.
public enum SubmitLogs: StoreOperation {
    public static let name = "logs.submit"
    public static let summary = "Check and store service logs (CSV with a header, or JSON Lines) in one transaction."
    public static let discussion = "CSV columns: log_id,institution,caregiver,person,item,start,end,mode[,latitude,longitude]; times as 2026-04-06T09:00. The whole submission is one transaction; sending it again does not count logs twice, and changed logs are corrections. The report says which logs were rejected, by which rule; input that cannot be read as logs at all is refused, and nothing is stored."
    public static let access = AccessRule.permission(.submitLogs)
    public static let effect = OperationEffect.writes
    public static let result = "{submission, received, accepted, rejected, unchanged, corrected, rechecked, withdrawn, sampled, byRule, money, rejectedLines}"
    public static let example: JSONObject = ["actor": "institution:I001", "logs": "log_id,institution,caregiver,person,item,start,end,mode\n"]
    /// It checks its actor in the submission's transaction: a credential revoked while an upload arrives stores nothing.
    public static let checksActorInItsTransaction = true

    public struct Input: Params {
        @Param("logs", "The logs as text: CSV (log_id,institution,caregiver,person,item,start,end,mode[,latitude,longitude]) or JSON Lines.")
        public var logs: TextDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SubmissionOutput {
        // A file is read a block at a time, never held whole.
        let logs = input.logs.attachment
        // Undated (asOf nil), today is read in the submission's own transaction rather than in one before it.
        return SubmissionOutput(report: try context.services.intake.submit(LogInput(logs), size: logs.size, actor: context.actor,
                                                                           asOf: context.asOf, admit: context.actorCheck, progress: logs.progress))
    }
}

/// `logs.withdraw`: accepted logs taken back.
public enum WithdrawLogs: StoreOperation {
    public static let name = "logs.withdraw"
    public static let summary = "Withdraw accepted logs, named by log id and institution in the format of logs.submit: each is stored again as rejected (W01), and what it was paid in a settled month is recovered on the next statement."
    public static let discussion = "The lines as they were sent will do. A log of a settled month cannot be moved to another month by a correction (T04): withdraw it, then send the service as a new log. One transaction; the report lists log ids with no accepted log to withdraw."
    public static let access = AccessRule.permission(.submitLogs)
    public static let effect = OperationEffect.writes
    public static let result = "{submission, received, withdrawn, rejected, byRule, money, rejectedLines}"
    public static let example: JSONObject = ["actor": "institution:I001", "logs": "log_id,institution,caregiver,person,item,start,end,mode\n"]

    public struct Input: Params {
        @Param("logs", "CSV with a header, or JSON Lines, naming the logs.") public var logs: TextDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SubmissionOutput {
        let logs = input.logs.attachment
        return SubmissionOutput(report: try context.services.intake.withdraw(LogInput(logs), size: logs.size, actor: context.actor,
                                                                             asOf: try context.day()))
    }
}

extension LogInput {
    /// The input of a submission that came as a param or a file.
    init(_ attachment: Attachment) {
        switch attachment.source {
        case .bytes(let bytes): self = .bytes(bytes)
        case .descriptor(let descriptor): self = .descriptor(descriptor)
        }
    }
}

/// `logs.list`: an institution's logs of a month as stored.
public enum ListLogs: StoreOperation {
    public static let name = "logs.list"
    public static let summary = "An institution's logs of a month as stored (the current version of each), by log id, a page at a time; only the accepted or the rejected ones, or those of one rule, where asked."
    public static let discussion = "Each log's current version with its outcome: accepted with its money, or the rule that rejected it."
    public static let access = AccessRule.record(roles: [.administrator, .auditor, .institution], rule: "an institution reads its own")
    public static let effect = OperationEffect.reads
    public static let result = "{logs: [{logId, institution, caregiver, person, item, start, end, mode, location, version, status, rule, detail, money, submission, sampled}], next}"
    public static let example: JSONObject = ["actor": "institution:I001", "institution": "I001", "month": "2026-04", "limit": 100]

    public struct Input: Params {
        @Param("institution", "The institution id (an institution: its own, the default).", .text(.id)) public var institution: String?
        @Param("month", "The month of service.") public var month: YearMonth
        @Param("status", "Only the logs accepted, or only those rejected.") public var status: StoredLog.Status?
        @Param("rule", "Only the logs rejected by this rule, e.g. E01.") public var rule: MonitoringRule?
        @ParamGroup public var page: PageParams<String>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<StoredLog> {
        guard let institution = input.institution ?? (context.actor.role == .institution ? context.actor.id : nil) else {
            throw CaseError(.invalidInput, "name the institution whose logs to list (institution)")
        }
        return Listing(try context.services.intake.logs(institution: institution, month: input.month, status: input.status, rule: input.rule,
                                                        actor: context.actor, page: try input.page.request()))
    }
}

/// `logs.template`: a logs file to start from, built from the institution's clients and caregivers.
public enum LogsTemplate: StoreOperation {
    public static let name = "logs.template"
    public static let summary = "A logs file to start from: the CSV header and an example line that intake would accept, built from the institution's clients, their modes and plans, and its caregivers; and the clients enrolled that day."
    public static let discussion = "The example is dated today (an administrator's asOf), ending at the last full hour that has passed, with an item of the client's care plan and a caregiver employed that day who holds a qualification the item needs. With clients, one example line per client enrolled that day."
    public static let access = AccessRule.record(roles: [.administrator, .auditor, .institution], rule: "an institution its own")
    public static let effect = OperationEffect.reads
    public static let result = "{institution, day, header, csv, lines, clients: [{case, person, mode, enrolledFrom, planned, weeklyMinutes, weeklyVisits}], missing}"
    public static let example: JSONObject = ["actor": "institution:I001", "institution": "I001"]

    public struct Input: Params {
        @Param("institution", "The institution (an institution: its own, the default).", .text(.id)) public var institution: String?
        @Param("clients", "One example line per client enrolled that day (default: the first client's only).") public var clients: Bool?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> LogTemplateOutput {
        guard let institution = input.institution ?? (context.actor.role == .institution ? context.actor.id : nil) else {
            throw CaseError(.invalidInput, "name the institution whose logs file to start (institution)")
        }
        return LogTemplateOutput(template: try context.services.intake.template(institution: institution, allClients: input.clients ?? false,
                                                                                actor: context.actor, on: try context.day()))
    }
}

/// `logs.check`: a submission checked as `logs.submit` would, stored nowhere.
public enum CheckLogs: StoreOperation {
    public static let name = "logs.check"
    public static let summary = "Check service logs exactly as logs.submit would, and store nothing: the same report, as a dry run."
    public static let discussion = "Every rule is checked against what is stored now, in the order of logs.submit, inside a transaction that is then rolled back: no log, submission or audit event is kept, and sending the file with logs.submit afterwards gives the same report (unless something changed in between)."
    public static let access = AccessRule.permission(.submitLogs)
    public static let effect = OperationEffect.reads
    public static let result = "{submission: null, dryRun: true, received, accepted, rejected, unchanged, corrected, rechecked, withdrawn, sampled, byRule, money, rejectedLines}"
    public static let example: JSONObject = ["actor": "institution:I001", "logs": "log_id,institution,caregiver,person,item,start,end,mode\n"]

    public struct Input: Params {
        @Param("logs", "The logs as text, as for logs.submit.") public var logs: TextDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SubmissionOutput {
        let logs = input.logs.attachment
        return SubmissionOutput(report: try context.services.intake.check(LogInput(logs), size: logs.size, actor: context.actor,
                                                                          asOf: try context.day(), progress: logs.progress))
    }
}

/// A logs file to start from (``LogTemplate``): as text, the file itself.
public struct LogTemplateOutput: OperationOutput {
    public let template: LogTemplate
    public var json: JSONValue { template.json }
    public var text: String { String(template.csv.dropLast()) }
    public static var schema: JSONSchema { RecordSchemas.logTemplate }
}

/// `logs.submissions`: the submissions the actor may see.
public enum ListSubmissions: StoreOperation {
    public static let name = "logs.submissions"
    public static let summary = "The submissions of service logs the actor may see (an institution its own), by number, a page at a time."
    public static let discussion = "An institution lists its own; administrators and auditors every institution's, or one's with institution."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{submissions: [{id, institution, actor, asOf, recordedAt, summary}], next}"
    public static let example: JSONObject = ["actor": "institution:I001", "limit": 20]

    public struct Input: Params {
        @Param("institution", "Only this institution's.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<Submission> {
        Listing(try context.services.intake.submissions(institution: input.institution, actor: context.actor, page: try input.page.request()))
    }
}

/// The report of a submission or a withdrawal.
public struct SubmissionOutput: OperationOutput {
    public let report: SubmissionReport
    public var json: JSONValue { report.json }
    public var text: String { report.text() }
    public static var schema: JSONSchema { RecordSchemas.submissionReport }
}

extension StoredLog: Listable {
    public static let listName = "logs"
    public static var itemSchema: JSONSchema { RecordSchemas.storedLog }
    public static func cursorJSON(_ cursor: String) -> JSONValue { .string(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ logs: [StoredLog]) -> String {
        var table = TextTable()
        table.header([("LOG", "日志"), ("CAREGIVER", "护理员"), ("PERSON", "参保人"), ("ITEM", "项目"), ("START", "开始"), ("END", "结束"), ("STATUS", "状态"), ("FUND", "基金支付")])
        for stored in logs {
            let log = stored.log
            table.append([log.logID, log.caregiver, String(log.person), log.item, log.start.description, log.end.description,
                          stored.rule.map { "rejected \($0.code)" } ?? "accepted", stored.money.map { "\($0.fund)" } ?? ""])
        }
        return table.rendered()
    }
}

extension Submission: Listable {
    public static let listName = "submissions"
    public static var itemSchema: JSONSchema { RecordSchemas.submission }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ submissions: [Submission]) -> String {
        var table = TextTable()
        table.header([("SUBMISSION", "批次"), ("INSTITUTION", "机构"), ("ACTOR", "操作人"), ("AS OF", "业务日"), ("RECORDED (UTC)", "记录时间"), ("RECEIVED", "收到"), ("ACCEPTED", "通过"), ("REJECTED", "拒付")])
        for submission in submissions {
            let count = { (key: String) in submission.summary[key]?.intValue.map(String.init) ?? "" }
            table.append([String(submission.id), submission.institution ?? "(several)", submission.actor, submission.asOf.description,
                          submission.recordedAt, count("received"), count("accepted"), count("rejected")])
        }
        return table.rendered()
    }
}
