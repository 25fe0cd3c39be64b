import LTCCore

/// FHIR R4 names ltc uses when it exchanges forms and answers.
public enum FHIR {
    /// The canonical URL of a form's Questionnaire: `urn:ltc:form:cn-ltc-2021`.
    public static func canonical(_ form: AssessmentForm) -> String { "urn:ltc:form:\(form.id)" }
    /// The code system of a form's option scores and grades.
    static func scoreSystem(_ form: AssessmentForm) -> String { "urn:ltc:form:\(form.id):score" }
    static func gradeSystem(_ form: AssessmentForm) -> String { "urn:ltc:form:\(form.id):grade" }

    static let itemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight"
    static let translation = "http://hl7.org/fhir/StructureDefinition/translation"
    static let unitOption = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
    static let minValue = "http://hl7.org/fhir/StructureDefinition/minValue"
    static let maxValue = "http://hl7.org/fhir/StructureDefinition/maxValue"
    static let ucum = "http://unitsofmeasure.org"

    /// The UCUM code of each period a frequency item may be answered in.
    static func unit(_ period: Frequency.Period) -> (code: String, display: String) {
        switch period {
        case .perDay: ("/d", "per day")
        case .perWeek: ("/wk", "per week")
        case .perMonth: ("/mo", "per month")
        }
    }

    static func period(unitCode: String) -> Frequency.Period? {
        Frequency.Period.allCases.first { unit($0).code == unitCode }
    }

    /// The item ids of the result group ltc adds to a scored response.
    static let resultGroup = "ltc.result"

    /// `"text": zh` with `"_text"` carrying the English translation.
    static func localized(_ key: String, _ text: LocalizedText, into object: inout JSONObject) {
        object.set(key, .string(text.zh))
        object.set("_" + key, ["extension": [[
            "url": .string(translation),
            "extension": [["url": "lang", "valueCode": "en"], ["url": "content", "valueString": .string(text.en)]],
        ]]])
    }
}

extension AssessmentForm {
    /// The form as a FHIR R4 `Questionnaire` that FHIR form tools render: a
    /// group per dimension (and one for the conditions), a `choice` question
    /// per item whose answer options carry the score in the `itemWeight`
    /// extension and the English text in the `translation` extension, a
    /// `quantity` question per frequency item with its periods as unit
    /// options, `enableWhen` for items that apply only sometimes, and a
    /// read-only result group that a scored response fills in.
    ///
    /// ```swift
    /// let questionnaire = try catalog.form(id: "cn-ltc-2021").fhirQuestionnaire
    /// questionnaire["url"]   // "urn:ltc:form:cn-ltc-2021"
    /// ```
    public var fhirQuestionnaire: JSONValue {
        var root: JSONObject = [
            "resourceType": "Questionnaire",
            "id": .string(id),
            "url": .string(FHIR.canonical(self)),
            "version": .string(version),
            "status": "active",
            "language": "zh-CN",
        ]
        FHIR.localized("title", title, into: &root)
        root.set("description", .string(source))

        var groups: [JSONValue] = []
        if !conditions.isEmpty {
            var group: JSONObject = ["linkId": "conditions", "type": "group"]
            FHIR.localized("text", LocalizedText(zh: "评估条件", en: "conditions"), into: &group)
            group.set("item", .array(conditions.flatMap(conditionQuestions)))
            groups.append(.object(group))
        }
        for dimension in dimensions {
            var group: JSONObject = ["linkId": .string(dimension.id), "type": "group"]
            FHIR.localized("text", dimension.name, into: &group)
            group.set("item", .array(items(in: dimension.id).map(question)))
            groups.append(.object(group))
        }
        groups.append(resultGroup)
        root.set("item", .array(groups))
        return .object(root)
    }

    private func conditionQuestions(_ condition: Condition) -> [JSONValue] {
        var question: JSONObject = ["linkId": .string(condition.id)]
        FHIR.localized("text", condition.name, into: &question)
        switch condition.kind {
        case .boolean(_, let requiresReason):
            question.set("type", "boolean")
            question.set("required", .bool(condition.isRequired))
            guard requiresReason else { return [.object(question)] }
            var reason: JSONObject = ["linkId": .string(condition.id + ".reason"), "type": "text", "required": true]
            FHIR.localized("text", LocalizedText(zh: "\(condition.name.zh)：评估员说明理由", en: "\(condition.name.en): the assessor's reason"), into: &reason)
            reason.set("enableWhen", [["question": .string(condition.id), "operator": "=", "answerBoolean": true]])
            return [.object(question), .object(reason)]
        case .count(_, let maximum):
            question.set("type", "integer")
            question.set("required", .bool(condition.isRequired))
            question.set("extension", [
                ["url": .string(FHIR.minValue), "valueInteger": 0],
                ["url": .string(FHIR.maxValue), "valueInteger": .integer(maximum)],
            ])
        case .codes:
            question.set("type", "string")
            question.set("repeats", true)
        }
        return [.object(question)]
    }

    private func question(_ item: Item) -> JSONValue {
        var question: JSONObject = ["linkId": .string(item.id)]
        FHIR.localized("text", item.name, into: &question)
        if item.group != nil {
            question.set("type", "quantity")
            let periods = item.pointsPerOccurrence.isEmpty
                ? Frequency.Period.allCases
                : Frequency.Period.allCases.filter { item.pointsPerOccurrence[$0] != nil }
            question.set("extension", .array(periods.map { period in
                ["url": .string(FHIR.unitOption),
                 "valueCoding": ["system": .string(FHIR.ucum), "code": .string(FHIR.unit(period).code), "display": .string(FHIR.unit(period).display)]]
            }))
        } else {
            question.set("type", "choice")
            question.set("answerOption", .array(item.options.map { option in
                var coding: JSONObject = ["system": .string(FHIR.scoreSystem(self)), "code": .string(String(option.score))]
                FHIR.localized("display", option.label, into: &coding)
                return [
                    "extension": [["url": .string(FHIR.itemWeight), "valueDecimal": .integer(option.score)]],
                    "valueCoding": .object(coding),
                ]
            }))
        }
        question.set("required", .bool(item.when.isEmpty))
        if !item.when.isEmpty {
            question.set("enableWhen", .array(item.when.compactMap(enableWhen)))
            question.set("enableBehavior", "all")
        }
        return .object(question)
    }

    private func enableWhen(_ clause: ConditionClause) -> JSONValue? {
        switch clause {
        case .is(let id, let flag): ["question": .string(id), "operator": "=", "answerBoolean": .bool(flag)]
        case .atLeast(let id, let bound): ["question": .string(id), "operator": ">=", "answerInteger": .integer(bound)]
        case .below(let id, let bound): ["question": .string(id), "operator": "<", "answerInteger": .integer(bound)]
        case .anyIn, .gradeAtLeast: nil
        }
    }

    /// Read-only questions a scored response answers: the grade, the total, each dimension's score.
    private var resultGroup: JSONValue {
        var group: JSONObject = ["linkId": .string(FHIR.resultGroup), "type": "group", "readOnly": true]
        FHIR.localized("text", LocalizedText(zh: "评估结果（由 ltc 计算）", en: "result (computed by ltc)"), into: &group)
        var questions: [JSONValue] = []
        var grade: JSONObject = ["linkId": "ltc.grade", "type": "choice", "readOnly": true]
        FHIR.localized("text", LocalizedText(zh: "等级", en: "grade"), into: &grade)
        grade.set("answerOption", .array(grades.map { grade in
            var coding: JSONObject = ["system": .string(FHIR.gradeSystem(self)), "code": .string(String(grade.level))]
            FHIR.localized("display", grade.label, into: &coding)
            return ["valueCoding": .object(coding)]
        }))
        questions.append(.object(grade))
        if grading.total != nil {
            var total: JSONObject = ["linkId": "ltc.total", "type": "decimal", "readOnly": true]
            FHIR.localized("text", LocalizedText(zh: "总分", en: "total"), into: &total)
            questions.append(.object(total))
        }
        for dimension in dimensions {
            var score: JSONObject = ["linkId": .string("ltc.score." + dimension.id), "type": "integer", "readOnly": true]
            FHIR.localized("text", dimension.name, into: &score)
            questions.append(.object(score))
        }
        group.set("item", .array(questions))
        return .object(group)
    }
}
