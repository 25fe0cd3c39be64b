import LTCCore

/// What became of a submission: counts, counts per rule, each rejected or
/// unreadable line with its reason, and the money of the accepted logs.
public struct SubmissionReport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var line: Int
        public var logID: String?
        public var rule: MonitoringRule
        public var detail: String

        /// `{line, logId, rule, detail}`, as `rejectedLines` lists it.
        public var json: JSONValue {
            ["line": .integer(line), "logId": logID.map(JSONValue.string) ?? .null, "rule": .string(rule.code), "detail": .string(detail)]
        }
    }

    public var submission: Int
    public var received: Int
    public var accepted: Int
    /// Logs sent again unchanged: not counted twice.
    public var unchanged: Int
    /// Logs sent again with changes (counted in accepted or rejected too).
    public var corrected: Int
    /// Rejected logs sent again unchanged, and so checked again: what refused
    /// them (an unregistered caregiver, a missing enrolment) may have been put
    /// right since (counted in accepted or rejected too).
    public var rechecked = 0
    /// Logs withdrawn (by ``IntakeService/withdraw(_:actor:asOf:)``): stored again as rejected, W01.
    public var withdrawn = 0
    public var rejected: [Line]
    public var billed: Money
    public var allowed: Money
    public var fund: Money
    /// Adjustments made for corrections of logs in settled months: what their
    /// statements paid for them and now take back (never what was withheld or
    /// held, ``SettledCorrection``).
    public var adjustments: Money
    /// Accepted logs picked for manual review (the scheme's sampling rate; higher under closer checks).
    public var sampled = 0
    /// Checked and not stored (`logs.check`): ``submission`` names nothing.
    public var dryRun = false

    public var byRule: [(rule: MonitoringRule, count: Int)] {
        MonitoringRule.allCases.compactMap { rule in
            let count = rejected.filter { $0.rule == rule }.count
            return count > 0 ? (rule, count) : nil
        }
    }

    public var json: JSONValue {
        var object = summaryJSON
        object.set("rejectedLines", .array(rejected.map(\.json)))
        return .object(object)
    }

    /// The report without its rejected lines: what ``json`` holds before `rejectedLines`.
    public var summaryJSON: JSONObject {
        var object: JSONObject = [
            "submission": dryRun ? .null : .integer(submission), "received": .integer(received), "accepted": .integer(accepted),
            "rejected": .integer(rejected.count), "unchanged": .integer(unchanged), "corrected": .integer(corrected),
            "rechecked": .integer(rechecked), "withdrawn": .integer(withdrawn), "sampled": .integer(sampled),
            "byRule": .array(byRule.map { ["rule": .string($0.rule.code), "explanation": .string($0.rule.explanation), "count": .integer($0.count)] }),
            "money": ["billed": billed.json, "allowed": allowed.json, "fund": fund.json, "adjustments": adjustments.json],
        ]
        if dryRun { object.set("dryRun", true) }
        return object
    }

    /// The report as people read it: counts, then rules, then up to `limit` rejected lines.
    public func text(limit: Int = 20) -> String {
        var lines = [(dryRun ? "checked, nothing stored (a dry run: logs submit stores it)" : "submission \(submission)") + ": \(received) received, \(accepted) accepted (\(sampled) picked for review), \(rejected.count) rejected, \(unchanged) unchanged, \(corrected) corrections"
                     + (rechecked == 0 ? "" : ", \(rechecked) rejected before and checked again")
                     + (withdrawn == 0 ? "" : ", \(withdrawn) withdrawn"),
                     "accepted services: billed \(billed), allowed \(allowed), fund \(fund)" + (adjustments == .zero ? "" : "; adjustments \(adjustments)")]
        for (rule, count) in byRule {
            lines.append("  \(rule.code)  \(String(count).padding(toLength: 8, withPad: " ", startingAt: 0))\(rule.explanation)")
        }
        for line in rejected.prefix(limit) {
            lines.append("  line \(line.line)\(line.logID.map { " (\($0))" } ?? ""): \(line.rule.code) \(line.detail)")
        }
        if rejected.count > limit { lines.append("  … and \(rejected.count - limit) more rejected lines (--json lists all)") }
        return lines.joined(separator: "\n")
    }
}
