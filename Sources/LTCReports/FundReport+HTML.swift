import LTCCore
import LTCProviders

extension FundReport {
    /// The report as one self-contained HTML page (no scripts, no external
    /// files) that an administrator prints: headings and column names in
    /// Chinese and English, each breakdown as a bar chart beside its table
    /// (largest first, the adjustments last), a total row, amounts with
    /// thousands grouped, institution names beside their ids; the page uses
    /// the window's width, and A4 landscape when printed.
    public var html: String {
        let withheld = settlement.statements.reduce(Money.zero) { $0 + $1.withheld }
        var body = "<header><h1>长期护理保险基金使用报告 <span>Fund use report</span> \(month)</h1>"
        body += "<dl class=\"summary\">"
        body += term("基金支付", "fund share", money(fund))
        if adjustments != .zero { body += term("调整", "adjustments", money(adjustments)) }
        if subsidiesDeducted != .zero { body += term("其他补贴抵扣", "other subsidies deducted", money(subsidiesDeducted)) }
        if netFund != fund { body += term("净支出", "net", money(netFund)) }
        body += term("预留", "withheld", money(withheld))
        if spending.heldAboveBudget != .zero { body += term("超预算暂缓", "held above budget", money(spending.heldAboveBudget)) }
        body += term("应付", "payable", money(settlement.fundTotal))
        if let cash { body += term("现金待遇", "cash paid", money(cash.total)) }
        body += term("基金总支出", "total spent", money(totalSpent)) + term("待付", "still owed", money(owed))
        body += term("服务", "services", grouped(settlement.logCount)) + term("机构", "institutions", grouped(settlement.statements.count))
        body += term("结算日", "settled on", settlement.settledOn.description)
        body += "</dl></header><main>"
        let byInstitutionShown = Array(byInstitution.filter { $0.key != Self.adjustmentsKey }.sorted { $0.fund > $1.fund }.prefix(15))
            + byInstitution.filter { $0.key == Self.adjustmentsKey }
        for (chinese, english, rows, label) in [
            ("按等级", "By grade", byGrade, { (key: String) in key }),
            ("按服务方式", "By service mode", byMode, { $0 }),
            ("按区", "By district", Self.largestFirst(byDistrict), { $0 }),
            ("按机构（前15）", "By institution (top 15)", byInstitutionShown, { [institutionNames] key in
                institutionNames[key].map { "\(key) \($0)" } ?? key
            }),
        ] as [(String, String, [Row], (String) -> String)] {
            body += "<section><h2>\(chinese) <span>\(english)</span></h2><div class=\"pair\">"
            body += Self.chart(rows.map { (label($0.key), $0.fund.fen, money($0.fund)) })
            body += "<table><thead><tr><th></th>\(heading("服务", "services"))\(heading("核定", "allowed"))\(heading("基金支付", "fund share"))</tr></thead><tbody>"
            for row in rows {
                body += "<tr><td>\(htmlEscaped(label(row.key)))</td><td>\(grouped(row.logs))</td><td>\(money(row.allowed))</td><td>\(money(row.fund))</td></tr>"
            }
            let total = (logs: rows.reduce(0) { $0 + $1.logs }, allowed: rows.reduce(Money.zero) { $0 + $1.allowed },
                         fund: rows.reduce(Money.zero) { $0 + $1.fund })
            body += "</tbody><tfoot><tr><td>合计 total</td><td>\(grouped(total.logs))</td><td>\(money(total.allowed))</td><td>\(money(total.fund))</td></tr></tfoot>"
            body += "</table></div></section>"
        }
        body += "<section><h2>拒付最多的机构 <span>Most rejected logs</span></h2>"
        body += Self.chart(mostRejected.map { row in
            (institutionNames[row.institution].map { "\(row.institution) \($0)" } ?? row.institution, row.share,
             "\(Points(hundredths: row.share)) % (\(grouped(row.rejected)) / \(grouped(row.received)))")
        })
        if !outOfRegion.isEmpty {
            body += "</section><section><h2>异地居住 <span>Living outside the region</span></h2><table><thead><tr><th>居住地 region</th>"
                + "<th>日志 logs</th><th>核定 allowed</th><th>基金支付 fund share</th></tr></thead><tbody>"
            for row in outOfRegion {
                body += "<tr><td>\(htmlEscaped(row.key))</td><td>\(grouped(row.logs))</td><td>\(money(row.allowed))</td><td>\(money(row.fund))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if !budgetWarnings.isEmpty {
            body += "</section><section><h2>预算预警 <span>Budget warnings</span></h2><table><thead><tr><th>机构 institution</th>"
                + "<th>年度预算 budget</th><th>累计使用 used this year</th><th>预警 level</th><th>超预算暂缓 held</th></tr></thead><tbody>"
            for statement in budgetWarnings {
                let name = institutionNames[statement.institution].map { "\(statement.institution) \($0)" } ?? statement.institution
                body += "<tr><td>\(htmlEscaped(name))</td><td>\(money(statement.budget ?? .zero))</td><td>\(money(statement.usedThisYear ?? .zero))</td>"
                    + "<td>\(statement.warning?.description ?? "")</td><td>\(money(statement.heldAboveBudget))</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "</section><section><h2>考核等级分布 <span>Ratings</span></h2>"
        body += ratings.isEmpty ? "<p>本月无考核 · No assessment covers this month.</p>" : Self.chart(ratings.map { ($0.rating, $0.count, String($0.count)) })
        body += "</section></main>"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>基金使用报告 Fund use \(month)</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;margin:1.5em 2em;color:#222}
            h1{font-size:1.4em;margin:0 0 .4em}h2{font-size:1.1em;margin:1.4em 0 .4em;border-bottom:2px solid #3b7dd8;padding-bottom:.2em}
            h1 span,h2 span,th span{color:#666;font-weight:normal}
            .summary{display:flex;flex-wrap:wrap;gap:.4em 2em;margin:0}.summary div{display:flex;gap:.5em}.summary dt{color:#555}.summary dd{margin:0;font-weight:bold}
            main{display:grid;grid-template-columns:repeat(auto-fit,minmax(38em,1fr));gap:0 3em}
            .pair{display:flex;flex-wrap:wrap;gap:1em 2em;align-items:flex-start}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:.2em .7em;border-bottom:1px solid #ddd;text-align:right}
            td:first-child,th:first-child{text-align:left}tfoot td{border-top:2px solid #222;font-weight:bold}
            svg text{font-size:12px;fill:#222}
            @media print{@page{size:A4 landscape;margin:12mm}body{margin:0}section{break-inside:avoid}}
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    /// Rows with the largest fund share first, the adjustments row last.
    public static func largestFirst(_ rows: [Row]) -> [Row] {
        rows.filter { $0.key != adjustmentsKey }.sorted { ($0.fund, $1.key) > ($1.fund, $0.key) } + rows.filter { $0.key == adjustmentsKey }
    }

    /// A horizontal bar chart as inline SVG: one bar per row, scaled to the largest (negative amounts show no bar).
    static func chart(_ rows: [(label: String, value: Int, text: String)]) -> String {
        guard let largest = rows.map(\.value).max(), largest > 0 else { return "<p>无数据 · Nothing to show.</p>" }
        let barHeight = 22, labelWidth = 180, barWidth = 320
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 170)\" height=\"\(rows.count * barHeight + 4)\" role=\"img\">"
        for (index, row) in rows.enumerated() {
            let y = index * barHeight + 2
            let width = row.value > 0 ? max(1, row.value * barWidth / largest) : 0
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(htmlEscaped(row.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(barHeight - 6)\" fill=\"#3b7dd8\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(htmlEscaped(row.text))</text>"
        }
        return svg + "</svg>"
    }
}

private func money(_ amount: Money) -> String { "¥\(amount.grouped)" }

private func grouped(_ number: Int) -> String { Thousands.grouped(number) }

private func term(_ chinese: String, _ english: String, _ value: String) -> String {
    "<div><dt>\(chinese) \(english)</dt><dd>\(htmlEscaped(value))</dd></div>"
}

private func heading(_ chinese: String, _ english: String) -> String {
    "<th>\(chinese) <span>\(english)</span></th>"
}

