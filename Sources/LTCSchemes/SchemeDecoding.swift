import Foundation
import LTCCore

extension Scheme {
    /// Parses and validates a scheme file, reporting every problem with its JSON path.
    public static func decode(text: [UInt8], source: String) throws(SchemeError) -> Scheme {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw SchemeError(file: source, problems: [JSONProblem(path: .root, message: "not valid JSON: \(error)")])
        }
        let log = JSONProblemLog()
        let scheme = SchemeDecoder(log: log).scheme(json)
        guard let scheme, log.problems.isEmpty else {
            throw SchemeError(file: source, problems: log.problems)
        }
        return scheme
    }
}

private struct SchemeDecoder {
    let log: JSONProblemLog

    func scheme(_ json: JSONValue) -> Scheme? {
        let accepted = ["$schema", "format", "id", "name", "region", "timeZone", "effective", "description",
                        "assessment", "eligibility", "calendar", "benefits", "supervision", "budget", "admission", "enforcement"]
        guard let root = log.fields(of: json, at: .root, accepting: accepted) else { return nil }
        if let format = root.string("format"), format != Scheme.fileFormat {
            log.report(root.path.appending("format"), "unsupported format '\(format)'; this ltc reads '\(Scheme.fileFormat)'")
        }
        let id = root.nonEmptyString("id")
        let name = root.localizedText("name")
        let region = root.nonEmptyString("region")
        let timeZone = root.nonEmptyString("timeZone")
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            log.report(root.path.appending("timeZone"), "unknown time zone '\(timeZone)'; use an IANA id such as Asia/Shanghai")
        }
        let description = root.nonEmptyString("description")
        var from: CalendarDate?, to: CalendarDate?
        if let effective = root.fields("effective", accepting: ["from", "to"]) {
            from = date(effective, "from")
            to = date(effective, "to")
            if let from, let to, to < from {
                log.report(effective.path, "'to' \(to) is before 'from' \(from)")
            }
        }
        let assessment = root.fields("assessment", accepting: [
            "forms", "minimumGrade", "assessorCount", "qualifiedAssessors", "publicityWorkingDays", "validityMonths", "conflictLookBackMonths",
            "visitWithinWorkingDays", "conclusionWithinWorkingDays", "evidenceRequired", "reviewExperts", "auditRate",
            "conditionChangeAfterMonths", "recognition",
        ]).flatMap(assessment)
        let eligibility = root.fields("eligibility", accepting: [
            "insuranceTypes", "minimumMonthsEnrolled", "minimumMonthsDisabled", "materials", "waitingMonths",
        ]).flatMap(eligibility)
        let calendar = root.fields("calendar", accepting: ["use", "holidays", "workingWeekendDays"], required: false)
            .map(calendar) ?? WorkingCalendar(holidays: [], workingWeekendDays: [])

        let benefits = root.fields("benefits", accepting: [
            "grades", "start", "modeChange", "gradeChange", "carerTrainingRequired", "modes", "catalogue", "table", "subsidies", "funding", "monitoring", "carePlans",
        ], required: false).flatMap { BenefitDecoder(log: log).benefits($0, assessment: assessment, eligibility: eligibility) }

        let supervision = root.fields("supervision", accepting: ["violations", "penalties", "credit", "assessment"], required: false)
            .flatMap { SupervisionDecoder(log: log).supervision($0) }

        // The year-end close's ratings are those the scheme's performance assessment gives (unknown if that section is itself wrong).
        let ratings: [String]? = root.has("supervision") ? supervision.map { $0.assessment?.bands.map(\.rating) ?? [] } : []
        let budget = root.fields("budget", accepting: ["warnings", "paidAboveBudget", "yearEnd"], required: false)
            .flatMap { BudgetSettings.decode($0, ratings: ratings, log: log) }
        let admission = root.fields("admission", accepting: ["qualifiedCaregiverShare", "minimumAdministrators", "minimumBedsForInstitutionalCare", "cleanYears"],
                                    required: false).flatMap { AdmissionSettings.decode($0, log: log) }

        let enforcement = root.fields("enforcement", accepting: EnforcementSettings.accepted, required: false).flatMap {
            EnforcementSettings.decode($0, violations: supervision?.violations.map(\.code), ladder: supervision?.penalties.map(\.id), log: log)
        }

        guard log.problems.isEmpty, let id, let name, let region, let timeZone, let description, let from, let to,
              let assessment, let eligibility else { return nil }
        var scheme = Scheme(id: id, name: name, region: region, timeZone: timeZone, effectiveFrom: from, effectiveTo: to,
                            description: description, assessment: assessment, eligibility: eligibility, calendar: calendar,
                            benefits: benefits, supervision: supervision, document: json)
        scheme.budget = budget
        scheme.admission = admission
        scheme.enforcement = enforcement
        return scheme
    }

    func date(_ fields: JSONFields, _ key: String) -> CalendarDate? {
        guard let text = fields.string(key) else { return nil }
        guard let date = CalendarDate(text) else {
            log.report(fields.path.appending(key), "'\(text)' is not a date; use YYYY-MM-DD")
            return nil
        }
        return date
    }

    func count(_ fields: JSONFields, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value = fields.int(key) else { return nil }
        guard range.contains(value) else {
            log.report(fields.path.appending(key), "\(value) is outside \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return value
    }

    func assessment(_ fields: JSONFields) -> Scheme.Assessment? {
        let forms = fields.array("forms")?.compactMap { value, path -> String? in
            guard let id = value.stringValue, !id.isEmpty else {
                log.report(path, "expected a form id (string), found \(value.typeName)")
                return nil
            }
            return id
        }
        if let forms, forms.isEmpty { log.report(fields.path.appending("forms"), "name at least one form") }
        let minimumGrade = count(fields, "minimumGrade", 0...100)
        let assessorCount = count(fields, "assessorCount", 1...5)
        let qualified = count(fields, "qualifiedAssessors", 0...5)
        if let assessorCount, let qualified, qualified > assessorCount {
            log.report(fields.path.appending("qualifiedAssessors"), "\(qualified) qualified assessors cannot be more than assessorCount \(assessorCount)")
        }
        let publicity = count(fields, "publicityWorkingDays", 0...60)
        let validity = count(fields, "validityMonths", 1...120)
        var lookBack: Int? = Scheme.Assessment.defaultConflictLookBackMonths
        if fields.has("conflictLookBackMonths") { lookBack = count(fields, "conflictLookBackMonths", 0...120) }
        let visit = fields.has("visitWithinWorkingDays") ? count(fields, "visitWithinWorkingDays", 1...120) : nil
        let conclusion = fields.has("conclusionWithinWorkingDays") ? count(fields, "conclusionWithinWorkingDays", 1...120) : nil
        if let visit, let conclusion, conclusion < visit {
            log.report(fields.path.appending("conclusionWithinWorkingDays"), "\(conclusion) working days is before the visit's \(visit): the conclusion comes after the visit")
        }
        guard let forms, let minimumGrade, let assessorCount, let qualified, let publicity, let validity, let lookBack else { return nil }
        if fields.has("visitWithinWorkingDays") && visit == nil || fields.has("conclusionWithinWorkingDays") && conclusion == nil { return nil }
        var rules = Scheme.Assessment(forms: forms, minimumGrade: minimumGrade, assessorCount: assessorCount,
                                      qualifiedAssessors: qualified, publicityWorkingDays: publicity, validityMonths: validity,
                                      conflictLookBackMonths: lookBack, visitWithinWorkingDays: visit, conclusionWithinWorkingDays: conclusion)
        return administration(fields, into: &rules) ? rules : nil
    }

    /// The assessment's administration settings: evidence, review, audit,
    /// change of condition, recognition. Returns false if one is wrong.
    func administration(_ fields: JSONFields, into rules: inout Scheme.Assessment) -> Bool {
        let before = log.problems.count
        rules.evidenceRequired = fields.array("evidenceRequired", required: false)?.compactMap { value, path -> String? in
            guard let kind = value.stringValue, Scheme.Assessment.evidenceKinds.contains(kind) else {
                log.report(path, "expected one of \(Scheme.Assessment.evidenceKinds.joined(separator: ", ")), found \(value)")
                return nil
            }
            return kind
        } ?? []
        if fields.has("reviewExperts") { rules.reviewExperts = count(fields, "reviewExperts", 0...rules.assessorCount) ?? 0 }
        if let value = fields.object["auditRate"] {
            guard let rate = Ratio(json: value), rate.basisPoints > 0 else {
                log.report(fields.path.appending("auditRate"), "expected a share above 0 and at most 1, e.g. 0.05, found \(value)")
                return false
            }
            rules.auditRate = rate
        }
        if fields.has("conditionChangeAfterMonths") { rules.conditionChangeAfterMonths = count(fields, "conditionChangeAfterMonths", 0...120) ?? 0 }
        rules.recognition = fields.array("recognition", required: false)?.compactMap { value, path in
            Recognition.decode(value, at: path, log: log)
        } ?? []
        var recognized: Set<String> = []
        for (index, recognition) in rules.recognition.enumerated() {
            let path = fields.path.appending("recognition").appending(index)
            if rules.forms.contains(recognition.form) {
                log.report(path.appending("form"), "'\(recognition.form)' is one of the scheme's own forms: assess on it, do not recognize it")
            }
            if !recognized.insert(recognition.form).inserted { log.report(path.appending("form"), "'\(recognition.form)' is recognized twice") }
        }
        return log.problems.count == before
    }

    func eligibility(_ fields: JSONFields) -> Scheme.Eligibility? {
        let types = fields.array("insuranceTypes")?.compactMap { value, path -> InsuranceType? in
            guard let text = value.stringValue, let type = InsuranceType(rawValue: text) else {
                log.report(path, "\(value) is not an insurance type; accepted: \(InsuranceType.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return type
        }
        if let types, types.isEmpty { log.report(fields.path.appending("insuranceTypes"), "name at least one insurance type") }
        let enrolled = count(fields, "minimumMonthsEnrolled", 0...600)
        let disabled = count(fields, "minimumMonthsDisabled", 0...120)
        var seen: Set<String> = []
        let materials = fields.array("materials", required: false)?.compactMap { value, path -> Scheme.Eligibility.Material? in
            guard let material = log.fields(of: value, at: path, accepting: ["id", "name"]), let id = material.nonEmptyString("id"),
                  let name = material.localizedText("name") else { return nil }
            if !seen.insert(id).inserted { log.report(material.path.appending("id"), "duplicate material '\(id)'") }
            return .init(id: id, name: name)
        } ?? []
        let waiting = fields.has("waitingMonths") ? count(fields, "waitingMonths", 0...60) : 0
        guard let types, let enrolled, let disabled, let waiting else { return nil }
        var eligibility = Scheme.Eligibility(insuranceTypes: types, minimumMonthsEnrolled: enrolled, minimumMonthsDisabled: disabled)
        eligibility.materials = materials
        eligibility.waitingMonths = waiting
        return eligibility
    }

    func calendar(_ fields: JSONFields) -> WorkingCalendar {
        func dates(_ key: String) -> Set<CalendarDate> {
            Set(fields.array(key, required: false)?.compactMap { value, path -> CalendarDate? in
                guard let text = value.stringValue, let date = CalendarDate(text) else {
                    log.report(path, "\(value) is not a date; use YYYY-MM-DD")
                    return nil
                }
                return date
            } ?? [])
        }
        var holidays = dates("holidays")
        var working = dates("workingWeekendDays")
        for day in working where day.weekday <= 5 {
            log.report(fields.path.appending("workingWeekendDays"), "\(day) is a weekday already")
        }
        // Official years named by id: their days join the scheme's own (local holidays, say).
        for (value, path) in fields.array("use", required: false) ?? [] {
            guard let id = value.stringValue else {
                log.report(path, "expected a calendar id (string), found \(value.typeName)")
                continue
            }
            do {
                guard let year = try HolidayCalendar.builtIn(id) else {
                    log.report(path, "no built-in calendar '\(id)'; built in: \(HolidayCalendar.builtInIDs.joined(separator: ", "))")
                    continue
                }
                holidays.formUnion(year.holidays)
                working.formUnion(year.workingWeekendDays)
            } catch {
                log.report(path, "the built-in calendar '\(id)' is damaged: \(error)")
            }
        }
        return WorkingCalendar(holidays: holidays, workingWeekendDays: working)
    }
}
