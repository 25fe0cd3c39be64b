import LTCCore
import LTCOperations

/// The fund's staff: the month at a glance (`report.fund` as charts,
/// `violation.list`, cases due from `case.list`), settlement and the cash
/// run behind a confirmation page (`settlement.run`, `cash.run`), and a
/// case's audit trail (`case.get`'s timeline).
enum StaffPages {
    static func month(_ call: WebCall, _ segments: [String]) -> ServerResponse {
        if let refused = call.only([.administrator, .auditor]) { return refused }
        guard segments.count == 2 else {
            return WebView.redirect("/web/month/" + WebCall.pathSafe(call.request.query["month"] ?? call.thisMonth))
        }
        let month = segments[1]
        do {
            var context: [String: Any] = ["month": month, "canSettle": call.actor.role == .administrator]
            // A month not settled yet has no report (notFound): the page shows the rest.
            let report: JSONValue
            do {
                report = try call.run("report.fund", ["month": .string(month)])
            } catch where ErrorClass.of(error).httpStatus == 404 {
                report = .null
            }
            if report != .null {
                var shown = WebView.dictionary(report.objectValue ?? [:])
                shown["byGradeChart"] = WebCharts.bars(report["byGrade"]?.arrayValue ?? [], title: "按等级 by grade")
                shown["byModeChart"] = WebCharts.bars(report["byMode"]?.arrayValue ?? [], title: "按服务方式 by mode")
                shown["budgetWarnings"] = (report["budgetWarnings"]?.arrayValue ?? []).map { warning -> String in
                    [warning["institution"]?.stringValue, warning["warning"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
                }
                context["report"] = shown
            }
            context["violations"] = (try call.run("violation.list", ["limit": 20])["violations"]?.arrayValue ?? []).compactMap { WebView.context($0) }
            context["due"] = (try call.run(ListCases.name, ["due": 60, "limit": 50])["cases"]?.arrayValue ?? []).map { record -> [String: Any] in
                ["id": record["id"]?.intValue ?? 0, "validUntil": record["determination"]?["validUntil"]?.stringValue ?? ""]
            }
            return call.page("month", ("本月概览 \(month)", "The month at a glance"), context, operation: "report.fund")
        } catch {
            return call.failure(error, operation: "report.fund")
        }
    }

    /// `GET /web/settle/{month}`: are you sure? `POST`: settle. The same for `/web/cash/{month}`.
    static func run(_ call: WebCall, _ segments: [String], _ form: WebForm) -> ServerResponse {
        if let refused = call.only([.administrator]) { return refused }
        guard segments.count == 2 else { return call.failure(status: 404, "没有这个页面。No such page.") }
        let month = segments[1], settle = segments[0] == "settle"
        let operation = settle ? RunSettlement.name : "cash.run"
        if call.request.method == .GET {
            let question = settle
                ? ["zh": "结算 \(month)：为每个机构出对账单。一个月只结算一次。", "en": "Settle \(month): a statement for every institution. A month is settled once."]
                : ["zh": "为 \(month) 发放现金待遇（家属护理）。", "en": "Run the cash benefits (family carers) of \(month)."]
            return call.page("confirm", settle ? ("确认结算", "Confirm the settlement") : ("确认现金发放", "Confirm the cash run"),
                             ["question": question, "action": "/web/\(segments[0])/\(WebCall.pathSafe(month))", "month": month], operation: operation)
        }
        guard form["confirm"] == "yes" else { return WebView.redirect("/web/month/\(WebCall.pathSafe(month))") }
        do {
            let result = try call.run(operation, ["month": .string(month)])
            let summary = settle ? "\(month) 已结算。\(month) is settled." : "\(month) 的现金待遇已发放。The cash run of \(month) is done."
            return call.page("ran", settle ? ("结算完成", "Settled") : ("现金发放完成", "Cash run done"),
                             ["summary": summary, "text": JSONWriter.string(result), "month": month], operation: operation)
        } catch {
            return call.failure(error, operation: operation)
        }
    }

    /// A case's audit trail, oldest first: who did what, when, with which credential, and why.
    static func audit(_ call: WebCall, _ id: String) -> ServerResponse {
        guard let caseID = Int(id), caseID > 0 else { return call.failure(status: 404, "没有这个案件。No such case.") }
        do {
            let view = try call.run(GetCase.name, ["case": .integer(caseID)])
            let timeline: [[String: Any]] = (view["timeline"]?.arrayValue ?? []).map { event in
                var row: [String: Any] = [:]
                for key in ["seq", "asOf", "action", "outcome", "actor", "credential", "reason", "recordedAt"] {
                    if let value = event[key], value != .null { row[key] = WebView.context(value) }
                }
                return row
            }
            return call.page("audit", ("案件 \(caseID) 审计记录", "Audit trail of case \(caseID)"),
                             ["person": view["case"]?["person"]?.intValue ?? 0, "state": view["case"]?["state"]?.stringValue ?? "", "timeline": timeline],
                             operation: GetCase.name)
        } catch {
            return call.failure(error, operation: GetCase.name)
        }
    }
}

/// Charts drawn as inline SVG from numbers alone (no script, no other origin).
enum WebCharts {
    /// Horizontal bars of each row's `fund` by its `key`, with the amounts.
    static func bars(_ rows: [JSONValue], title: String) -> String {
        let values: [(String, Int, String)] = rows.map { row in
            let text = row["fund"].map { JSONWriter.string($0) } ?? "0"
            return (row["key"]?.stringValue ?? "", fen(text), WebView.money(text))
        }
        let largest = max(1, values.map(\.1).max() ?? 1)
        let rowHeight = 28, width = 320, labelWidth = 90, barSpace = 150
        let height = max(1, values.count) * rowHeight + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, value) in values.enumerated() {
            let y = 4 + index * rowHeight
            let length = value.1 <= 0 ? 0 : max(2, value.1 * barSpace / largest)
            svg += "<text x=\"0\" y=\"\(y + 18)\" font-size=\"13\" fill=\"#1b1f23\">\(escape(value.0))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"18\" fill=\"#0b5cad\"></rect>"
            svg += "<text x=\"\(labelWidth + length + 4)\" y=\"\(y + 18)\" font-size=\"12\" fill=\"#57606a\">\(escape(value.2))</text>"
        }
        return svg + "</svg>"
    }

    /// A decimal yuan amount's fen, by its digits.
    static func fen(_ text: String) -> Int {
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = Int(parts.first ?? "0") ?? 0
        var fraction = parts.count > 1 ? String(parts[1].prefix(2)) : "0"
        while fraction.count < 2 { fraction += "0" }
        return whole * 100 + (whole < 0 ? -1 : 1) * (Int(fraction) ?? 0)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension WebCall {
    /// A value put back into a path or query of ours: letters, digits and `-` alone.
    static func pathSafe(_ text: String) -> String {
        String(text.unicodeScalars.filter { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "-" }.prefix(40).map(Character.init))
    }
}
