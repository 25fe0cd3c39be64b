import LTCCore
import LTCProviders

/// A settled month as people read it: the statements as a table headed in
/// English and Chinese, with a total row, and the budgets measured.
public enum SettlementText {
    /// The amounts keep one name everywhere: fund share (the fund's part of
    /// what is allowed), withheld (kept until the performance assessment),
    /// payable (fund share + adjustments − withheld).
    public static func statements(_ run: SettlementRun) -> String {
        var table = TextTable(rightAligned: Set(1...9))
        table.append(["INSTITUTION", "LOGS", "BILLED", "ALLOWED", "FUND SHARE", "PERSONAL", "OVER CAP", "ADJUSTMENTS", "WITHHELD", "PAYABLE"])
        table.append(["机构", "日志", "申报", "核定", "基金支付", "个人负担", "超限", "调整", "预留", "应付"])
        var total = (logs: 0, billed: Money.zero, allowed: Money.zero, fund: Money.zero, personal: Money.zero, overCap: Money.zero,
                     adjustments: Money.zero, withheld: Money.zero, payable: Money.zero)
        for s in run.statements.sorted(by: { NaturalOrder.less($0.institution, $1.institution) }) {
            table.append([s.institution, Thousands.grouped(s.logs), s.billed.grouped, s.allowed.grouped, s.fund.grouped, s.personal.grouped,
                          s.overCap.grouped, s.adjustments.grouped, s.withheld.grouped, s.payable.grouped])
            total = (total.logs + s.logs, total.billed + s.billed, total.allowed + s.allowed, total.fund + s.fund, total.personal + s.personal,
                     total.overCap + s.overCap, total.adjustments + s.adjustments, total.withheld + s.withheld, total.payable + s.payable)
        }
        table.append(["TOTAL 合计", Thousands.grouped(total.logs), total.billed.grouped, total.allowed.grouped, total.fund.grouped,
                      total.personal.grouped, total.overCap.grouped, total.adjustments.grouped, total.withheld.grouped, total.payable.grouped])
        let deducted = run.statements.reduce(Money.zero) { $0 + $1.subsidiesDeducted }
        var text = "settlement \(run.month) (run \(run.settledOn)): \(run.statements.count) institutions, \(Thousands.grouped(run.logCount)) logs; "
            + "fund share \(total.fund.grouped), withheld \(total.withheld.grouped)"
            + (deducted == .zero ? "" : ", other subsidies deducted \(deducted.grouped)")
            + ", payable \(run.fundTotal.grouped)\n" + table.rendered()
        let budgeted = run.statements.filter { $0.budget != nil }
        for s in run.statements where s.subsidiesDeducted != .zero {
            text += "\n\(s.institution): other subsidies its clients hold deducted from LTCI, \(s.subsidiesDeducted.grouped) (paid by the clients)"
        }
        if !budgeted.isEmpty {
            var budgets = TextTable(rightAligned: [1, 2, 3, 4])
            budgets.header([("INSTITUTION", "机构"), ("BUDGET", "年度预算"), ("USED THIS YEAR", "累计使用"), ("SHARE", "使用率"),
                            ("HELD ABOVE BUDGET", "超预算暂缓"), ("WARNING", "预警")])
            for s in budgeted {
                let budget = s.budget ?? .zero, used = s.usedThisYear ?? .zero
                let share = budget == .zero ? "—" : Points(hundredths: Int(used.fen * 10_000 / max(budget.fen, 1))).description + "%"
                budgets.append([s.institution, budget.grouped, used.grouped, share, s.heldAboveBudget.grouped,
                                s.warning.map { "reached \($0)" } ?? ""])
            }
            text += "\n\nbudgets \(run.month.year) 总额预算\n" + budgets.rendered()
        }
        return text
    }
}
