import LTCCore

/// Conditions, rule clauses, adjustments and frequency groups.
extension FormDecoder {
    /// The largest bound a clause, a condition's maximum or a `worsenBy` may name.
    static let maximumBound = 1_000_000

    // MARK: Conditions

    func decodeConditions(_ elements: [(value: JSONValue, path: JSONPath)]) -> [Condition] {
        var seen: Set<String> = []
        return elements.compactMap { element -> Condition? in
            guard let fields = log.fields(of: element.value, at: element.path,
                                          accepting: ["id", "type", "name", "default", "maximum", "requiresReason", "system"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted {
                log.report(fields.path.appending("id"), "duplicate condition id '\(id)'")
            }
            let name = fields.localizedText("name")
            let type = fields.string("type")
            func refuse(_ keys: [String]) {
                for key in keys where fields.has(key) {
                    log.report(fields.path.appending(key), "not a field of a '\(type ?? "")' condition")
                }
            }
            var kind: Condition.Kind?
            switch type {
            case "boolean":
                refuse(["maximum", "system"])
                let value = fields.object["default"]
                if let value, value.boolValue == nil {
                    log.report(fields.path.appending("default"), "expected true or false, found \(value.typeName) \(value)")
                }
                let requiresReason = fields.object["requiresReason"]
                if let requiresReason, requiresReason.boolValue == nil {
                    log.report(fields.path.appending("requiresReason"), "expected true or false, found \(requiresReason.typeName) \(requiresReason)")
                }
                kind = .boolean(default: value?.boolValue, requiresReason: requiresReason?.boolValue ?? false)
            case "count":
                refuse(["requiresReason", "system"])
                let maximum = fields.int("maximum")
                let value = fields.optionalInt("default")
                if let maximum, !(0...Self.maximumBound).contains(maximum) {
                    log.report(fields.path.appending("maximum"), "\(maximum) is outside 0–\(Self.maximumBound)")
                }
                if let value, let maximum, !(0...max(maximum, 0)).contains(value) {
                    log.report(fields.path.appending("default"), "\(value) is outside 0–\(maximum)")
                }
                if let maximum { kind = .count(default: value, maximum: maximum) }
            case "codes":
                refuse(["maximum", "requiresReason", "default"])
                if let system = fields.string("system"), system != "ICD-10" {
                    log.report(fields.path.appending("system"), "unsupported code system '\(system)'; ltc reads ICD-10")
                }
                kind = .codes
            case let other?:
                log.report(fields.path.appending("type"), "unknown condition type '\(other)'; accepted: boolean, count, codes")
            case nil:
                break
            }
            guard let id, let name, let kind else { return nil }
            return Condition(id: id, name: name, kind: kind)
        }
    }

    // MARK: Clauses

    /// A list of clauses that must all hold. `grades` is `nil` where a grade
    /// clause makes no sense (item applicability is decided before grading).
    func decodeClauses(_ elements: [(value: JSONValue, path: JSONPath)], conditions: [Condition], grades: [Grade]?,
                       itemApplicability: Bool = false) -> [ConditionClause] {
        elements.compactMap { element -> ConditionClause? in
            guard let fields = log.fields(of: element.value, at: element.path,
                                          accepting: ["condition", "is", "atLeast", "below", "anyIn", "grade"]) else { return nil }
            if let gradeFields = fields.fields("grade", accepting: ["atLeast"], required: false) {
                guard let grades else {
                    log.report(gradeFields.path, "an item's 'when' cannot test the grade, which is decided after the items")
                    return nil
                }
                guard let level = gradeFields.int("atLeast") else { return nil }
                if !grades.contains(where: { $0.level == level }) {
                    log.report(gradeFields.path.appending("atLeast"), "grade \(level) is not defined in 'grades'")
                }
                return .gradeAtLeast(level)
            }
            guard let id = fields.nonEmptyString("condition") else { return nil }
            guard let condition = conditions.first(where: { $0.id == id }) else {
                log.report(fields.path.appending("condition"), "unknown condition '\(id)'; the form's conditions: \(conditions.isEmpty ? "none" : conditions.map(\.id).joined(separator: ", "))")
                return nil
            }
            let tests = ["is", "atLeast", "below", "anyIn"].filter(fields.has)
            guard tests.count == 1, let test = tests.first else {
                log.report(fields.path, "give exactly one test of 'is', 'atLeast', 'below' or 'anyIn'")
                return nil
            }
            let at = fields.path.appending(test)
            switch (condition.kind, test) {
            case (.boolean, "is"):
                guard let flag = fields.object["is"]?.boolValue else {
                    log.report(at, "expected true or false")
                    return nil
                }
                return .is(condition: id, flag)
            case (.count, "atLeast"), (.count, "below"):
                guard let bound = fields.int(test) else { return nil }
                guard (0...Self.maximumBound).contains(bound) else {
                    log.report(at, "\(bound) is outside 0–\(Self.maximumBound)")
                    return nil
                }
                return test == "atLeast" ? .atLeast(condition: id, bound) : .below(condition: id, bound)
            case (.codes, "anyIn"):
                if itemApplicability {
                    log.report(at, "an item's 'when' may test boolean and count conditions only")
                    return nil
                }
                guard let ranges = fields.array("anyIn") else { return nil }
                if ranges.isEmpty { log.report(at, "name at least one range of ICD-10 categories") }
                let decoded = ranges.compactMap { range -> CodeRange? in
                    guard let rangeFields = log.fields(of: range.value, at: range.path, accepting: ["from", "to"]),
                          let from = rangeFields.string("from"), let to = rangeFields.string("to") else { return nil }
                    for (key, code) in [("from", from), ("to", to)] where !CodeRange.isCategory(code) {
                        log.report(rangeFields.path.appending(key), "'\(code)' is not an ICD-10 category (a capital letter and two digits, e.g. F00)")
                    }
                    if from > to { log.report(rangeFields.path, "from '\(from)' comes after to '\(to)'") }
                    return CodeRange(from: from, to: to)
                }
                return decoded.count == ranges.count ? .anyIn(condition: id, decoded) : nil
            default:
                let accepted = switch condition.kind {
                case .boolean: "'is'"
                case .count: "'atLeast' or 'below'"
                case .codes: "'anyIn'"
                }
                log.report(at, "'\(test)' does not apply to condition '\(id)'; it accepts \(accepted)")
                return nil
            }
        }
    }

    // MARK: Adjustments

    func decodeAdjustments(_ elements: [(value: JSONValue, path: JSONPath)], conditions: [Condition], grades: [Grade]) -> [Adjustment] {
        var seen: Set<String> = []
        return elements.compactMap { element -> Adjustment? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["id", "when", "then", "reason"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted {
                log.report(fields.path.appending("id"), "duplicate adjustment id '\(id)'")
            }
            let reason = fields.localizedText("reason")
            let when = fields.array("when").map { decodeClauses($0, conditions: conditions, grades: grades) }
            if let elements = fields.array("when", required: false), elements.isEmpty {
                log.report(fields.path.appending("when"), "name at least one clause")
            }
            var effect: Adjustment.Effect?
            if let then = fields.fields("then", accepting: ["grade", "worsenBy"]) {
                switch (then.optionalInt("grade"), then.optionalInt("worsenBy")) {
                case (let level?, nil):
                    if !grades.contains(where: { $0.level == level }) {
                        log.report(then.path.appending("grade"), "grade \(level) is not defined in 'grades'")
                    }
                    effect = .grade(level)
                case (nil, let steps?):
                    if !(1...Self.maximumBound).contains(steps) { log.report(then.path.appending("worsenBy"), "must be from 1 to \(Self.maximumBound)") }
                    effect = .worsenBy(steps)
                default:
                    log.report(then.path, "give exactly one of 'grade' (a grade level) or 'worsenBy' (a number of grades)")
                }
            }
            guard let id, let reason, let when, let effect else { return nil }
            return Adjustment(id: id, when: when, effect: effect, reason: reason)
        }
    }

    // MARK: Frequency groups

    func decodeGroups(_ elements: [(value: JSONValue, path: JSONPath)], dimensions: [Dimension]) -> [CountGroup] {
        var seen: Set<String> = []
        coverage.declaredGroups = Set(elements.compactMap { $0.value["id"]?.stringValue })
        coverage.dimensionsWithGroups = Set(elements.compactMap { $0.value["dimension"]?.stringValue })
        return elements.compactMap { element -> CountGroup? in
            guard let fields = log.fields(of: element.value, at: element.path,
                                          accepting: ["id", "dimension", "name", "measure", "steps"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted {
                log.report(fields.path.appending("id"), "duplicate group id '\(id)'")
            }
            let name = fields.localizedText("name")
            let dimensionID = fields.nonEmptyString("dimension")
            if let dimensionID, !dimensions.contains(where: { $0.id == dimensionID }) {
                log.report(fields.path.appending("dimension"),
                           "unknown dimension '\(dimensionID)'; the form's dimensions: \(dimensions.map(\.id).joined(separator: ", "))")
            }
            let measureText = fields.string("measure")
            let measure = measureText.flatMap(CountGroup.Measure.init(rawValue:))
            if let measureText, measure == nil {
                log.report(fields.path.appending("measure"), "unknown measure '\(measureText)'; accepted: perDay (daily average of occurrences), points (points per occurrence)")
            }
            let steps = measure.flatMap { measure in fields.array("steps").flatMap { decodeSteps($0, measure: measure) } }
            guard let id, let name, let dimensionID, let measure, let steps else { return nil }
            return CountGroup(id: id, dimension: dimensionID, name: name, measure: measure, steps: steps)
        }
    }

    func decodeSteps(_ elements: [(value: JSONValue, path: JSONPath)], measure: CountGroup.Measure) -> [CountGroup.Step]? {
        var steps: [CountGroup.Step] = []
        for element in elements {
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["score", "atLeast", "above"]) else { continue }
            let score = fields.int("score")
            if let score, score < 1 { log.report(fields.path.appending("score"), "a step scores 1 or more; below the first step the group scores 0") }
            let keys = ["atLeast", "above"].filter(fields.has)
            guard keys.count == 1, let key = keys.first, let value = fields.object[key] else {
                log.report(fields.path, "give exactly one threshold: 'atLeast' or 'above'")
                continue
            }
            let threshold: (Int, String)?
            switch measure {
            case .perDay:
                switch Frequency.read(value) {
                case .success(let frequency): threshold = (frequency.perDayIn210ths, frequency.description)
                case .failure(let error):
                    log.report(fields.path.appending(key), error.message)
                    threshold = nil
                }
            case .points:
                threshold = points(key, in: fields).map { ($0.hundredths, $0.description) }
            }
            if let score, let (value, text) = threshold {
                steps.append(CountGroup.Step(score: score, threshold: value, inclusive: key == "atLeast", text: text))
            }
        }
        guard steps.count == elements.count else { return nil }
        if steps.isEmpty { log.report(elements.first?.path ?? .root, "a group needs at least one step") }
        for (index, (previous, next)) in zip(steps, steps.dropFirst()).enumerated() {
            let path = elements[index + 1].path
            if next.threshold < previous.threshold || (next.threshold == previous.threshold && (next.inclusive || !previous.inclusive)) {
                log.report(path, "steps must rise: this threshold (\(next.text)) is not above the one before (\(previous.text))")
            }
            if next.score <= previous.score {
                log.report(path.appending("score"), "steps must score more as the threshold rises: \(next.score) after \(previous.score)")
            }
        }
        return steps
    }

    /// An item of a frequency group: `points` per period for a points group, none for a per-day group.
    func decodeCountItem(_ fields: JSONFields, id: String?, name: LocalizedText?, when: [ConditionClause], groups: [CountGroup]) -> Item? {
        for key in ["dimension", "options"] where fields.has(key) {
            log.report(fields.path.appending(key), "an item of a group is answered as a frequency; its dimension is the group's")
        }
        guard let groupID = fields.nonEmptyString("group") else { return nil }
        guard let group = groups.first(where: { $0.id == groupID }) else {
            // A group that is declared but broken has been reported already.
            if coverage.declaredGroups.contains(groupID) { return nil }
            log.report(fields.path.appending("group"), "unknown group '\(groupID)'; the form's groups: \(groups.isEmpty ? "none" : groups.map(\.id).joined(separator: ", "))")
            return nil
        }
        var points: [Frequency.Period: Points] = [:]
        switch group.measure {
        case .perDay:
            if fields.has("points") {
                log.report(fields.path.appending("points"), "group '\(groupID)' counts occurrences per day; only a points group gives points")
            }
        case .points:
            if let perPeriod = fields.fields("points", accepting: Frequency.Period.allCases.map(\.rawValue)) {
                for period in Frequency.Period.allCases where perPeriod.has(period.rawValue) {
                    points[period] = self.points(period.rawValue, in: perPeriod)
                }
                if perPeriod.object.isEmpty { log.report(perPeriod.path, "give the points for at least one of perDay, perWeek, perMonth") }
            }
        }
        guard let id, let name else { return nil }
        return Item(id: id, dimension: group.dimension, name: name, options: [], group: groupID,
                    pointsPerOccurrence: points, when: when)
    }
}
