import LTCCore
import LTCProviders

extension FundReport {
    /// The report as one self-contained HTML page (no scripts, no external
    /// files): a bar chart and a table per breakdown, since people read a
    /// chart faster than a table.
    public var html: String {
        var body = "<h1>长期护理保险基金使用报告 / Fund use, \(month)</h1>"
        body += "<p class=\"summary\">Fund share \(money(fund)) · "
            + (adjustments == .zero ? "" : "adjustments \(money(adjustments)) · net \(money(netFund)) · ")
            + "payable \(money(settlement.fundTotal)) · "
        body += "\(settlement.logCount) services · \(settlement.statements.count) institutions · settled \(settlement.settledOn)</p>"
        for (title, rows) in [("按等级 By grade", byGrade), ("按服务方式 By service mode", byMode), ("按区 By district", byDistrict),
                              ("按机构 By institution (top 15)", Array(byInstitution.sorted { $0.fund > $1.fund }.prefix(15)))] {
            body += "<section><h2>\(escape(title))</h2>" + Self.chart(rows.map { ($0.key, $0.fund.fen, money($0.fund)) })
            body += "<table><tr><th></th><th>services</th><th>allowed</th><th>fund</th></tr>"
            for row in rows {
                body += "<tr><td>\(escape(row.key))</td><td>\(row.logs)</td><td>\(money(row.allowed))</td><td>\(money(row.fund))</td></tr>"
            }
            body += "</table></section>"
        }
        body += "<section><h2>拒付最多的机构 Most rejected logs</h2>"
        body += Self.chart(mostRejected.map { ($0.institution, $0.share, "\(Points(hundredths: $0.share)) % (\($0.rejected) of \($0.received))") })
        body += "</section><section><h2>考核等级分布 Ratings</h2>"
        body += ratings.isEmpty ? "<p>No assessment covers this month.</p>" : Self.chart(ratings.map { ($0.rating, $0.count, String($0.count)) })
        body += "</section>"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>Fund use \(month)</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;margin:2em;color:#222;max-width:60em}
            h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}.summary{color:#555}
            table{border-collapse:collapse;margin-top:.5em}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:right}
            td:first-child,th:first-child{text-align:left}svg text{font-size:12px;fill:#222}
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    /// A horizontal bar chart as inline SVG: one bar per row, scaled to the largest.
    static func chart(_ rows: [(label: String, value: Int, text: String)]) -> String {
        guard let largest = rows.map(\.value).max(), largest > 0 else { return "<p>Nothing to show.</p>" }
        let barHeight = 22, labelWidth = 140, barWidth = 420
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 180)\" height=\"\(rows.count * barHeight + 4)\" role=\"img\">"
        for (index, row) in rows.enumerated() {
            let y = index * barHeight + 2
            let width = max(1, row.value * barWidth / largest)
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(escape(row.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(barHeight - 6)\" fill=\"#3b7dd8\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(escape(row.text))</text>"
        }
        return svg + "</svg>"
    }
}

private func money(_ amount: Money) -> String { "¥\(amount)" }

private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
