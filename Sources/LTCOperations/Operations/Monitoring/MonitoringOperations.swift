import LTCCases
import LTCCore
import LTCProviders

/// Monitoring across time: the run, the flags, their reviews and in-patient stays.
enum MonitoringOperations {
    static var entries: [CatalogueEntry] {
        [
            CatalogueEntry(RunMonitoring.self), CatalogueEntry(ListFlags.self), CatalogueEntry(ShowFlag.self), CatalogueEntry(AssignFlag.self),
            CatalogueEntry(ResolveFlag.self), CatalogueEntry(ImportStays.self),
        ]
    }
}

extension MonitorRule: ParamEnum {}
extension MonitorFlag.Status: ParamEnum {}

/// How a review ends.
public enum FlagDecision: String, ParamEnum {
    case confirm, dismiss
}

/// `monitor.run`: the monitoring rules over a month of stored data.
public enum RunMonitoring: StoreOperation {
    public static let name = "monitor.run"
    public static let summary = "Run the monitoring rules over a month of stored data and store what they flag."
    public static let discussion = """
        The rules look across the month's accepted logs, determinations, audit findings and in-patient stays: assessors whose \
        share of severe grades departs from their peers' or whose audited grades were lowered too often; institutions whose \
        minutes per client, visits per caregiver and day, or visits starting at the same minute are outliers; one check-in \
        point for different clients; a caregiver's consecutive visits too far apart for the gap; a client's minutes jumping \
        after a change of institution; a caregiver serving two institutions on one day; services during an in-patient stay. \
        The thresholds are the scheme's monitoring.analytics (docs/supervision.md). Running a month again adds only new flags.
        """
    public static let command = "monitor"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "{month, scheme, flags: [...], alreadyFlagged}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The month of service.") public var month: YearMonth
        @Param("scheme", "The scheme whose thresholds apply (default: the one in force with monitoring.analytics).", .text(.id)) public var scheme: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> MonitorRunOutput {
        MonitorRunOutput(run: try context.services.monitoring.run(month: input.month, schemeID: input.scheme, actor: context.actor, asOf: try context.day()))
    }
}

/// `monitor.flags`: the stored flags, a page at a time.
public enum ListFlags: StoreOperation {
    public static let name = "monitor.flags"
    public static let summary = "Monitoring flags by id, a page at a time, of a month, rule, review status or institution where asked."
    public static let discussion = "Administrators and auditors read flags; institutions do not."
    public static let command = "flags list"
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{flags: [{id, month, rule, summary, subject, institution, figures, items, foundOn, review}], next}"
    public static let example: JSONObject = ["actor": "auditor:zhao", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "Only this month's flags.") public var month: YearMonth?
        @Param("rule", "Only this rule's flags.") public var rule: MonitorRule?
        @Param("status", "Only flags whose review is open, assigned, confirmed or dismissed.") public var status: MonitorFlag.Status?
        @Param("institution", "Only flags about this institution.", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<MonitorFlag> {
        Listing(try context.services.monitoring.flags(FlagFilter(month: input.month, rule: input.rule, status: input.status, institution: input.institution),
                                                      actor: context.actor, page: try input.page.request()))
    }
}

/// `monitor.flag`: one flag with a page of the cases or logs behind it.
public enum ShowFlag: StoreOperation {
    public static let name = "monitor.flag"
    public static let summary = "A monitoring flag with its figures, its review and the cases, logs or stays behind it, a page at a time."
    public static let discussion = "Items are listed in order; `after` is the position of the last one read."
    public static let command = "flags show"
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{flag, items: [{kind, ref}], next}"
    public static let example: JSONObject = ["actor": "auditor:zhao", "flag": 1]

    public struct Input: Params {
        @Param("flag", "The flag's id.") public var flag: Int
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> FlagOutput {
        let (flag, items) = try context.services.monitoring.flag(id: input.flag, actor: context.actor, page: try input.page.request())
        return FlagOutput(flag: flag, items: items)
    }
}

/// `monitor.assign`: a flag's review given to a member of staff.
public enum AssignFlag: StoreOperation {
    public static let name = "monitor.assign"
    public static let summary = "Open a flag's review by assigning it to a member of staff."
    public static let discussion = "The assignee is an administrator or auditor of the staff registry, as administrator:ID or auditor:ID. A review not yet resolved may be given to another."
    public static let command = "flags assign"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the flag with its review"
    public static let example: JSONObject = ["actor": "administrator:wang", "flag": 1, "to": "administrator:li"]

    public struct Input: Params {
        @Param("flag", "The flag's id.") public var flag: Int
        @Param("to", "The member of staff, as administrator:ID or auditor:ID.", .text(.id)) public var to: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> FlagOutput {
        FlagOutput(flag: try context.services.monitoring.assign(flag: input.flag, to: input.to, actor: context.actor, asOf: try context.day()), items: nil)
    }
}

/// `monitor.resolve`: a review ended, confirmed with a violation or dismissed.
public enum ResolveFlag: StoreOperation {
    public static let name = "monitor.resolve"
    public static let summary = "Resolve an assigned flag: confirm it (a violation is recorded and its penalty applied) or dismiss it, with the reason."
    public static let discussion = """
        To confirm, give the violation type and penalty as for violation.record; the violation is recorded against the flag's \
        institution, or the one given where the flag names none or several. The violation's evidence names the flag.
        """
    public static let command = "flags resolve"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "the flag with its review (the violation's id when confirmed)"
    public static let example: JSONObject = ["actor": "administrator:wang", "flag": 1, "decision": "dismiss", "reason": "a day-care centre's shared address"]

    public struct Input: Params {
        @Param("flag", "The flag's id.") public var flag: Int
        @Param("decision", "confirm or dismiss.") public var decision: FlagDecision
        @Param("reason", "Why: what the review found.", .text(.note)) public var reason: String
        @Param("type", "To confirm: the violation type, a code of the scheme's negative list.", .text(.id)) public var type: String?
        @Param("penalty", "To confirm: the penalty, one the negative list allows for the type.", .text(.id)) public var penalty: String?
        @Param("amount", "To confirm: the payments concerned, in yuan.", default: 0) public var amount: Money
        @Param("institution", "To confirm: the institution, where the flag names none or several.", .text(.id)) public var institution: String?
        @Param("caregiver", "To confirm: the caregiver concerned, if any.", .text(.id)) public var caregiver: String?
        @Param("person", "To confirm: the insured person concerned, if any.") public var person: Int?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> FlagOutput {
        let day = try context.day()
        let monitoring = context.services.monitoring
        switch input.decision {
        case .dismiss:
            return FlagOutput(flag: try monitoring.dismiss(flag: input.flag, reason: input.reason, actor: context.actor, asOf: day), items: nil)
        case .confirm:
            guard let type = input.type, let penalty = input.penalty else {
                throw InputError(source: input.type == nil ? "type" : "penalty", message: "a confirmed flag records a violation: give its type and penalty")
            }
            return FlagOutput(flag: try monitoring.confirm(flag: input.flag, reason: input.reason, institution: input.institution, type: type,
                                                           penalty: penalty, amount: input.amount, caregiver: input.caregiver, person: input.person,
                                                           actor: context.actor, asOf: day), items: nil)
        }
    }
}

/// `stays.import`: in-patient stays from a CSV file.
public enum ImportStays: StoreOperation {
    public static let name = "stays.import"
    public static let summary = "Import in-patient stays (CSV: person,hospital,admitted,discharged); services of settled months during a stay are withdrawn and what was paid recovered on the next statement."
    public static let discussion = """
        Dates as 2026-04-06; a hospital at most 100 characters; at most 10,000 stays a file. Every problem is reported with its \
        line and nothing is stored from a file with one. A stay already stored (same person, hospital and admission) is kept \
        as it is. Services on the days strictly between admission and discharge of months already settled are withdrawn (W01), \
        which recovers what the month paid through the next statement; those of open months are left to monitor.run.
        """
    public static let command = "stays import"
    public static let access = AccessRule.permission(.supervise)
    public static let effect = OperationEffect.writes
    public static let result = "{stays: [...], recovered: [adjustments], total}"
    public static let example: JSONObject = ["actor": "administrator:wang", "stays": "person,hospital,admitted,discharged\n1,市第一人民医院,2026-04-10,2026-04-20\n"]

    public struct Input: Params {
        @Param("stays", "The stays as CSV with the header person,hospital,admitted,discharged.") public var stays: TextDocument
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> StayImportOutput {
        StayImportOutput(result: try context.services.monitoring.importStays(try input.stays.attachment.bytes(), actor: context.actor,
                                                                             asOf: try context.day()))
    }
}
