import LTCBenefits
import LTCCore
import LTCProviders
import LTCReports

/// The fund report for people: each breakdown a table with a total row, headed in English and Chinese.
public enum FundReportText {
    public static func render(_ report: FundReport) -> String {
        var lines = ["fund use \(report.month) 基金使用: fund share \(report.fund.grouped)"
                     + (report.adjustments == .zero ? "" : ", adjustments \(report.adjustments.grouped)")
                     + (report.subsidiesDeducted == .zero ? "" : ", other subsidies deducted \(report.subsidiesDeducted.grouped)")
                     + (report.netFund == report.fund ? "" : ", net \(report.netFund.grouped)")
                     + ", withheld \(report.settlement.statements.reduce(Money.zero) { $0 + $1.withheld }.grouped)"
                     + ", payable \(report.settlement.fundTotal.grouped)"
                     + (report.cash.map { "; cash paid \($0.total.grouped) (\(Thousands.grouped($0.payments)) payments), total spent \(report.totalSpent.grouped)" } ?? "")]
        for (english, chinese, rows) in [("GRADE", "等级", report.byGrade), ("MODE", "服务方式", report.byMode),
                                         ("DISTRICT", "区", report.byDistrict), ("INSTITUTION", "机构", report.byInstitution)] {
            var table = TextTable(rightAligned: [1, 2, 3])
            table.append([english, "LOGS", "ALLOWED", "FUND SHARE"])
            table.append([chinese, "日志", "核定", "基金支付"])
            for row in rows { table.append([row.key, Thousands.grouped(row.logs), row.allowed.grouped, row.fund.grouped]) }
            let logs = rows.reduce(0) { $0 + $1.logs }, allowed = rows.reduce(Money.zero) { $0 + $1.allowed }
            table.append(["TOTAL 合计", Thousands.grouped(logs), allowed.grouped, rows.reduce(Money.zero) { $0 + $1.fund }.grouped])
            lines.append("")
            lines.append(table.rendered())
        }
        if !report.mostRejected.isEmpty {
            var table = TextTable(rightAligned: [1, 2, 3])
            table.append(["MOST REJECTED", "RECEIVED", "REJECTED", "SHARE"])
            table.append(["拒付最多", "收到", "拒付", "比例"])
            for row in report.mostRejected {
                table.append([row.institution, Thousands.grouped(row.received), Thousands.grouped(row.rejected), "\(Points(hundredths: row.share)) %"])
            }
            lines.append("")
            lines.append(table.rendered())
        }
        if !report.outOfRegion.isEmpty {
            var table = TextTable(rightAligned: [1, 2, 3])
            table.append(["LIVING OUTSIDE THE REGION", "LOGS", "ALLOWED", "FUND SHARE"])
            table.append(["异地居住", "日志", "核定", "基金支付"])
            for row in report.outOfRegion {
                table.append([row.key, Thousands.grouped(row.logs), row.allowed.grouped, row.fund.grouped])
            }
            lines.append("")
            lines.append(table.rendered())
        }
        for statement in report.budgetWarnings {
            lines.append("budget warning 预算预警: \(statement.institution) has used \((statement.usedThisYear ?? .zero).grouped) of "
                         + "\((statement.budget ?? .zero).grouped) this year, reaching \(statement.warning?.description ?? "")"
                         + (statement.heldAboveBudget == .zero ? "" : "; \(statement.heldAboveBudget.grouped) held above the budget"))
        }
        if let risk = report.risk { lines.append(FundRiskText.line(risk)) }
        return lines.joined(separator: "\n")
    }
}

/// The fund's risk warning in one line.
public enum FundRiskText {
    public static func line(_ risk: FundRisk) -> String {
        let cover = risk.coverHundredths.map { "covers \(Points(hundredths: $0)) months of spending (\(risk.monthlySpending.grouped) a month over \(risk.months))" }
            ?? "no spending measured yet"
        return "fund risk 基金风险: balance \(risk.balance.grouped) \(cover)" + (risk.level.map { "; warning level \($0)" } ?? "")
    }
}
