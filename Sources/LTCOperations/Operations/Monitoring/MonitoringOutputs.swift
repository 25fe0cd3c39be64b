import LTCCore
import LTCProviders

extension RecordSchemas {
    /// A monitoring flag with its review.
    public static let flag = JSONSchema.object([
        "id": .integer(), "month": .string(), "rule": .enumeration(MonitorRule.allCases.map(\.rawValue)), "summary": .string(),
        "subject": JSONSchema.string().describing("assessor:ID, institution:ID, caregiver:INSTITUTION/ID, caregivers:…, person:ID, location:LAT,LON or stay:ID"),
        "institution": JSONSchema.string().orNull, "figures": JSONSchema.any.describing("The rule's figures: counts, shares, the statistic and its threshold."),
        "items": JSONSchema.integer().describing("How many cases, logs, stays or clients are behind it (monitor.flag lists them)."),
        "foundOn": RecordSchemas.date,
        "review": .object([
            "status": .enumeration(MonitorFlag.Status.allCases.map(\.rawValue)), "assignee": JSONSchema.string().orNull,
            "resolvedOn": RecordSchemas.date.orNull, "resolvedBy": JSONSchema.string().orNull, "reason": JSONSchema.string().orNull,
            "violation": JSONSchema.integer().orNull,
        ], required: ["status", "assignee", "resolvedOn", "resolvedBy", "reason", "violation"]),
    ], required: ["id", "month", "rule", "summary", "subject", "institution", "figures", "items", "foundOn", "review"])

    public static let stay = JSONSchema.object([
        "id": .integer(), "person": .integer(), "hospital": .string(), "admitted": RecordSchemas.date, "discharged": RecordSchemas.date,
        "recordedOn": RecordSchemas.date,
    ], required: ["id", "person", "hospital", "admitted", "discharged", "recordedOn"])
}

extension MonitorFlag: Listable {
    public static let listName = "flags"
    public static var itemSchema: JSONSchema { RecordSchemas.flag }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ flags: [MonitorFlag]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("MONTH", "月份"), ("RULE", "规则"), ("SUBJECT", "对象"), ("ITEMS", "明细"), ("REVIEW", "复核")])
        for flag in flags {
            table.append([String(flag.id), flag.month.description, flag.rule.rawValue, flag.subject, String(flag.items),
                          flag.status.rawValue + (flag.assignee.map { " (\($0))" } ?? "")])
        }
        return table.rendered()
    }

    /// The figures as `name value` pairs on one line.
    var figuresLine: String {
        figures.map { "\($0.key) \(JSONText.plain($0.value))" }.joined(separator: ", ")
    }
}

/// What a monitoring run stored.
public struct MonitorRunOutput: OperationOutput {
    public let run: MonitoringService.Run
    public var json: JSONValue {
        ["month": .string(run.month.description), "scheme": .string(run.scheme), "flags": .array(run.flags.map(\.json)),
         "alreadyFlagged": .integer(run.alreadyFlagged)]
    }
    public var text: String {
        var lines = ["\(run.month): \(run.flags.count) new flag\(run.flags.count == 1 ? "" : "s")"
                     + (run.alreadyFlagged > 0 ? ", \(run.alreadyFlagged) already flagged" : "") + " (thresholds of \(run.scheme))"]
        for flag in run.flags {
            lines.append("  \(flag.id)  \(flag.rule.rawValue)  \(flag.subject): \(flag.figuresLine)")
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema {
        .object(["month": .string(), "scheme": .string(), "flags": .array(RecordSchemas.flag), "alreadyFlagged": .integer()],
                required: ["month", "scheme", "flags", "alreadyFlagged"])
    }
}

/// A flag, and where asked a page of its items.
public struct FlagOutput: OperationOutput {
    public let flag: MonitorFlag
    public let items: Page<FlagItem, Int>?
    public var json: JSONValue {
        guard let items else { return flag.json }
        return ["flag": flag.json, "items": .array(items.items.map(\.json)), "next": items.next.map(JSONValue.integer) ?? .null]
    }
    public var text: String {
        var lines = ["flag \(flag.id): \(flag.rule.rawValue), \(flag.subject) in \(flag.month) — \(flag.rule.summary)", "  \(flag.figuresLine)",
                     "  review: \(flag.status.rawValue)" + (flag.assignee.map { ", assigned to \($0)" } ?? "")
                        + (flag.resolvedBy.map { ", resolved by \($0) on \(flag.resolvedOn?.description ?? "")" } ?? "")
                        + (flag.reason.map { ": \($0)" } ?? "") + (flag.violation.map { " (violation \($0))" } ?? "")]
        if let items {
            lines += items.items.map { "  \($0.kind.rawValue) \($0.reference)" }
            if let next = items.next { lines.append("(more: --after \(next))") }
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema {
        .oneOf([RecordSchemas.flag,
                .object(["flag": RecordSchemas.flag, "items": .array(.object(["kind": .enumeration(["log", "case", "stay", "person"]), "ref": .string()],
                                                                             required: ["kind", "ref"])),
                         "next": JSONSchema.integer().orNull], required: ["flag", "items", "next"])])
    }
}

/// Stays imported, and what was recovered for services of settled months on their days.
public struct StayImportOutput: OperationOutput {
    public let result: StayImport
    var total: Money { result.recoveries.reduce(Money.zero) { $0 + $1.amount } }
    public var json: JSONValue {
        ["stays": .array(result.stays.map(\.json)), "recovered": .array(result.recoveries.map(\.json)), "total": total.json]
    }
    public var text: String {
        var lines = ["\(result.stays.count) stay\(result.stays.count == 1 ? "" : "s") recorded"]
        if !result.recoveries.isEmpty {
            lines.append("\(result.recoveries.count) service\(result.recoveries.count == 1 ? "" : "s") of settled months withdrawn: \(total) on the next statements")
        }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema {
        .object(["stays": .array(RecordSchemas.stay), "recovered": .array(RecordSchemas.adjustment), "total": SupervisionSchemaParts.money],
                required: ["stays", "recovered", "total"])
    }
}
