import LTCCore
import LTCOperations
import LTCProtocol

/// The assessor in a person's home: today's cases, the form rendered from
/// its form file (items, options, conditions, guidance), the answers kept
/// as a draft (`case.draftSave`) after each answer with the small script,
/// or with the Save draft button without it, resumable from any device
/// (`case.draft`); a review of the grade and its explanation
/// (`assessment.score`, the checks `ltc score` makes) before `case.assess`
/// saves it; then evidence from the camera or files (`case.evidence`).
enum AssessorPages {
    static func respond(_ call: WebCall, _ segments: [String], _ form: WebForm) -> ServerResponse {
        if let refused = call.only([.assessor]) { return refused }
        if segments == ["cases"] { return cases(call) }
        guard segments.count == 3, let caseID = Int(segments[1]), caseID > 0 else { return call.failure(status: 404, "没有这个页面。No such page.") }
        switch (call.request.method, segments[2]) {
        case (.GET, "assess"): return assessForm(call, caseID, answers: nil, problems: [], saved: nil)
        case (.POST, "review"): return review(call, caseID, form)
        case (.POST, "assess"): return save(call, caseID, form)
        case (.POST, "evidence"): return evidence(call, caseID, form)
        default: return call.failure(status: 404, "没有这个页面。No such page.")
        }
    }

    /// The cases waiting for this assessor's visit: assigned, not yet assessed.
    /// `case.list` reads an assessor's own cases only (in SQL, a page at a
    /// time), so every page of them is shown: a busy assessor's later cases
    /// are never cut off.
    static func cases(_ call: WebCall) -> ServerResponse {
        do {
            var rows: [[String: Any]] = []
            for state in ["assessing", "reassessing"] {
                var params: JSONObject = ["state": .string(state), "limit": 200]
                while true {
                    let listed = try call.run(ListCases.name, params)
                    for record in listed["cases"]?.arrayValue ?? [] where record["assessors"]?.arrayValue?.contains(.string(call.actor.id)) ?? false {
                        rows.append(WebView.dictionary(record.objectValue ?? [:]))
                    }
                    guard let next = listed["next"]?.intValue else { break }
                    params.set("after", .integer(next))
                }
            }
            return call.page("cases", ("今日待评估案件", "Today's cases to assess"), ["cases": rows], operation: ListCases.name)
        } catch {
            return call.failure(error, operation: ListCases.name)
        }
    }

    /// What the assessor has answered: from the form sent, else the draft kept.
    struct Answers {
        var form: String
        var answers: JSONObject
        var conditions: JSONObject
        var place: String
        var date: String
    }

    static func assessForm(_ call: WebCall, _ caseID: Int, answers given: Answers?, problems: [String], saved: String?, status: Int = 200) -> ServerResponse {
        do {
            var answers = given
            var savedAt = saved
            if answers == nil, let draft = try call.run(GetDraft.name, ["case": .integer(caseID)]).objectValue {
                answers = Answers(form: draft["form"]?.stringValue ?? "", answers: draft["answers"]?.objectValue ?? [:],
                                  conditions: draft["conditions"]?.objectValue ?? [:], place: draft["place"]?.stringValue ?? "",
                                  date: draft["date"]?.stringValue ?? "")
                savedAt = draft["savedAt"]?.stringValue
            }
            let formID = call.request.query["form"] ?? answers?.form ?? "cn-ltc-2021"
            let formFile = try call.run("forms.get", ["form": .string(formID)])
            let listed = try call.run("forms.list")
            let forms: [[String: Any]] = (listed["forms"]?.arrayValue ?? listed.arrayValue ?? []).map { entry in
                let id = entry["id"]?.stringValue ?? ""
                return ["id": id, "title": entry["title"]?["zh"]?.stringValue ?? "", "selected": id == formID]
            }
            let chosen = answers?.form == formID ? answers?.answers ?? [:] : [:]
            var items: [[String: Any]] = []
            for (number, item) in (formFile["items"]?.arrayValue ?? []).enumerated() {
                let id = item["id"]?.stringValue ?? ""
                var row = WebView.dictionary(item.objectValue ?? [:])
                row["number"] = number + 1
                row["options"] = (item["options"]?.arrayValue ?? []).enumerated().map { index, option -> [String: Any] in
                    var choice = WebView.dictionary(option.objectValue ?? [:])
                    choice["item"] = id
                    choice["inputID"] = "o-\(id)-\(index)"
                    choice["checked"] = chosen[id] != nil && chosen[id] == option["score"]
                    return choice
                }
                if let when = item["when"]?.arrayValue, !when.isEmpty { row["when"] = when.map { JSONWriter.string($0) }.joined(separator: "; ") } else { row["when"] = nil }
                items.append(row)
            }
            let conditions: [[String: Any]] = (formFile["conditions"]?.arrayValue ?? []).map { condition in
                let id = condition["id"]?.stringValue ?? ""
                var row = WebView.dictionary(condition.objectValue ?? [:])
                let value = answers?.conditions[id]
                row["boolean"] = condition["type"]?.stringValue == "boolean"
                row["checked"] = value == .bool(true)
                row["value"] = value?.intValue.map(String.init) ?? ""
                return row
            }
            let context: [String: Any] = [
                "case": caseID, "form": WebView.dictionary(formFile.objectValue ?? [:]), "forms": forms, "items": items, "conditions": conditions,
                "conditions_any": !conditions.isEmpty, "problems": problems, "problems_any": !problems.isEmpty, "draftSaved": savedAt as Any,
                "place": answers?.place ?? "", "date": answers?.date ?? "",
            ]
            var response = call.page("assess", ("评估 案件 \(caseID)", "Assess case \(caseID)"), context, operation: "forms.get")
            response.status = status
            return response
        } catch {
            return call.failure(error, operation: "forms.get")
        }
    }

    /// The answers of a posted form: `answer.ITEM` = score, `condition.ID` = value.
    static func answers(_ form: WebForm) -> Answers {
        var answers = JSONObject(), conditions = JSONObject()
        for (name, value) in form.fields.sorted(by: { $0.key < $1.key }) {
            if name.hasPrefix("answer."), let score = Int(value) {
                answers.set(String(name.dropFirst(7)), .integer(score))
            } else if name.hasPrefix("condition.") {
                let id = String(name.dropFirst(10))
                if value == "true" { conditions.set(id, .bool(true)) } else if let number = Int(value) { conditions.set(id, .integer(number)) }
            }
        }
        return Answers(form: form["form"] ?? "", answers: answers, conditions: conditions, place: form["place"] ?? "", date: form["date"] ?? "")
    }

    static func draftParams(_ caseID: Int, _ given: Answers) -> JSONObject {
        var params: JSONObject = ["case": .integer(caseID), "form": .string(given.form), "answers": .object(given.answers), "conditions": .object(given.conditions)]
        if !given.place.isEmpty { params.set("place", .string(given.place)) }
        if !given.date.isEmpty { params.set("date", .string(given.date)) }
        return params
    }

    /// Save draft (kept, the form again), or Review (scored as `ltc score` scores, or the form again with every problem).
    static func review(_ call: WebCall, _ caseID: Int, _ form: WebForm) -> ServerResponse {
        let given = answers(form)
        let quiet = form["quiet"] == "1"
        do {
            let draft = try call.run(SaveDraft.name, draftParams(caseID, given))
            if quiet { return ServerResponse(status: 204, headers: WebView.securityHeaders, operation: SaveDraft.name) }
            if form["action"] != "review" {
                return assessForm(call, caseID, answers: given, problems: [], saved: draft["savedAt"]?.stringValue)
            }
        } catch {
            if quiet { return ServerResponse(status: ErrorClass.of(error).httpStatus, headers: WebView.securityHeaders, operation: SaveDraft.name) }
            return call.failure(error, operation: SaveDraft.name)
        }
        var params: JSONObject = ["form": .string(given.form), "answers": .object(given.answers)]
        if !given.conditions.isEmpty { params.set("conditions", .object(given.conditions)) }
        var problems: [String] = []
        if given.place.isEmpty { problems.append("请填写评估地点。Give the place of the visit.") }
        do {
            let scored = try call.run("assessment.score", params)
            guard problems.isEmpty else { return assessForm(call, caseID, answers: given, problems: problems, saved: nil, status: 400) }
            let dimensions: [[String: Any]] = (scored["dimensions"]?.objectValue ?? [:]).map { member in
                let dimension = member.value
                return ["name": "\(dimension["name"]?["zh"]?.stringValue ?? member.key) \(dimension["name"]?["en"]?.stringValue ?? "")",
                        "score": "\(dimension["score"].map { JSONWriter.string($0) } ?? "")/\(dimension["range"]?["max"].map { JSONWriter.string($0) } ?? "")",
                        "level": "\(dimension["level"].map { JSONWriter.string($0) } ?? "") \(dimension["label"]?["zh"]?.stringValue ?? "") \(dimension["label"]?["en"]?.stringValue ?? "")"]
            }
            var hidden: [[String: String]] = [["name": "form", "value": given.form], ["name": "place", "value": given.place], ["name": "date", "value": given.date]]
            for member in given.answers { hidden.append(["name": "answer." + member.key, "value": JSONWriter.string(member.value)]) }
            for member in given.conditions { hidden.append(["name": "condition." + member.key, "value": JSONWriter.string(member.value)]) }
            let explanation = (scored["explanation"]?["zh"]?.arrayValue ?? []).compactMap(\.stringValue)
                + (scored["explanation"]?["en"]?.arrayValue ?? []).compactMap(\.stringValue)
            let context: [String: Any] = [
                "case": caseID, "grade": scored["grade"]?["level"]?.intValue ?? 0,
                "gradeLabel": ["zh": scored["grade"]?["label"]?["zh"]?.stringValue ?? "", "en": scored["grade"]?["label"]?["en"]?.stringValue ?? ""],
                "dimensions": dimensions, "explanation": explanation, "hidden": hidden,
            ]
            return call.page("review", ("核对评分 案件 \(caseID)", "Review case \(caseID)"), context, operation: "assessment.score")
        } catch {
            problems += problemLines(error)
            return assessForm(call, caseID, answers: given, problems: problems, saved: nil, status: ErrorClass.of(error).httpStatus)
        }
    }

    /// An operation's refusal as lines to show beside the form: each problem the params had, or the message.
    static func problemLines(_ error: any Error) -> [String] {
        let rpc = RPCError.of(error)
        let listed = (rpc.data?["problems"]?.arrayValue ?? []).compactMap { problem -> String? in
            guard let message = problem["message"]?.stringValue else { return nil }
            return (problem["param"]?.stringValue.map { $0 + ": " } ?? "") + message
        }
        return listed.isEmpty ? [rpc.message] : listed
    }

    /// Save the assessment (`case.assess`), or go back to the form.
    static func save(_ call: WebCall, _ caseID: Int, _ form: WebForm) -> ServerResponse {
        let given = answers(form)
        if form["action"] == "back" { return assessForm(call, caseID, answers: given, problems: [], saved: nil) }
        var params: JSONObject = ["case": .integer(caseID), "form": .string(given.form), "answers": .object(given.answers), "place": .string(given.place)]
        if !given.conditions.isEmpty { params.set("conditions", .object(given.conditions)) }
        if !given.date.isEmpty { params.set("date", .string(given.date)) }
        do {
            let saved = try call.run(AssessCase.name, params)
            return evidencePage(call, caseID, grade: saved["assessment"]?["grade"]?.intValue)
        } catch {
            return assessForm(call, caseID, answers: given, problems: problemLines(error), saved: nil, status: ErrorClass.of(error).httpStatus)
        }
    }

    static func evidencePage(_ call: WebCall, _ caseID: Int, grade: Int?) -> ServerResponse {
        do {
            let listed = try call.run(ListEvidence.name, ["case": .integer(caseID)])
            let evidence: [[String: Any]] = (listed["evidence"]?.arrayValue ?? []).map { item in
                var row = WebView.dictionary(item.objectValue ?? [:])
                row["sha"] = String((item["sha256"]?.stringValue ?? "").prefix(16))
                return row
            }
            return call.page("assessed", ("评估已保存", "Assessment saved"),
                             ["case": caseID, "grade": grade.map(String.init) ?? "—", "evidence": evidence, "evidence_any": !evidence.isEmpty],
                             operation: ListEvidence.name)
        } catch {
            return call.failure(error, operation: ListEvidence.name)
        }
    }

    /// A photo, video or signature from the device: its bytes, never a path.
    static func evidence(_ call: WebCall, _ caseID: Int, _ form: WebForm) -> ServerResponse {
        guard let file = form.files["file"], !file.bytes.isEmpty else { return call.failure(status: 400, "请选择文件。Choose a file.") }
        var params: JSONObject = ["case": .integer(caseID), "kind": .string(form["kind"] ?? "photo")]
        if !file.name.isEmpty { params.set("name", .string(String(file.name.prefix(100)))) }
        do {
            _ = try call.run(AttachEvidence.name, params, attachments: ["file": Attachment(.bytes(file.bytes), name: file.name, size: file.bytes.count)])
            return evidencePage(call, caseID, grade: nil)
        } catch {
            return call.failure(error, operation: AttachEvidence.name)
        }
    }
}
