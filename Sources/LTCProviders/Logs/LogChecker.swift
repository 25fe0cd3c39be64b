import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

extension IntakeWorkspace {
    /// Checks one log against the rules of ``MonitoringRule``, in order, and
    /// registers it at once when accepted, so that later logs are checked
    /// against what it uses. A correction of a log in a settled month is
    /// checked like any other, except that the month is closed.
    mutating func check(_ log: ServiceLog, _ touch: Touch, correctingSettled: Bool = false) -> Result<AcceptedService, Rejection> {
        let day = log.day
        guard log.end.day <= asOf, day <= asOf else {
            return .failure(Rejection(.future, "the service ends \(max(log.start, log.end)), after today (\(asOf))"))
        }
        guard let person = touch.person, let caseID = person.caseID else {
            return .failure(Rejection(.unknownBeneficiary, "no case for person \(log.person)"))
        }
        let month = YearMonth(containing: day)
        guard let view = monthView(person, month: month) else {
            return .failure(Rejection(.beneficiaryNotInForce, "no scheme with benefits for case \(caseID) in \(month)"))
        }
        let index = view.index(on: day)
        guard let paid = view.paid[index] else {
            let status = view.palette[index]
            if case .ended = status { return .failure(Rejection(.afterCaseEnded, "case \(caseID) on \(day): \(status.label)")) }
            return .failure(Rejection(.beneficiaryNotInForce, "case \(caseID) on \(day): \(status.label)"))
        }
        let schemeRules = paid.scheme, mode = paid.mode, grade = paid.grade
        guard let monitoring = schemeRules.monitoring else {
            return .failure(Rejection(.malformed, "scheme \(schemeRules.id) has no monitoring settings, so it takes no service logs"))
        }
        if let late = Self.lateness(day, asOf: asOf, lateDays: monitoring.lateDays) { return .failure(late) }
        if settled[month] == true, !correctingSettled {
            return .failure(Rejection(.monthClosed, "\(month) is settled"))
        }
        guard let enrolment = person.enrolments.first(where: {
            $0.institution == log.institution && $0.mode == log.mode && $0.period.contains(day)
        }) else {
            return .failure(Rejection(.notEnrolled, "person \(log.person) is not enrolled with \(log.institution) in mode \(log.mode) on \(day)"))
        }
        guard mode == log.mode else {
            return .failure(Rejection(.notEnrolled, "case \(caseID)'s mode on \(day) is \(mode), not \(log.mode)"))
        }
        guard let institution = touch.institution else {
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
        guard let item = schemeRules.item(touch.item, log.item), let price = covering.price(touch.item, log.item) else {
            return .failure(Rejection(.itemNotCovered, "item \(log.item) has no agreed price"))
        }
        let rule = paid.rule
        if let rule, !rule.covers(touch.item, log.item) {
            return .failure(Rejection(.itemNotCovered, "grade \(grade) in \(mode) covers \(rule.itemList), not \(log.item)"))
        }
        guard let caregiver = touch.caregiver.registered else {
            return .failure(Rejection(.unknownCaregiver, "\(log.caregiver) is not registered with \(log.institution)"))
        }
        guard caregiver.isEmployed(on: day) else {
            return .failure(Rejection(.caregiverNotEmployed, "\(log.caregiver) is not employed by \(log.institution) on \(day)"))
        }
        if let needed = item.qualifications, !needed.contains(where: caregiver.qualifications.contains) {
            return .failure(Rejection(.caregiverUnqualified, "\(log.item) needs \(needed.joined(separator: " or ")); \(log.caregiver) has \(caregiver.qualifications.joined(separator: ", "))"))
        }
        if let limits = item.duration, !(limits.minimumMinutes...limits.maximumMinutes).contains(log.minutes) {
            return .failure(Rejection(.implausibleDuration, "\(log.minutes) minutes; a \(item.item.unit.rawValue) item takes \(limits.minimumMinutes)–\(limits.maximumMinutes)"))
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
        // Busy times are kept in the week they start in: a service may overlap one that started the week before.
        let start = Int32(log.start.value), end = Int32(log.end.value), week = Week.number(of: log.start)
        let thisWeek = person.weeks[week], weekBefore = person.weeks[week - 1]
        let caregiverNumber = touch.caregiver.number, itemNumber = touch.item
        if let same = thisWeek?.busy.first(where: { $0.start == start && $0.caregiver == caregiverNumber && $0.item == itemNumber })
            ?? weekBefore?.busy.first(where: { $0.start == start && $0.caregiver == caregiverNumber && $0.item == itemNumber }) {
            return .failure(Rejection(.duplicate, "\(log.caregiver) already logged \(log.item) for person \(log.person) at \(log.start) (\(owner(same.owner, toldTo: log.institution)))"))
        }
        if let clash = touch.caregiver.clash(start: start, end: end, week: week) {
            return .failure(Rejection(.caregiverOverlap, "\(log.caregiver) is also logged from \(LocalMinute(minutes: Int(clash.start))) (\(owner(clash.owner, toldTo: log.institution)))"))
        }
        if let clash = thisWeek?.busy.first(where: { $0.start < end && start < $0.end })
            ?? weekBefore?.busy.first(where: { $0.start < end && start < $0.end }) {
            let whose = owner(clash.owner, toldTo: log.institution)
            return .failure(Rejection(.beneficiaryOverlap, whose.hasPrefix("log ")
                ? "person \(log.person) is also served from \(LocalMinute(minutes: Int(clash.start))) (\(whose))"
                : "person \(log.person) is also served at that time, by another institution"))
        }
        let unit = item.item.unit
        if unit == .day, let other = thisWeek?.busy.first(where: {
            Int($0.start).floorDivided(by: 1440) == day.dayNumber && self.unit(ofItem: $0.item) == .day
        }) {
            return .failure(Rejection(.secondBedDay, "person \(log.person) already has a bed-day on \(day) (\(owner(other.owner, toldTo: log.institution)))"))
        }
        // The person's care plan, once one binds: only its items, as often as it plans them.
        if unit != .day, let plan = person.plans.last(where: { $0.binds(on: day) }) {
            guard let planned = plan.item(log.item) else {
                return .failure(Rejection(.notInCarePlan, "\(log.item) is not in person \(log.person)'s care plan in force on \(day) (version \(plan.version)), which plans \(plan.items.map(\.code).joined(separator: ", "))"))
            }
            let sameItem = (thisWeek?.busy ?? []).filter { $0.item == itemNumber }
            if sameItem.count + 1 > planned.perWeek {
                return .failure(Rejection(.beyondCarePlan, "\(log.item) \(sameItem.count + 1) times in the week of \(Week.monday(week)); the care plan plans \(planned.perWeek)"))
            }
            let today = sameItem.filter { Int($0.start).floorDivided(by: 1440) == day.dayNumber }.count
            if let perDay = planned.perDay, today + 1 > perDay {
                return .failure(Rejection(.beyondCarePlan, "\(log.item) \(today + 1) times on \(day); the care plan plans at most \(perDay) a day"))
            }
        }
        let used = (minutes: thisWeek?.minutes ?? 0, visits: thisWeek?.visits ?? 0)
        if unit == .hour, let plan = enrolment.weeklyMinutes, used.minutes + log.minutes > plan {
            return .failure(Rejection(.beyondWeeklyPackage, "\(used.minutes + log.minutes) minutes in the week of \(Week.monday(week)); the plan allows \(plan)"))
        }
        if unit == .visit, let plan = enrolment.weeklyVisits, used.visits + 1 > plan {
            return .failure(Rejection(.beyondWeeklyPackage, "\(used.visits + 1) visits in the week of \(Week.monday(week)); the plan allows \(plan)"))
        }
        let left = view.ceiling - (person.months[month]?.allowed ?? .zero)
        guard left.fen > 0 else {
            return .failure(Rejection(.beyondMonthlyCap, "the \(month) ceiling of \(view.ceiling) is used up"))
        }
        let billed: Money = switch unit {
        case .hour: price.prorated(days: log.minutes, of: 60)
        case .visit, .day: price
        }
        var allowed = min(billed, left)
        if let cap = rule?.dailyCap {
            let today = thisWeek?.allowed[Week.weekday(of: day)] ?? .zero
            guard today < cap else {
                return .failure(Rejection(.beyondDailyCap, "\(today) already allowed on \(day); the cap is \(cap) a day"))
            }
            allowed = min(allowed, cap - today)
        }
        // Shared as a quote shares its ceiling: a visit's copay first, then the fund's ratio of the rest, rounded per log.
        let share = CostShare(of: allowed, visits: unit == .visit ? 1 : 0, ratio: rule?.ratio, copayPerVisit: rule?.copayPerVisit)
        let money = AcceptedService(billed: billed, allowed: allowed, fund: share.fund, grade: grade)
        register(log, touch, money: money, unit: unit, monthOpen: settled[month] != true)
        return .success(money)
    }

    /// T02 for a correction or a rejected log sent again, before its earlier
    /// version is taken back: a late one is refused and changes nothing.
    /// `nil` when it is in time, or when the day pays no benefits (the checks
    /// then reject the new version for that).
    mutating func lateness(of log: ServiceLog, _ touch: Touch) -> Rejection? {
        guard let person = touch.person, let view = monthView(person, month: YearMonth(containing: log.day)),
              let lateDays = view.paid[view.index(on: log.day)]?.scheme.monitoring?.lateDays else { return nil }
        return Self.lateness(log.day, asOf: asOf, lateDays: lateDays)
    }

    /// T02: a service received more than the scheme's `lateDays` after its day.
    static func lateness(_ day: CalendarDate, asOf: CalendarDate, lateDays: Int) -> Rejection? {
        guard asOf > day.adding(days: lateDays) else { return nil }
        return Rejection(.late, "served \(day), received \(asOf): more than \(lateDays) days later")
    }
}
