import LTCCore

/// Reads a scheme's `benefits` section, reporting every problem with its path.
struct BenefitDecoder {
    let log: JSONProblemLog

    func benefits(_ fields: JSONFields, assessment: Scheme.Assessment?, eligibility: Scheme.Eligibility?) -> BenefitSettings? {
        let grades = fields.array("grades")?.compactMap { value, path -> Int? in
            guard let grade = value.intValue else {
                log.report(path, "expected a grade (integer), found \(value.typeName)")
                return nil
            }
            return grade
        } ?? []
        if let minimum = assessment?.minimumGrade {
            if !grades.contains(minimum) {
                log.report(fields.path.appending("grades"), "must include the minimum grade for benefits, \(minimum)")
            }
            for grade in grades where grade < minimum {
                log.report(fields.path.appending("grades"), "grade \(grade) is below the minimum grade for benefits, \(minimum)")
            }
        }
        let start = choice(fields, "start", BenefitSettings.Start.self)
        let modeChange = choice(fields, "modeChange", BenefitSettings.ModeChange.self)
        let gradeChange = fields.has("gradeChange") ? choice(fields, "gradeChange", BenefitSettings.ModeChange.self) : .sameDay
        let modes = fields.array("modes").map(self.modes) ?? []
        let catalogue = fields.array("catalogue").map { self.catalogue($0, modes: modes) } ?? []
        let table = fields.array("table").map { rules($0, modes: modes, catalogue: catalogue, grades: grades) } ?? []
        for grade in grades {
            for mode in modes {
                let rows = table.filter { $0.grade == grade && $0.mode == mode.id }
                if rows.isEmpty {
                    log.report(fields.path.appending("table"), "missing the row for grade \(grade) in mode '\(mode.id)'")
                } else if !rows.contains(where: { $0.insured == nil }) {
                    for type in eligibility?.insuranceTypes ?? [] where !rows.contains(where: { $0.insured == type }) {
                        log.report(fields.path.appending("table"),
                                   "missing the \(type.rawValue) row for grade \(grade) in mode '\(mode.id)': the scheme covers \(type.rawValue) insurance and prices groups apart here")
                    }
                }
            }
        }
        let subsidies = fields.array("subsidies", required: false).map(self.subsidies) ?? []
        let monitoring = fields.fields("monitoring", accepting: ["duration", "lateDays", "checkInRadiusMeters", "qualifications", "analytics"],
                                       required: false).flatMap { self.monitoring($0, catalogue: catalogue) }
        var funding: [InsuranceType: Funding] = [:]
        if let section = fields.fields("funding", accepting: InsuranceType.allCases.map(\.rawValue)) {
            for type in InsuranceType.allCases where section.has(type.rawValue) {
                funding[type] = section.fields(type.rawValue, accepting: [
                    "employerRate", "individualRate", "individualPerCapita", "governmentPerCapita",
                ]).flatMap(self.funding)
            }
            for type in eligibility?.insuranceTypes ?? [] where !section.has(type.rawValue) {
                log.report(section.path.appending(type.rawValue), "missing: the scheme covers \(type.rawValue) insurance")
            }
        }
        guard let start, let modeChange, let gradeChange else { return nil }
        var settings = BenefitSettings(grades: grades, start: start, modeChange: modeChange, modes: modes, catalogue: catalogue,
                                       table: table, subsidies: subsidies, funding: funding, monitoring: monitoring)
        settings.gradeChange = gradeChange
        if let value = fields.object["carerTrainingRequired"] {
            if case .bool(let flag) = value { settings.carerTrainingRequired = flag } else {
                log.report(fields.path.appending("carerTrainingRequired"), "expected true or false, found \(value)")
            }
        }
        if let plans = fields.fields("carePlans", accepting: ["needsForm", "reviewMonths"], required: false) {
            let form = plans.nonEmptyString("needsForm"), months = plans.int("reviewMonths")
            if let months, !(1...60).contains(months) { log.report(plans.path.appending("reviewMonths"), "\(months) is outside 1–60") }
            if let form, let months { settings.carePlans = CarePlanSettings(needsForm: form, reviewMonths: months) }
        }
        return settings
    }

    func choice<T: RawRepresentable & CaseIterable>(_ fields: JSONFields, _ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let text = fields.string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            log.report(fields.path.appending(key), "'\(text)' is not accepted; use \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }


    /// A non-negative amount in yuan with at most two decimals.
    func money(_ fields: JSONFields, _ key: String, required: Bool = true) -> Money? {
        guard let value = fields.object[key] else {
            if required { log.report(fields.path.appending(key), "missing required field (amount in yuan)") }
            return nil
        }
        guard let money = Money(json: value) else {
            log.report(fields.path.appending(key), "\(value) is not an amount in yuan with at most two decimals")
            return nil
        }
        guard money >= .zero else {
            log.report(fields.path.appending(key), "\(value) is negative")
            return nil
        }
        return money
    }

    func ratio(_ fields: JSONFields, _ key: String) -> Ratio? {
        guard let value = fields.object[key] else {
            log.report(fields.path.appending(key), "missing required field (a share from 0 to 1)")
            return nil
        }
        guard let ratio = Ratio(json: value) else {
            log.report(fields.path.appending(key), "\(value) is not a share from 0 to 1 with at most four decimals")
            return nil
        }
        return ratio
    }

    func modes(_ elements: [(value: JSONValue, path: JSONPath)]) -> [ServiceMode] {
        var seen: Set<String> = []
        return elements.compactMap { element -> ServiceMode? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["id", "name", "delivery"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted { log.report(fields.path.appending("id"), "duplicate mode id '\(id)'") }
            let name = fields.localizedText("name")
            let delivery = choice(fields, "delivery", ServiceMode.Delivery.self)
            guard let id, let name, let delivery else { return nil }
            return ServiceMode(id: id, name: name, delivery: delivery)
        }
    }

    func catalogue(_ elements: [(value: JSONValue, path: JSONPath)], modes: [ServiceMode]) -> [ServiceItem] {
        var seen: Set<String> = []
        return elements.compactMap { element -> ServiceItem? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: [
                "code", "name", "unit", "price", "needs", "modes", "usualPerWeek", "maxPerWeek", "maxPerDay", "minutes",
            ]) else { return nil }
            let code = fields.nonEmptyString("code")
            if let code, !seen.insert(code).inserted { log.report(fields.path.appending("code"), "duplicate service code '\(code)'") }
            let name = fields.localizedText("name")
            let unit = choice(fields, "unit", ServiceItem.Unit.self)
            let price = money(fields, "price")
            let planning = planning(fields, unit: unit, modes: modes)
            guard let code, let name, let unit, let price else { return nil }
            return ServiceItem(code: code, name: name, unit: unit, price: price, planning: planning)
        }
    }

    /// A catalogue entry's care-plan rules: frequencies 1–99 a week and
    /// 1–24 a day, the usual within the most, the day's within the week's;
    /// minutes (15–480) only for an hour-priced item; modes of the scheme.
    func planning(_ fields: JSONFields, unit: ServiceItem.Unit?, modes: [ServiceMode]) -> ServiceItem.Planning {
        var planning = ServiceItem.Planning()
        planning.needs = fields.array("needs", required: false)?.compactMap { value, path -> String? in
            guard let need = value.stringValue, !need.isEmpty else {
                log.report(path, "expected a need (an item id of the scheme's care-needs form), found \(value)")
                return nil
            }
            return need
        } ?? []
        planning.modes = fields.array("modes", required: false)?.compactMap { value, path -> String? in
            guard let mode = value.stringValue, modes.contains(where: { $0.id == mode }) else {
                log.report(path, "\(value) is not a mode of the scheme; its modes: \(modes.map(\.id).joined(separator: ", "))")
                return nil
            }
            return mode
        }
        func count(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard fields.has(key), let value = fields.int(key) else { return nil }
            guard range.contains(value) else {
                log.report(fields.path.appending(key), "\(value) is outside \(range.lowerBound)–\(range.upperBound)")
                return nil
            }
            return value
        }
        planning.usualPerWeek = count("usualPerWeek", 1...99)
        planning.maxPerWeek = count("maxPerWeek", 1...99)
        planning.maxPerDay = count("maxPerDay", 1...24)
        planning.minutes = count("minutes", 15...480)
        if let usual = planning.usualPerWeek, let most = planning.maxPerWeek, usual > most {
            log.report(fields.path.appending("usualPerWeek"), "\(usual) is more than maxPerWeek, \(most)")
        }
        if let day = planning.maxPerDay, let week = planning.maxPerWeek, day > week {
            log.report(fields.path.appending("maxPerDay"), "\(day) is more than maxPerWeek, \(week)")
        }
        if planning.minutes != nil, let unit, unit != .hour {
            log.report(fields.path.appending("minutes"), "only an hour-priced item has minutes; this one is priced by the \(unit.rawValue)")
        }
        return planning
    }

    /// Which fields each pricing needs; any other pricing field is refused.
    /// A service pricing may carry a cash part too (a combined package:
    /// Tianjin's family carer is 750 a month cash beside care up to 1100 at 75 %).
    static let pricingFields: [BenefitRule.Pricing: (required: [String], optional: [String])] = [
        .hourly: (["unitPrice", "ratio"], ["monthlyCap", "items", "hoursPerWeek", "hoursPerMonth", "cashPerMonth", "cashPerDay", "continuityBonus"]),
        .visit: (["unitPrice", "ratio"], ["monthlyCap", "items", "visitsPerWeek", "visitsPerMonth", "cashPerMonth", "cashPerDay", "copayPerVisit"]),
        .daily: (["dailyCap", "ratio"], ["monthlyCap", "items", "cashPerMonth", "cashPerDay"]),
        .monthly: (["monthlyCap", "ratio"], ["items", "cashPerMonth", "cashPerDay"]),
        .cash: ([], ["cashPerMonth", "cashPerDay"]),
    ]

    func rules(_ elements: [(value: JSONValue, path: JSONPath)], modes: [ServiceMode], catalogue: [ServiceItem], grades: [Int]) -> [BenefitRule] {
        var seen: Set<String> = []
        let all = ["grade", "mode", "insured", "tier", "pricing", "unitPrice", "hoursPerWeek", "hoursPerMonth", "visitsPerWeek", "visitsPerMonth",
                   "dailyCap", "monthlyCap", "ratio", "cashPerMonth", "cashPerDay", "copayPerVisit", "continuityBonus", "items"]
        return elements.compactMap { element -> BenefitRule? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: all) else { return nil }
            let grade = fields.int("grade")
            if let grade, !grades.contains(grade) {
                log.report(fields.path.appending("grade"), "grade \(grade) is not in 'grades'")
            }
            let mode = fields.nonEmptyString("mode")
            if let mode, !modes.contains(where: { $0.id == mode }) {
                log.report(fields.path.appending("mode"), "unknown mode '\(mode)'; the scheme's modes: \(modes.map(\.id).joined(separator: ", "))")
            }
            let insured = fields.has("insured") ? choice(fields, "insured", InsuranceType.self) : nil
            var tier: Int?
            if fields.has("tier") {
                tier = fields.int("tier")
                if let value = tier, !InsuredGroup.tiers.contains(value) {
                    log.report(fields.path.appending("tier"), "\(value) is not a tier from \(InsuredGroup.tiers.lowerBound) to \(InsuredGroup.tiers.upperBound)")
                }
                if !fields.has("insured") { log.report(fields.path.appending("tier"), "a tier is of an insured group: give 'insured' too") }
            }
            let group = insured.map { InsuredGroup($0, tier: tier) }
            if let grade, let mode, !seen.insert("\(grade)|\(mode)|\(group?.description ?? "")").inserted {
                log.report(fields.path, "a second row for grade \(grade) in mode '\(mode)'\(group.map { " for \($0) insurance" } ?? "")")
            }
            guard let pricing = choice(fields, "pricing", BenefitRule.Pricing.self), let grade, let mode,
                  insured != nil || !fields.has("insured") else { return nil }
            let (required, optional) = Self.pricingFields[pricing]!
            for key in fields.object.keys where !["grade", "mode", "insured", "tier", "pricing"].contains(key) && !required.contains(key) && !optional.contains(key) {
                log.report(fields.path.appending(key), "does not apply to \(pricing.rawValue) pricing")
            }
            var rule = BenefitRule(grade: grade, mode: mode, insured: insured, tier: tier, pricing: pricing, unitPrice: nil, quantity: nil, dailyCap: nil,
                                   monthlyCap: nil, ratio: nil, cashPerMonth: nil, cashPerDay: nil, items: [])
            if required.contains("unitPrice") { rule.unitPrice = money(fields, "unitPrice") }
            if required.contains("ratio") { rule.ratio = ratio(fields, "ratio") }
            if required.contains("dailyCap") { rule.dailyCap = money(fields, "dailyCap") }
            if required.contains("monthlyCap") || optional.contains("monthlyCap") {
                rule.monthlyCap = money(fields, "monthlyCap", required: required.contains("monthlyCap"))
            }
            switch pricing {
            case .hourly: rule.quantity = quantity(fields, "hoursPerWeek", "hoursPerMonth")
            case .visit: rule.quantity = quantity(fields, "visitsPerWeek", "visitsPerMonth")
            default: break
            }
            rule.cashPerMonth = money(fields, "cashPerMonth", required: false)
            rule.cashPerDay = money(fields, "cashPerDay", required: false)
            if rule.cashPerMonth != nil, rule.cashPerDay != nil {
                log.report(fields.path, "give at most one of cashPerMonth and cashPerDay")
            } else if pricing == .cash, rule.cashPerMonth == nil, rule.cashPerDay == nil {
                log.report(fields.path, "cash pricing needs exactly one of cashPerMonth and cashPerDay")
            }
            if optional.contains("copayPerVisit") {
                rule.copayPerVisit = money(fields, "copayPerVisit", required: false)
                if let copay = rule.copayPerVisit, let price = rule.unitPrice, copay > price {
                    log.report(fields.path.appending("copayPerVisit"), "\(copay) is more than the visit's price \(price)")
                }
            }
            if optional.contains("continuityBonus") {
                rule.continuityBonus = fields.array("continuityBonus", required: false).map(continuitySteps) ?? []
            }
            rule.items = fields.array("items", required: false)?.compactMap { value, path -> String? in
                guard let code = value.stringValue, catalogue.contains(where: { $0.code == code }) else {
                    log.report(path, "\(value) is not a service code of the catalogue")
                    return nil
                }
                return code
            } ?? []
            return rule
        }
    }

    /// Steps of a continuity bonus, each after more months than the one before.
    func continuitySteps(_ elements: [(value: JSONValue, path: JSONPath)]) -> [ContinuityStep] {
        var steps: [ContinuityStep] = []
        for element in elements {
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["afterMonths", "extraHoursPerMonth", "cashPerMonth"]),
                  let after = fields.int("afterMonths"), let hours = fields.int("extraHoursPerMonth"),
                  let cash = money(fields, "cashPerMonth") else { continue }
            guard (0...600).contains(after), (0...744).contains(hours) else {
                log.report(fields.path, "afterMonths must be 0–600 and extraHoursPerMonth 0–744")
                continue
            }
            if let last = steps.last, after <= last.afterMonths {
                log.report(fields.path.appending("afterMonths"), "\(after) is not after the step before (\(last.afterMonths)): list the steps in order")
                continue
            }
            steps.append(ContinuityStep(afterMonths: after, extraHoursPerMonth: hours, cashPerMonth: cash))
        }
        return steps
    }

    func quantity(_ fields: JSONFields, _ weekly: String, _ monthly: String) -> BenefitRule.Quantity? {
        let perWeek = fields.optionalInt(weekly), perMonth = fields.optionalInt(monthly)
        switch (perWeek, perMonth) {
        case (let count?, nil) where count > 0: return .perWeek(count)
        case (nil, let count?) where count > 0: return .perMonth(count)
        case (nil, nil), (.some, .some):
            log.report(fields.path, "needs exactly one of \(weekly) and \(monthly)")
        default:
            log.report(fields.path, "\(weekly) or \(monthly) must be more than 0")
        }
        return nil
    }

    func subsidies(_ elements: [(value: JSONValue, path: JSONPath)]) -> [Subsidy] {
        var seen: Set<String> = []
        return elements.compactMap { element -> Subsidy? in
            guard let fields = log.fields(of: element.value, at: element.path, accepting: ["id", "name", "interaction"]) else { return nil }
            let id = fields.nonEmptyString("id")
            if let id, !seen.insert(id).inserted { log.report(fields.path.appending("id"), "duplicate subsidy id '\(id)'") }
            let name = fields.localizedText("name")
            let interaction = choice(fields, "interaction", Subsidy.Interaction.self)
            guard let id, let name, let interaction else { return nil }
            return Subsidy(id: id, name: name, interaction: interaction)
        }
    }

    func funding(_ fields: JSONFields) -> Funding? {
        let employer = ratio(fields, "employerRate"), individual = ratio(fields, "individualRate")
        let perCapita = money(fields, "individualPerCapita"), government = money(fields, "governmentPerCapita")
        guard let employer, let individual, let perCapita, let government else { return nil }
        return Funding(employerRate: employer, individualRate: individual, individualPerCapita: perCapita, governmentPerCapita: government)
    }
}
