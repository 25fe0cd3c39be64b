import LTCCore

/// A FHIR `QuestionnaireResponse` that cannot be read as answers to a form,
/// with every problem and its JSON path.
public struct FHIRResponseError: LTCError, Equatable {
    public var source: String
    public var problems: [JSONProblem]

    public init(source: String, problems: [JSONProblem]) {
        self.source = source
        self.problems = problems
    }

    public var kind: String { "invalidInput" }

    public var details: JSONObject {
        ["source": .string(source), "problems": .array(problems.map(\.json))]
    }

    public var description: String {
        "\(source) is not a usable QuestionnaireResponse: " + problems.map(\.description).joined(separator: "; ")
    }
}

extension FHIR {
    /// Whether a JSON document is a FHIR `QuestionnaireResponse`.
    public static func isResponse(_ document: JSONValue) -> Bool {
        document["resourceType"]?.stringValue == "QuestionnaireResponse"
    }

    /// The form a response answers, from its `questionnaire` canonical
    /// (`urn:ltc:form:ID`, optionally `|VERSION`).
    public static func formID(ofResponse response: JSONValue, source: String) throws(FHIRResponseError) -> String {
        let path = JSONPath.root.appending("questionnaire")
        guard let canonical = response["questionnaire"]?.stringValue else {
            throw FHIRResponseError(source: source, problems: [JSONProblem(path: path, message: "missing; name the form as \"urn:ltc:form:ID\"")])
        }
        let url = canonical.split(separator: "|", maxSplits: 1).first.map(String.init) ?? canonical
        guard url.hasPrefix("urn:ltc:form:"), url.count > "urn:ltc:form:".count else {
            throw FHIRResponseError(source: source, problems: [JSONProblem(path: path, message: "'\(canonical)' is not a form of ltc; expected \"urn:ltc:form:ID\" as exported by `ltc forms export ID --fhir`")])
        }
        return String(url.dropFirst("urn:ltc:form:".count))
    }
}

extension AssessmentForm {
    /// Reads a FHIR `QuestionnaireResponse` to this form's Questionnaire into
    /// answers and conditions, which ``score(answers:conditions:)`` then
    /// checks as it checks native ones. Choice answers are the option's
    /// score code; frequency answers a `valueQuantity` whose unit is `/d`,
    /// `/wk` or `/mo`; the result group (`ltc.*`) is ignored.
    public func answers(fromFHIR response: JSONValue, source: String) throws(FHIRResponseError) -> (answers: JSONObject, conditions: JSONObject) {
        let log = JSONProblemLog()
        if !FHIR.isResponse(response) {
            log.report(.root.appending("resourceType"), "expected \"QuestionnaireResponse\", found \(response["resourceType"]?.description ?? "nothing")")
        }
        var questions: [(linkId: String, answers: [(value: JSONValue, path: JSONPath)], path: JSONPath)] = []
        collect(response, at: .root, into: &questions, log: log)

        var answers = JSONObject(), conditions = JSONObject()
        var reasons: [String: String] = [:]
        var seen: Set<String> = []
        for question in questions where !question.answers.isEmpty && !question.linkId.hasPrefix("ltc.") {
            guard seen.insert(question.linkId).inserted else {
                log.report(question.path.appending("linkId"), "'\(question.linkId)' is answered twice")
                continue
            }
            let repeats = condition(question.linkId).map { if case .codes = $0.kind { true } else { false } } ?? false
            if question.answers.count > 1 && !repeats {
                log.report(question.path.appending("answer"), "'\(question.linkId)' takes one answer, found \(question.answers.count)")
                continue
            }
            let (answer, path) = question.answers[0]
            if let reasonOf = question.linkId.reasonCondition, condition(reasonOf) != nil {
                if let text = answer["valueString"]?.stringValue { reasons[reasonOf] = text }
                else { log.report(path, "expected valueString with the reason") }
            } else if let condition = condition(question.linkId) {
                switch condition.kind {
                case .boolean:
                    conditions.set(condition.id, answer["valueBoolean"] ?? value(of: answer, at: path, expected: "valueBoolean", log: log))
                case .count:
                    conditions.set(condition.id, answer["valueInteger"] ?? value(of: answer, at: path, expected: "valueInteger", log: log))
                case .codes:
                    conditions.set(condition.id, .array(question.answers.map { answer, path in
                        answer["valueString"] ?? answer["valueCoding"]?["code"] ?? value(of: answer, at: path, expected: "valueString (an ICD-10 code)", log: log)
                    }))
                }
            } else if let item = item(question.linkId), item.group != nil {
                guard let quantity = answer["valueQuantity"] else {
                    answers.set(item.id, value(of: answer, at: path, expected: "valueQuantity with unit /d, /wk or /mo", log: log))
                    continue
                }
                let unit = quantity["code"]?.stringValue ?? quantity["unit"]?.stringValue ?? ""
                guard let period = FHIR.period(unitCode: unit) else {
                    log.report(path.appending("valueQuantity"), "unit '\(unit)' is not a period; use /d, /wk or /mo (UCUM)")
                    continue
                }
                answers.set(item.id, [period.rawValue: quantity["value"] ?? .null])
            } else if item(question.linkId) != nil {
                if let code = answer["valueCoding"]?["code"]?.stringValue {
                    answers.set(question.linkId, Int(code).map(JSONValue.integer) ?? .string(code))
                } else {
                    answers.set(question.linkId, answer["valueInteger"] ?? value(of: answer, at: path, expected: "valueCoding whose code is the option's score", log: log))
                }
            } else {
                // Not a question of this form: the scorer names it among the answers' problems.
                answers.set(question.linkId, answer)
            }
        }
        for (id, reason) in reasons {
            if conditions[id]?.boolValue == true {
                conditions.set(id, ["value": true, "reason": .string(reason)])
            }
        }
        guard log.problems.isEmpty else { throw FHIRResponseError(source: source, problems: log.problems) }
        return (answers, conditions)
    }

    private func collect(_ node: JSONValue, at path: JSONPath,
                         into questions: inout [(linkId: String, answers: [(value: JSONValue, path: JSONPath)], path: JSONPath)],
                         log: JSONProblemLog) {
        guard let children = node["item"] else { return }
        guard let items = children.arrayValue else {
            log.report(path.appending("item"), "expected an array of items, found \(children.typeName)")
            return
        }
        for (index, item) in items.enumerated() {
            let itemPath = path.appending("item").appending(index)
            guard let linkId = item["linkId"]?.stringValue else {
                log.report(itemPath.appending("linkId"), "missing (every item needs its linkId)")
                continue
            }
            var answers: [(value: JSONValue, path: JSONPath)] = []
            if let given = item["answer"] {
                guard let list = given.arrayValue else {
                    log.report(itemPath.appending("answer"), "expected an array of answers, found \(given.typeName)")
                    continue
                }
                for (position, answer) in list.enumerated() {
                    let answerPath = itemPath.appending("answer").appending(position)
                    answers.append((answer, answerPath))
                    collect(answer, at: answerPath, into: &questions, log: log)
                }
            }
            questions.append((linkId, answers, itemPath))
            collect(item, at: itemPath, into: &questions, log: log)
        }
    }

    /// Reports an answer without the expected value[x] and stands in for it.
    private func value(of answer: JSONValue, at path: JSONPath, expected: String, log: JSONProblemLog) -> JSONValue {
        log.report(path, "expected \(expected), found \(answer)")
        return .null
    }

    /// The response with its status `completed` and the result group filled in:
    /// the grade (coded), the total for forms graded by total, and each
    /// dimension's score. What `--fhir` returns.
    public func fhirScoredResponse(_ response: JSONValue, result: AssessmentResult) -> JSONValue {
        guard case .object(var root) = response else { return response }
        root.set("status", "completed")
        var items = (root["item"]?.arrayValue ?? []).filter { $0["linkId"]?.stringValue != FHIR.resultGroup }
        var answered: [JSONValue] = []
        var grade: JSONObject = ["system": .string(FHIR.gradeSystem(self)), "code": .string(String(result.grade.level))]
        FHIR.localized("display", result.grade.label, into: &grade)
        answered.append(["linkId": "ltc.grade", "answer": [["valueCoding": .object(grade)]]])
        if let total = result.total {
            answered.append(["linkId": "ltc.total", "answer": [["valueDecimal": total.total.json]]])
        }
        for dimension in result.dimensions {
            answered.append(["linkId": .string("ltc.score." + dimension.dimension.id), "answer": [["valueInteger": .integer(dimension.score)]]])
        }
        items.append(["linkId": .string(FHIR.resultGroup), "item": .array(answered)])
        root.set("item", .array(items))
        return .object(root)
    }
}

private extension String {
    /// `limbsLost` for `limbsLost.reason`.
    var reasonCondition: String? {
        hasSuffix(".reason") ? String(dropLast(".reason".count)) : nil
    }
}
