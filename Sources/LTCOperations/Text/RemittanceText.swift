import LTCCore
import LTCProviders
import LTCReports

/// An institution's statement of a month as its clerk reads it on a
/// terminal: the amounts and why any was kept back, then the clients'
/// subtotals (with a total row: text, unlike CSV, is read, not summed), the
/// accepted logs, the rejected ones with what to do, and the adjustments.
public enum RemittanceText {
    public static func text(_ advice: RemittanceAdvice) -> String {
        let total = advice.acceptedTotal
        var lines = ["statement 结算明细 \(advice.institution)" + (advice.institutionName.map { " \($0)" } ?? "") + ", \(advice.month): "
                     + (advice.settledOn.map { "settled \($0)" } ?? "not settled yet (the services accepted so far; withholding, budgets and adjustments are set at settlement)")]
        lines.append("\(total.accepted) accepted: billed \(total.billed.grouped), allowed \(total.allowed.grouped), fund share \(total.fund.grouped), personal \(total.personal.grouped); \(advice.rejected.count) rejected")
        if let statement = advice.statement {
            lines.append("fund share \(statement.fund.grouped) + adjustments \(statement.adjustments.grouped) − withheld \(statement.withheld.grouped)"
                         + (statement.heldAboveBudget == .zero ? "" : " − held above the budget \(statement.heldAboveBudget.grouped)")
                         + (statement.subsidiesDeducted == .zero ? "" : " − other subsidies deducted \(statement.subsidiesDeducted.grouped)")
                         + " = payable \(statement.payable.grouped)")
        }
        if !advice.explanations.isEmpty {
            lines += ["", "Why 说明"] + advice.explanations.map { "  " + $0.text }
        }
        var clients = TextTable(rightAligned: Set(1...6))
        clients.header([("PERSON", "参保人"), ("ACCEPTED", "通过"), ("REJECTED", "拒付"), ("BILLED", "申报"), ("ALLOWED", "核定"),
                        ("FUND SHARE", "基金支付"), ("PERSONAL", "个人负担")])
        for client in advice.clients {
            clients.append([String(client.person), String(client.accepted), String(client.rejected), client.billed.grouped, client.allowed.grouped,
                            client.fund.grouped, client.personal.grouped])
        }
        clients.append(["TOTAL 合计", String(total.accepted), String(advice.rejected.count), total.billed.grouped, total.allowed.grouped,
                        total.fund.grouped, total.personal.grouped])
        lines += ["", "By client 按参保人", clients.rendered(indent: "  ")]
        var accepted = TextTable(rightAligned: [5, 6, 7])
        accepted.header([("LOG", "日志"), ("DAY", "日期"), ("PERSON", "参保人"), ("ITEM", "项目"), ("CAREGIVER", "护理员"),
                         ("BILLED", "申报"), ("FUND SHARE", "基金支付"), ("PERSONAL", "个人负担")])
        for stored in advice.accepted {
            let log = stored.log, money = stored.money
            accepted.append([log.logID, log.day.description, String(log.person), log.item, log.caregiver, (money?.billed ?? .zero).grouped,
                             (money?.fund ?? .zero).grouped, (money?.personal ?? .zero).grouped])
        }
        lines += ["", "Accepted logs 通过", advice.accepted.isEmpty ? "  none" : accepted.rendered(indent: "  ")]
        lines += ["", "Rejected logs 拒付"]
        if advice.rejected.isEmpty { lines.append("  none") }
        for stored in advice.rejected {
            let log = stored.log
            lines.append("  \(log.logID)  \(log.day)  person \(log.person)  \(log.item)  \(stored.rule?.code ?? "?"): \(stored.detail ?? "")")
            if let rule = stored.rule { lines.append("      what to do: \(rule.remedy)") }
        }
        if !advice.adjustments.isEmpty {
            lines += ["", "Adjustments 调整"]
            for adjustment in advice.adjustments {
                lines.append("  \(adjustment.logID)  \(adjustment.serviceMonth)  \(adjustment.amount.grouped)  \(adjustment.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
