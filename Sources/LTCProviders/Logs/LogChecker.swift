import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

extension IntakeWorkspace {
    /// Checks one log against the rules of ``MonitoringRule``, in order, and
    /// registers it at once when accepted, so that later logs are checked
    /// against what it uses. A correction of a log in a settled month is
    /// checked like any other, except that the month is closed and lateness
    /// is not held against it.
    mutating func check(_ log: ServiceLog, correctingSettled: Bool = false) -> Result<AcceptedService, Rejection> {
        let day = log.day
        guard log.end.day <= asOf, log.start.day <= asOf else {
            return .failure(Rejection(.future, "the service ends \(max(log.start, log.end)), after today (\(asOf))"))
        }
        guard let person = people[log.person], let record = person.record else {
            return .failure(Rejection(.unknownBeneficiary, "no case for person \(log.person)"))
        }
        let month = YearMonth(containing: day)
        guard let view = monthView(person, month: month) else {
            return .failure(Rejection(.beneficiaryNotInForce, "no scheme with benefits for case \(record.id) in \(month)"))
        }
        let status = view.status(on: day)
        guard case .paid(let mode, let grade, let schemeID) = status, let schemeRules = rules[schemeID] else {
            return .failure(Rejection(.beneficiaryNotInForce, "case \(record.id) on \(day): \(status.label)"))
        }
        guard let monitoring = schemeRules.monitoring else {
            return .failure(Rejection(.malformed, "scheme \(schemeID) has no monitoring settings, so it takes no service logs"))
        }
        if asOf > day.adding(days: monitoring.lateDays), !correctingSettled {
            return .failure(Rejection(.late, "served \(day), received \(asOf): more than \(monitoring.lateDays) days later"))
        }
        if settled[month] == true, !correctingSettled {
            return .failure(Rejection(.monthClosed, "\(month) is settled"))
        }
        guard let enrolment = person.enrolments.first(where: {
            $0.institution == log.institution && $0.mode == log.mode && $0.period.contains(day)
        }) else {
            return .failure(Rejection(.notEnrolled, "person \(log.person) is not enrolled with \(log.institution) in mode \(log.mode) on \(day)"))
        }
        guard mode == log.mode else {
            return .failure(Rejection(.notEnrolled, "case \(record.id)'s mode on \(day) is \(mode), not \(log.mode)"))
        }
        guard let institution = institution(log.institution) else {
            return .failure(Rejection(.agreementNotInForce, "\(log.institution) has no agreement"))
        }
        let covering = terms(institution, on: day)
        guard let terms = covering.terms else {
            let why = institution.facts.agreements.map { $0.gap(on: day) }.joined(separator: "; ")
            return .failure(Rejection(.agreementNotInForce, why.isEmpty ? "\(log.institution) has no agreement" : why))
        }
        guard covering.modes.contains(log.mode) else {
            return .failure(Rejection(.modeNotCovered, "the agreement covers \(terms.modes.joined(separator: ", ")), not \(log.mode)"))
        }
        guard let item = schemeRules.items[log.item], let price = terms.prices[log.item] else {
            return .failure(Rejection(.itemNotCovered, "item \(log.item) has no agreed price"))
        }
        let rule = schemeRules.table[RuleKey(grade: grade, mode: mode)]
        if let rule, !rule.items.isEmpty, !rule.items.contains(log.item) {
            return .failure(Rejection(.itemNotCovered, "grade \(grade) in \(mode) covers \(rule.itemList), not \(log.item)"))
        }
        guard let caregiver = institution.facts.caregivers[log.caregiver] else {
            return .failure(Rejection(.unknownCaregiver, "\(log.caregiver) is not registered with \(log.institution)"))
        }
        guard caregiver.isEmployed(on: day) else {
            return .failure(Rejection(.caregiverNotEmployed, "\(log.caregiver) is not employed by \(log.institution) on \(day)"))
        }
        if let needed = monitoring.qualifications[log.item], !needed.contains(where: caregiver.qualifications.contains) {
            return .failure(Rejection(.caregiverUnqualified, "\(log.item) needs \(needed.joined(separator: " or ")); \(log.caregiver) has \(caregiver.qualifications.joined(separator: ", "))"))
        }
        if let limits = monitoring.duration[item.unit], !(limits.minimumMinutes...limits.maximumMinutes).contains(log.minutes) {
            return .failure(Rejection(.implausibleDuration, "\(log.minutes) minutes; a \(item.unit.rawValue) item takes \(limits.minimumMinutes)–\(limits.maximumMinutes)"))
        }
        guard log.minutes > 0 else {
            return .failure(Rejection(.implausibleDuration, "ends \(log.end), not after it starts (\(log.start))"))
        }
        if let location = log.location, let home = enrolment.home {
            let distance = Int(location.meters(to: home).rounded())
            if distance > monitoring.checkInRadiusMeters {
                return .failure(Rejection(.checkInTooFar, "checked in \(distance) m from the home; the scheme allows \(monitoring.checkInRadiusMeters) m"))
            }
        }
        let start = Int32(log.start.value), end = Int32(log.end.value)
        let caregiverSymbol = knownSymbol(log.caregiver), itemSymbol = knownSymbol(log.item)
        if let same = person.busy.first(where: { $0.start == start && $0.caregiver == caregiverSymbol && $0.item == itemSymbol }) {
            return .failure(Rejection(.duplicate, "\(log.caregiver) already logged \(log.item) for person \(log.person) at \(log.start) (\(owners[Int(same.owner)]))"))
        }
        if let clash = caregivers[CaregiverKey(institution: log.institution, caregiver: log.caregiver)]?.busy.first(where: { $0.start < end && start < $0.end }) {
            return .failure(Rejection(.caregiverOverlap, "\(log.caregiver) is also logged from \(LocalMinute(minutes: Int(clash.start))) (\(owners[Int(clash.owner)]))"))
        }
        if let clash = person.busy.first(where: { $0.start < end && start < $0.end }) {
            return .failure(Rejection(.beneficiaryOverlap, "person \(log.person) is also served from \(LocalMinute(minutes: Int(clash.start))) (\(owners[Int(clash.owner)]))"))
        }
        let week = Week.number(of: day)
        let used = person.weeks[week] ?? WeekUse()
        if item.unit == .hour, let plan = enrolment.weeklyMinutes, used.minutes + log.minutes > plan {
            return .failure(Rejection(.beyondWeeklyPackage, "\(used.minutes + log.minutes) minutes in the week of \(Week.monday(week)); the plan allows \(plan)"))
        }
        if item.unit == .visit, let plan = enrolment.weeklyVisits, used.visits + 1 > plan {
            return .failure(Rejection(.beyondWeeklyPackage, "\(used.visits + 1) visits in the week of \(Week.monday(week)); the plan allows \(plan)"))
        }
        let left = view.ceiling - (person.months[month]?.allowed ?? .zero)
        guard left.fen > 0 else {
            return .failure(Rejection(.beyondMonthlyCap, "the \(month) ceiling of \(view.ceiling) is used up"))
        }
        let billed: Money = switch item.unit {
        case .hour: price.prorated(days: log.minutes, of: 60)
        case .visit, .day: price
        }
        let allowed = min(billed, left)
        let fund = rule?.ratio.map { $0.apply(to: allowed) } ?? allowed
        register(log, allowed: allowed)
        return .success(AcceptedService(billed: billed, allowed: allowed, fund: fund, grade: grade))
    }
}
