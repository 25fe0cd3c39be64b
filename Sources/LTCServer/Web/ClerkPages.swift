import LTCCore
import LTCOperations
import LTCProviders

/// An institution's clerk: uploads the week's logs and reads what was
/// rejected, the month's statement, the clients with their plans, as pages
/// and as CSV (`logs.submit`, `logs.submissions`, `statement.get`,
/// `enrolment.list`, `plan.show`).
enum ClerkPages {
    static func logs(_ call: WebCall, _ segments: [String], _ form: WebForm) -> ServerResponse {
        if let refused = call.only([.institution]) { return refused }
        if segments == ["logs", "template"] {
            do {
                let template = try call.run("logs.template", ["clients": true])
                return WebView.download(template["csv"]?.stringValue ?? "", name: "logs-template.csv",
                                        operation: "logs.template")
            } catch {
                return call.failure(error, operation: "logs.template")
            }
        }
        guard segments == ["logs"] else { return call.failure(status: 404, "没有这个页面。No such page.") }
        if call.request.method == .POST {
            guard let file = form.files["logs"], !file.bytes.isEmpty else {
                return call.failure(status: 400, "请选择一个日志文件。Choose a logs file to upload.")
            }
            do {
                let report = try call.run("logs.submit", [:], attachments: ["logs": Attachment(.bytes(file.bytes), name: file.name, size: file.bytes.count)])
                var context = WebView.dictionary(report.objectValue ?? [:])
                context["rejections"] = rejections(report)
                context["rejections_any"] = !(rejections(report).isEmpty)
                context["month"] = report["month"]?.stringValue ?? call.thisMonth
                return call.page("report", ("提交结果", "Submission report"), context, operation: "logs.submit")
            } catch {
                return call.failure(error, operation: "logs.submit")
            }
        }
        do {
            let listed = try call.run("logs.submissions", ["limit": 10])
            return call.page("logs", ("上传服务日志", "Upload service logs"), WebView.dictionary(listed.objectValue ?? [:]), operation: "logs.submissions")
        } catch {
            return call.failure(error, operation: "logs.submissions")
        }
    }

    /// The report's rejected lines, each with its rule, the reason (the
    /// line's detail and the rule's explanation, as the report gives them) and
    /// what to do (the rule's remedy, as the statement gives it).
    static func rejections(_ report: JSONValue) -> [[String: Any]] {
        var explanations: [String: String] = [:]
        for rule in report["byRule"]?.arrayValue ?? [] {
            if let id = rule["rule"]?.stringValue { explanations[id] = rule["explanation"]?.stringValue }
        }
        return (report["rejectedLines"]?.arrayValue ?? []).map { line in
            let rule = line["rule"]?.stringValue ?? ""
            let reason = [line["detail"]?.stringValue, explanations[rule]].compactMap { $0 }.joined(separator: ": ")
            return ["line": line["line"]?.intValue ?? 0, "logId": line["logId"]?.stringValue ?? "", "rule": rule, "reason": reason,
                    "whatToDo": MonitoringRule(rawValue: rule)?.remedy ?? ""]
        }
    }

    static func statement(_ call: WebCall, _ segments: [String]) -> ServerResponse {
        if let refused = call.only([.institution, .administrator, .auditor]) { return refused }
        let month = segments.count > 1 ? segments[1] : (call.request.query["month"] ?? call.thisMonth)
        if segments.count == 1 { return WebView.redirect("/web/statements/\(WebCall.pathSafe(month))" + institutionQuery(call)) }
        var params: JSONObject = ["month": .string(month)]
        if let institution = call.request.query["institution"] { params.set("institution", .string(institution)) }
        do {
            let advice = try call.run(GetStatement.name, params)
            if segments.count == 3 && segments[2] == "csv" {
                return WebView.download(csv(advice), name: "statement-\(WebCall.pathSafe(month)).csv", operation: GetStatement.name)
            }
            guard segments.count == 2 else { return call.failure(status: 404, "没有这个页面。No such page.") }
            return call.page("statement", ("对账单", "Statement"), WebView.dictionary(advice.objectValue ?? [:]), operation: GetStatement.name)
        } catch {
            return call.failure(error, operation: GetStatement.name)
        }
    }

    static func institutionQuery(_ call: WebCall) -> String {
        call.request.query["institution"].map { "?institution=" + WebCall.pathSafe($0) } ?? ""
    }

    /// Each line of the statement, accepted and rejected, one row each.
    static func csv(_ advice: JSONValue) -> String {
        let columns = ["status", "logId", "day", "person", "item", "caregiver", "start", "end", "billed", "allowed", "fund", "personal", "rule", "reason", "whatToDo"]
        var lines = [columns.joined(separator: ",")]
        for (status, key) in [("accepted", "accepted"), ("rejected", "rejected")] {
            for line in advice[key]?.arrayValue ?? [] {
                lines.append(columns.map { column in
                    if column == "status" { return status }
                    return CSVText.cell(line[column])
                }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func clients(_ call: WebCall, _ segments: [String]) -> ServerResponse {
        if let refused = call.only([.institution]) { return refused }
        do {
            // A page of 200 clients at a time, as the operation pages them: the next page's link carries its `after`.
            var params: JSONObject = ["limit": 200]
            if let after = call.request.query["after"] { params.set("after", Int(after).map { .integer($0) } ?? .string(WebCall.pathSafe(after))) }
            let listed = try call.run("enrolment.list", params)
            let enrolments = listed["enrolments"]?.arrayValue ?? []
            let next = listed["next"].flatMap { $0 == .null ? nil : WebCall.pathSafe($0.stringValue ?? $0.intValue.map(String.init) ?? "") }
            var rows: [[String: Any]] = []
            var csvLines = ["case,person,mode,from,weeklyMinutes,planVersion,planItems"]
            for enrolment in enrolments {
                guard let caseID = enrolment["case"]?.intValue else { continue }
                let plan = try? call.run("plan.show", ["case": .integer(caseID)])
                let inForce = plan?["inForce"].flatMap { $0 == .null ? nil : $0 }
                var row = WebView.dictionary(enrolment.objectValue ?? [:])
                row["from"] = enrolment["period"]?["from"]?.stringValue ?? ""
                var items: [String] = []
                if let inForce {
                    var planRow = WebView.dictionary(inForce.objectValue ?? [:])
                    planRow["state"] = inForce["status"]?.stringValue ?? "in-force"
                    planRow["items"] = (inForce["items"]?.arrayValue ?? []).map { item -> [String: Any] in
                        items.append("\(item["code"]?.stringValue ?? "")×\(item["perWeek"]?.intValue ?? 0)")
                        return ["item": item["code"]?.stringValue ?? "", "perWeek": item["perWeek"]?.intValue ?? 0]
                    }
                    row["plan"] = planRow
                }
                rows.append(row)
                csvLines.append([String(caseID), CSVText.cell(enrolment["person"]), CSVText.cell(enrolment["mode"]), CSVText.cell(enrolment["period"]?["from"]),
                                 CSVText.cell(enrolment["weeklyMinutes"]), CSVText.cell(inForce?["version"]), CSVText.cell(items.joined(separator: " "))].joined(separator: ","))
            }
            if segments == ["clients", "csv"] { return WebView.download(csvLines.joined(separator: "\n") + "\n", name: "clients.csv", operation: "enrolment.list") }
            var context: [String: Any] = ["clients": rows]
            if let next, !next.isEmpty { context["next"] = next }
            return call.page("clients", ("服务对象与护理计划", "Clients and their care plans"), context, operation: "enrolment.list")
        } catch {
            return call.failure(error, operation: "enrolment.list")
        }
    }
}
