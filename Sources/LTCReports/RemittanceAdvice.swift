import LTCCore
import LTCProviders

/// An institution's statement of a month as its clerk reconciles it (结算
/// 明细, a remittance advice): one line per accepted log with the fund's and
/// the person's shares, one per rejected log with the rule, the reason and
/// what to do about it, the subtotals by client, the adjustments carried,
/// and every amount kept back (withheld until the performance assessment,
/// held above the budget, other subsidies deducted) with the rule that set
/// it. Before the month is settled it shows what is accepted so far.
///
/// Logs are in natural order of their ids (`V2` before `V10`); clients by
/// person. The CSV tables carry no total row: the totals are in the text,
/// the JSON and the page, so that a column added up is the amount once.
///
/// ```swift
/// let advice = try RemittanceService(store: store).advice(institution: "I001", month: april, actor: clerk)
/// advice.text; advice.table("lines")?.text(); advice.html
/// ```
public struct RemittanceAdvice: Sendable {
    /// What one client's logs came to.
    public struct ClientTotal: Sendable, Equatable {
        public var person: Int
        public var accepted = 0
        public var rejected = 0
        public var billed = Money.zero
        public var allowed = Money.zero
        public var fund = Money.zero
        public var personal: Money { allowed - fund }

        public var json: JSONValue {
            ["person": .integer(person), "accepted": .integer(accepted), "rejected": .integer(rejected), "billed": billed.json,
             "allowed": allowed.json, "fund": fund.json, "personal": personal.json]
        }
    }

    /// An amount of the statement kept back or added, with the rule that set it.
    public struct Explanation: Sendable, Equatable {
        public var kind: String
        public var amount: Money
        public var text: String

        public var json: JSONValue { ["kind": .string(kind), "amount": amount.json, "text": .string(text)] }
    }

    public var institution: String
    public var institutionName: String?
    public var month: YearMonth
    /// The statement as settled; `nil` while the month is open.
    public var statement: Statement?
    public var settledOn: CalendarDate?
    public var accepted: [StoredLog]
    public var rejected: [StoredLog]
    /// Adjustments the month's statement carried (open month: those the next settlement will carry).
    public var adjustments: [SettlementAdjustment]
    /// The rules behind the amounts kept back, from the scheme in force at the month's end.
    public var withholding: Ratio?
    public var release: [String]
    public var paidAboveBudget: Ratio?

    public init(institution: String, institutionName: String?, month: YearMonth, statement: Statement?, settledOn: CalendarDate?,
                logs: [StoredLog], adjustments: [SettlementAdjustment], withholding: Ratio?, release: [String], paidAboveBudget: Ratio?) {
        self.institution = institution
        self.institutionName = institutionName
        self.month = month
        self.statement = statement
        self.settledOn = settledOn
        let ordered = logs.sorted { NaturalOrder.less($0.log.logID, $1.log.logID) }
        accepted = ordered.filter { $0.status == .accepted }
        rejected = ordered.filter { $0.status == .rejected }
        self.adjustments = adjustments.sorted { ($0.serviceMonth, $0.id) < ($1.serviceMonth, $1.id) }
        self.withholding = withholding
        self.release = release
        self.paidAboveBudget = paidAboveBudget
    }

    public var settled: Bool { statement != nil }

    /// Per person, in the order of their ids.
    public var clients: [ClientTotal] {
        var totals: [Int: ClientTotal] = [:]
        for stored in accepted {
            var total = totals[stored.log.person] ?? ClientTotal(person: stored.log.person)
            total.accepted += 1
            if let money = stored.money {
                total.billed += money.billed
                total.allowed += money.allowed
                total.fund += money.fund
            }
            totals[stored.log.person] = total
        }
        for stored in rejected { totals[stored.log.person, default: ClientTotal(person: stored.log.person)].rejected += 1 }
        return totals.keys.sorted().map { totals[$0]! }
    }

    /// The accepted logs' money added up.
    public var acceptedTotal: ClientTotal {
        clients.reduce(into: ClientTotal(person: 0)) { sum, client in
            sum.accepted += client.accepted
            sum.rejected += client.rejected
            sum.billed += client.billed
            sum.allowed += client.allowed
            sum.fund += client.fund
        }
    }

    public var adjustmentTotal: Money { adjustments.reduce(.zero) { $0 + $1.amount } }

    /// Each amount kept back or added, and why.
    public var explanations: [Explanation] {
        guard let statement else { return [] }
        var found: [Explanation] = []
        if statement.adjustments != .zero {
            found.append(Explanation(kind: "adjustments", amount: statement.adjustments,
                                     text: "adjustments \(statement.adjustments.grouped): corrections and withdrawals of logs of settled months, services after a case ended, and penalties, each listed below with its reason"))
        }
        if statement.withheld != .zero {
            let share = withholding.map { "\($0) of " } ?? ""
            let released = release.isEmpty ? "" : "; a rating of \(release.joined(separator: " or ")) releases it"
            found.append(Explanation(kind: "withheld", amount: statement.withheld,
                                     text: "withheld \(statement.withheld.grouped): \(share)the fund share \(statement.fund.grouped), kept back by the scheme's performance assessment (supervision.assessment.withholding) until \(institution) is rated\(released)"))
        }
        if statement.heldAboveBudget != .zero {
            let budget = statement.budget.map { " of \($0.grouped)" } ?? ""
            let used = statement.usedThisYear.map { "the year's use \($0.grouped) passed the budget\(budget); " } ?? ""
            let paid = paidAboveBudget.map { "of this month's use above it \($0) is paid and " } ?? ""
            found.append(Explanation(kind: "heldAboveBudget", amount: statement.heldAboveBudget,
                                     text: "held above the budget \(statement.heldAboveBudget.grouped): \(used)\(paid)the rest is held for the year-end review (the scheme's budget.paidAboveBudget)"))
        } else if let warning = statement.warning, let budget = statement.budget {
            found.append(Explanation(kind: "budgetWarning", amount: .zero,
                                     text: "the year's use \((statement.usedThisYear ?? .zero).grouped) reached \(warning) of the budget \(budget.grouped): nothing is held yet"))
        }
        if statement.subsidiesDeducted != .zero {
            found.append(Explanation(kind: "subsidiesDeducted", amount: statement.subsidiesDeducted,
                                     text: "other subsidies deducted \(statement.subsidiesDeducted.grouped): subsidies your clients hold that are deducted from LTCI and their cash did not cover; the clients pay this part"))
        }
        return found
    }

    // MARK: Tables

    /// The names of the CSV tables, in order.
    public static let tableNames = ["lines", "clients", "adjustments"]

    /// One table of ``tableNames`` as CSV: numbers as numbers, no total row.
    public func table(_ name: String) -> CSVTable? {
        switch name {
        case "lines":
            var table = CSVTable(header: ["log_id", "day", "person", "item", "caregiver", "start", "end", "status", "rule", "reason", "what_to_do",
                                          "billed", "allowed", "fund", "personal"])
            for stored in accepted + rejected {
                let log = stored.log, money = stored.money
                table.append([.text(log.logID), .text(log.day.description), .number(String(log.person)), .text(log.item), .text(log.caregiver),
                              .text(log.start.description), .text(log.end.description), .text(stored.status.rawValue),
                              .text(stored.rule?.code ?? ""), .text(stored.detail ?? ""), .text(stored.rule?.remedy ?? ""),
                              .number((money?.billed ?? .zero).description), .number((money?.allowed ?? .zero).description),
                              .number((money?.fund ?? .zero).description), .number((money?.personal ?? .zero).description)])
            }
            return table
        case "clients":
            var table = CSVTable(header: ["person", "accepted", "rejected", "billed", "allowed", "fund", "personal"])
            for client in clients {
                table.append([.number(String(client.person)), .number(String(client.accepted)), .number(String(client.rejected)),
                              .number(client.billed.description), .number(client.allowed.description), .number(client.fund.description),
                              .number(client.personal.description)])
            }
            return table
        case "adjustments":
            var table = CSVTable(header: ["id", "log_id", "service_month", "amount", "reason"])
            for adjustment in adjustments {
                table.append([.number(String(adjustment.id)), .text(adjustment.logID), .text(adjustment.serviceMonth.description),
                              .number(adjustment.amount.description), .text(adjustment.reason)])
            }
            return table
        default:
            return nil
        }
    }

    // MARK: JSON

    public var json: JSONValue {
        let total = acceptedTotal
        func line(_ stored: StoredLog) -> JSONValue {
            let log = stored.log
            var object: JSONObject = ["logId": .string(log.logID), "day": .string(log.day.description), "person": .integer(log.person),
                                      "item": .string(log.item), "caregiver": .string(log.caregiver), "start": .string(log.start.description),
                                      "end": .string(log.end.description)]
            if let money = stored.money {
                object.set("billed", money.billed.json)
                object.set("allowed", money.allowed.json)
                object.set("fund", money.fund.json)
                object.set("personal", money.personal.json)
            }
            if let rule = stored.rule {
                object.set("rule", .string(rule.code))
                object.set("reason", .string(stored.detail ?? rule.explanation))
                object.set("whatToDo", .string(rule.remedy))
            }
            return .object(object)
        }
        return [
            "institution": .string(institution), "name": institutionName.map(JSONValue.string) ?? .null, "month": .string(month.description),
            "settled": .bool(settled), "settledOn": settledOn.map { .string($0.description) } ?? .null,
            "statement": statement?.json ?? .null,
            "totals": ["accepted": .integer(total.accepted), "rejected": .integer(rejected.count), "billed": total.billed.json,
                       "allowed": total.allowed.json, "fund": total.fund.json, "personal": total.personal.json,
                       "adjustments": adjustmentTotal.json],
            "explanations": .array(explanations.map(\.json)),
            "clients": .array(clients.map(\.json)),
            "accepted": .array(accepted.map(line)),
            "rejected": .array(rejected.map(line)),
            "adjustments": .array(adjustments.map(\.json)),
        ]
    }
}
