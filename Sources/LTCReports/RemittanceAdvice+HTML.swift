import LTCCore
import LTCProviders

extension RemittanceAdvice {
    /// The advice as one self-contained, printable HTML page (no scripts,
    /// no external files): the amounts with why each was kept back, the
    /// clients' subtotals, the accepted and rejected logs, the adjustments;
    /// headings in Chinese and English, totals in each table's foot.
    public var html: String {
        let total = acceptedTotal
        var body = "<h1>长期护理保险结算明细 <span>Statement</span> \(htmlEscaped(institution))"
            + (institutionName.map { " \(htmlEscaped($0))" } ?? "") + " · \(month)</h1>"
        body += "<p>" + (settledOn.map { "结算日 settled on \($0)" } ?? "尚未结算：以下为截至目前已通过的服务 · Not settled yet: the services accepted so far") + "</p>"
        body += "<dl>"
        body += cell("通过 accepted", "\(total.accepted)") + cell("拒付 rejected", "\(rejected.count)")
        body += cell("基金支付 fund share", yuan(total.fund)) + cell("个人负担 personal", yuan(total.personal))
        if let statement {
            body += cell("调整 adjustments", yuan(statement.adjustments)) + cell("预留 withheld", yuan(statement.withheld))
            if statement.heldAboveBudget != .zero { body += cell("超预算暂缓 held above budget", yuan(statement.heldAboveBudget)) }
            if statement.subsidiesDeducted != .zero { body += cell("其他补贴抵扣 subsidies deducted", yuan(statement.subsidiesDeducted)) }
            body += cell("应付 payable", yuan(statement.payable))
        }
        body += "</dl>"
        if !explanations.isEmpty {
            body += "<h2>扣留说明 <span>Why amounts were kept back</span></h2><ul>"
            for explanation in explanations { body += "<li>\(htmlEscaped(explanation.text))</li>" }
            body += "</ul>"
        }
        body += "<h2>按参保人 <span>By client</span></h2><table><thead><tr><th>参保人 person</th><th>通过 accepted</th><th>拒付 rejected</th>"
            + "<th>申报 billed</th><th>核定 allowed</th><th>基金支付 fund share</th><th>个人负担 personal</th></tr></thead><tbody>"
        for client in clients {
            body += "<tr><td>\(client.person)</td><td>\(client.accepted)</td><td>\(client.rejected)</td><td>\(yuan(client.billed))</td>"
                + "<td>\(yuan(client.allowed))</td><td>\(yuan(client.fund))</td><td>\(yuan(client.personal))</td></tr>"
        }
        body += "</tbody><tfoot><tr><td>合计 total</td><td>\(total.accepted)</td><td>\(rejected.count)</td><td>\(yuan(total.billed))</td>"
            + "<td>\(yuan(total.allowed))</td><td>\(yuan(total.fund))</td><td>\(yuan(total.personal))</td></tr></tfoot></table>"
        body += "<h2>通过的服务 <span>Accepted logs</span></h2><table><thead><tr><th>日志 log</th><th>日期 day</th><th>参保人 person</th>"
            + "<th>项目 item</th><th>护理员 caregiver</th><th>申报 billed</th><th>基金支付 fund share</th><th>个人负担 personal</th></tr></thead><tbody>"
        for stored in accepted {
            let log = stored.log, money = stored.money
            body += "<tr><td>\(htmlEscaped(log.logID))</td><td>\(log.day)</td><td>\(log.person)</td><td>\(htmlEscaped(log.item))</td>"
                + "<td>\(htmlEscaped(log.caregiver))</td><td>\(yuan(money?.billed ?? .zero))</td><td>\(yuan(money?.fund ?? .zero))</td>"
                + "<td>\(yuan(money?.personal ?? .zero))</td></tr>"
        }
        body += "</tbody></table>"
        body += "<h2>拒付的服务 <span>Rejected logs</span></h2>"
        if rejected.isEmpty {
            body += "<p>无 · None.</p>"
        } else {
            body += "<table><thead><tr><th>日志 log</th><th>日期 day</th><th>参保人 person</th><th>项目 item</th><th>规则 rule</th>"
                + "<th>原因 reason</th><th>处理 what to do</th></tr></thead><tbody>"
            for stored in rejected {
                let log = stored.log
                body += "<tr><td>\(htmlEscaped(log.logID))</td><td>\(log.day)</td><td>\(log.person)</td><td>\(htmlEscaped(log.item))</td>"
                    + "<td>\(stored.rule?.code ?? "")</td><td class=\"text\">\(htmlEscaped(stored.detail ?? ""))</td>"
                    + "<td class=\"text\">\(htmlEscaped(stored.rule?.remedy ?? ""))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if !adjustments.isEmpty {
            body += "<h2>调整 <span>Adjustments</span></h2><table><thead><tr><th>日志 log</th><th>服务月份 service month</th>"
                + "<th>金额 amount</th><th>原因 reason</th></tr></thead><tbody>"
            for adjustment in adjustments {
                body += "<tr><td>\(htmlEscaped(adjustment.logID))</td><td>\(adjustment.serviceMonth)</td><td>\(yuan(adjustment.amount))</td>"
                    + "<td class=\"text\">\(htmlEscaped(adjustment.reason))</td></tr>"
            }
            body += "</tbody><tfoot><tr><td>合计 total</td><td></td><td>\(yuan(adjustmentTotal))</td><td></td></tr></tfoot></table>"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>结算明细 Statement \(htmlEscaped(institution)) \(month)</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;margin:1.5em 2em;color:#222}
            h1{font-size:1.4em;margin:0 0 .4em}h2{font-size:1.1em;margin:1.4em 0 .4em;border-bottom:2px solid #3b7dd8;padding-bottom:.2em}
            h1 span,h2 span{color:#666;font-weight:normal}
            dl{display:flex;flex-wrap:wrap;gap:.4em 2em}dl div{display:flex;gap:.5em}dt{color:#555}dd{margin:0;font-weight:bold}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:.2em .7em;border-bottom:1px solid #ddd;text-align:right}
            td:first-child,th:first-child,td.text{text-align:left}tfoot td{border-top:2px solid #222;font-weight:bold}
            @media print{@page{size:A4 landscape;margin:12mm}body{margin:0}}
            </style></head><body>
            \(body)
            </body></html>

            """
    }
}

private func yuan(_ amount: Money) -> String { "¥\(amount.grouped)" }

private func cell(_ name: String, _ value: String) -> String {
    "<div><dt>\(name)</dt><dd>\(htmlEscaped(value))</dd></div>"
}
