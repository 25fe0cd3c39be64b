import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

extension IntakeWorkspace {
    /// Checks one log against the rules of `MonitoringCheck.inOrder` that the
    /// checker runs, in order, and registers it at once when accepted, so
    /// that later logs are checked against what it uses. An accepted log's
    /// money is its agreed price, capped by what is left of the month's
    /// ceiling and the day's cap, shared by ``CostShare``. A correction of a
    /// log in a settled month is checked like any other, except that the
    /// month is closed.
    mutating func check(_ log: ServiceLog, _ touch: Touch, correctingSettled: Bool = false) -> Result<AcceptedService, Rejection> {
        var found = LogFindings(log, touch, correctingSettled: correctingSettled)
        for step in MonitoringCheck.checkerSteps {
            if let rejection = step.check(log, &found, &self) {
                return .failure(ClientDisclosure.disclosed(rejection, by: step.rule, of: log, person: touch.person))
            }
        }
        let rule = found.paid.rule
        let share = CostShare(of: found.allowed, visits: found.unit == .visit ? 1 : 0, ratio: rule?.ratio, copayPerVisit: rule?.copayPerVisit)
        let money = AcceptedService(billed: found.billed, allowed: found.allowed, fund: share.fund, grade: found.paid.grade)
        register(log, touch, money: money, unit: found.unit, monthOpen: settled[found.month] != true)
        return .success(money)
    }

    /// A stored accepted log allowed `allowed` now, less than before, its
    /// earlier version taken back already (``Retake/recap(_:)``): its money
    /// shared by ``CostShare`` as intake shares it, and registered again; or,
    /// with nothing allowed, `rejected` (P05 or P02).
    mutating func recap(_ stored: StoredLog, allowed: Money, _ touch: Touch, rejected: Rejection) -> Result<AcceptedService, Rejection> {
        let log = stored.log, month = YearMonth(containing: log.day)
        guard allowed > .zero, let money = stored.money, let unit = units[log.item] else {
            return .failure(rejected)
        }
        let rule = touch.person.flatMap { monthView($0, month: month) }.flatMap { $0.paid[$0.index(on: log.day)] }?.rule
        let share = CostShare(of: allowed, visits: unit == .visit ? 1 : 0, ratio: rule?.ratio, copayPerVisit: rule?.copayPerVisit)
        let recapped = AcceptedService(billed: money.billed, allowed: allowed, fund: share.fund, grade: money.grade)
        register(log, touch, money: recapped, unit: unit, monthOpen: settled[month] != true)
        return .success(recapped)
    }

    /// T02 for a correction or a rejected log sent again, before its earlier
    /// version is taken back: a late one is refused and changes nothing.
    /// `nil` when it is in time, or when the day pays no benefits (the checks
    /// then reject the new version for that). Told to an institution as any
    /// rejection is (``ClientDisclosure``).
    mutating func lateness(of log: ServiceLog, _ touch: Touch) -> Rejection? {
        guard let person = touch.person, let view = monthView(person, month: YearMonth(containing: log.day)),
              let lateDays = view.paid[view.index(on: log.day)]?.scheme.monitoring?.lateDays,
              let late = MonitoringCheck.lateness(log.day, asOf: asOf, lateDays: lateDays) else { return nil }
        return ClientDisclosure.disclosed(late, by: .late, of: log, person: person)
    }
}

/// Each rule's check, in the order of ``MonitoringCheck/inOrder``.
extension MonitoringCheck {
    /// T01: the service, start or end, after now (the workspace's `latest`:
    /// times, not dates, so that a visit later today is refused at 09:34).
    static func future(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let latest = workspace.latest
        guard log.end > latest || log.start > latest else { return nil }
        let now = latest.day == workspace.asOf ? "now (\(latest))" : "today (\(workspace.asOf))"
        return Rejection(.future, "the service ends \(max(log.start, log.end)), after \(now)")
    }

    /// B01: a person with a case.
    static func unknownBeneficiary(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let person = found.touch.person, let caseID = person.caseID else {
            return Rejection(.unknownBeneficiary, "no case for person \(log.person)")
        }
        found.person = person
        found.caseID = caseID
        found.thisWeek = person.weeks[found.week]
        found.weekBefore = person.weeks[found.week - 1]
        return nil
    }

    /// B02: a scheme with benefits for the case that month, and benefits on the day (else B03 if the case had ended).
    static func beneficiaryNotInForce(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let view = workspace.monthView(found.person, month: found.month) else {
            return Rejection(.beneficiaryNotInForce, "no scheme with benefits for case \(found.caseID) in \(found.month)")
        }
        let status = view.index(on: found.day)
        found.view = view
        found.status = status
        guard view.paid[status] == nil else { return nil }
        if case .ended = view.palette[status] { return nil }
        return Rejection(.beneficiaryNotInForce, "case \(found.caseID) on \(found.day): \(view.palette[status].label)")
    }

    /// B03: no benefits on the day because the case had ended.
    static func afterCaseEnded(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let paid = found.view.paid[found.status] else {
            return Rejection(.afterCaseEnded, "case \(found.caseID) on \(found.day): \(found.view.palette[found.status].label)")
        }
        found.paid = paid
        return nil
    }

    /// T02: in time by the day's scheme; a scheme without `monitoring` settings takes no logs (F01).
    static func late(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let lateDays = found.paid.scheme.monitoring?.lateDays else {
            return Rejection(.malformed, "scheme \(found.paid.scheme.id) has no monitoring settings, so it takes no service logs")
        }
        return lateness(found.day, asOf: workspace.asOf, lateDays: lateDays)
    }

    /// T02: a service received more than the scheme's `lateDays` after its day.
    static func lateness(_ day: CalendarDate, asOf: CalendarDate, lateDays: Int) -> Rejection? {
        guard asOf > day.adding(days: lateDays) else { return nil }
        return Rejection(.late, "served \(day), received \(asOf): more than \(lateDays) days later")
    }

    /// T03: the month not yet settled, unless the log corrects one of it.
    static func monthClosed(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard workspace.settled[found.month] == true, !found.correctingSettled else { return nil }
        return Rejection(.monthClosed, "\(found.month) is settled")
    }

    /// E01: enrolled with the institution in the log's mode that day, and the case in that mode.
    /// A mode the day's scheme does not have is no service log at all (F01), naming the scheme's modes.
    static func notEnrolled(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let day = found.day
        guard let enrolment = found.person.enrolments.first(where: {
            $0.institution == log.institution && $0.mode == log.mode && $0.period.contains(day)
        }) else {
            let modes = Set(found.paid.scheme.table.keys.map(\.mode))
            if !modes.contains(log.mode) {
                return Rejection(.malformed, "unknown mode '\(log.mode)' (modes: \(modes.sorted().joined(separator: ", ")))")
            }
            return Rejection(.notEnrolled, "person \(log.person) is not enrolled with \(log.institution) in mode \(log.mode) on \(day)")
        }
        guard found.paid.mode == log.mode else {
            return Rejection(.notEnrolled, "case \(found.caseID)'s mode on \(day) is \(found.paid.mode), not \(log.mode)")
        }
        found.home = enrolment.home
        found.weeklyMinutes = enrolment.weeklyMinutes
        found.weeklyVisits = enrolment.weeklyVisits
        return nil
    }

    /// A01: an agreement in force that day.
    static func agreementNotInForce(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let institution = found.touch.institution else {
            return Rejection(.agreementNotInForce, "\(log.institution) has no agreement")
        }
        let covering = workspace.terms(institution, on: found.day)
        guard case .some = covering.terms else {
            let why = institution.facts.agreements.map { $0.gap(on: found.day) }.joined(separator: "; ")
            return Rejection(.agreementNotInForce, why.isEmpty ? "\(log.institution) has no agreement" : why)
        }
        found.covering = covering
        return nil
    }

    /// A02: the agreement covers the mode.
    static func modeNotCovered(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard !found.covering.modes.contains(log.mode) else { return nil }
        return Rejection(.modeNotCovered, "the agreement covers \(found.covering.modes.joined(separator: ", ")), not \(log.mode)")
    }

    /// A03: the item in the catalogue with an agreed price, and in the grade's package.
    static func itemNotCovered(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let number = found.touch.item
        guard let item = found.paid.scheme.item(number, log.item), let price = found.covering.price(number, log.item) else {
            return Rejection(.itemNotCovered, "item \(log.item) has no agreed price")
        }
        if let rule = found.paid.rule, !rule.covers(number, log.item) {
            return Rejection(.itemNotCovered, "grade \(found.paid.grade) in \(found.paid.mode) covers \(rule.itemList), not \(log.item)")
        }
        found.item = item
        found.unit = item.item.unit
        found.price = price
        return nil
    }

    /// C01: the caregiver registered with the institution.
    static func unknownCaregiver(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let caregiver = found.touch.caregiver.registered else {
            return Rejection(.unknownCaregiver, "\(log.caregiver) is not registered with \(log.institution)")
        }
        found.caregiver = caregiver
        return nil
    }

    /// C02: employed there that day.
    static func caregiverNotEmployed(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard !found.caregiver.isEmployed(on: found.day) else { return nil }
        return Rejection(.caregiverNotEmployed, "\(log.caregiver) is not employed by \(log.institution) on \(found.day)")
    }

    /// C03: one of the qualifications the scheme asks for the item (`monitoring.qualifications`).
    static func caregiverUnqualified(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let has = found.caregiver.qualifications
        guard let needed = found.item.qualifications, !needed.contains(where: has.contains) else { return nil }
        return Rejection(.caregiverUnqualified,
                         "\(log.item) needs \(needed.joined(separator: " or ")); \(log.caregiver) has \(has.joined(separator: ", "))")
    }

    /// L01: a duration in the scheme's range for the item's unit (`monitoring.duration`), and an end after the start.
    static func implausibleDuration(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        if let limits = found.item.duration, !(limits.minimumMinutes...limits.maximumMinutes).contains(log.minutes) {
            return Rejection(.implausibleDuration, "\(log.minutes) minutes; a \(found.unit.rawValue) item takes \(limits.minimumMinutes)–\(limits.maximumMinutes)")
        }
        guard log.minutes > 0 else {
            return Rejection(.implausibleDuration, "ends \(log.end), not after it starts (\(log.start))")
        }
        return nil
    }

    /// L02: a check-in, if given, within the scheme's `monitoring.checkInRadiusMeters` of the home, if known.
    static func checkInTooFar(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let location = log.location, let home = found.home, let radius = found.paid.scheme.monitoring?.checkInRadiusMeters else { return nil }
        let distance = Int(location.meters(to: home).rounded())
        guard distance > radius else { return nil }
        return Rejection(.checkInTooFar, "checked in \(distance) m from the home; the scheme allows \(radius) m")
    }

    /// D01: not the same caregiver, item and start for the person as an accepted service.
    static func duplicate(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let start = found.start, caregiver = found.touch.caregiver.number, item = found.touch.item
        guard let same = found.thisWeek?.busy.first(where: { $0.start == start && $0.caregiver == caregiver && $0.item == item })
            ?? found.weekBefore?.busy.first(where: { $0.start == start && $0.caregiver == caregiver && $0.item == item }) else { return nil }
        return Rejection(.duplicate, "\(log.caregiver) already logged \(log.item) for person \(log.person) at \(log.start) "
                             + "(\(workspace.owner(same.owner, toldTo: log.institution)))")
    }

    /// O01: the caregiver (every registration of their national ID) not busy elsewhere at the time.
    static func caregiverOverlap(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let clash = found.touch.caregiver.clash(start: found.start, end: found.end, week: found.week) else { return nil }
        // Another institution's time is its own: repeated dry runs would map the caregiver's schedule there (as O02).
        guard let own = workspace.ownLog(clash.owner, toldTo: log.institution) else {
            return Rejection(.caregiverOverlap, "\(log.caregiver) is also logged at that time, by another institution")
        }
        return Rejection(.caregiverOverlap, "\(log.caregiver) is also logged from \(LocalMinute(minutes: Int(clash.start))) (\(own))")
    }

    /// O02: the person not served by anyone else at the time.
    static func beneficiaryOverlap(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let start = found.start, end = found.end
        guard let clash = found.thisWeek?.busy.first(where: { $0.start < end && start < $0.end })
            ?? found.weekBefore?.busy.first(where: { $0.start < end && start < $0.end }) else { return nil }
        guard let own = workspace.ownLog(clash.owner, toldTo: log.institution) else {
            return Rejection(.beneficiaryOverlap, "person \(log.person) is also served at that time, by another institution")
        }
        return Rejection(.beneficiaryOverlap, "person \(log.person) is also served from \(LocalMinute(minutes: Int(clash.start))) (\(own))")
    }

    /// P04: one bed-day (an item counted by the day) a day for the person.
    static func secondBedDay(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard found.unit == .day else { return nil }
        let dayNumber = found.day.dayNumber
        guard let other = found.thisWeek?.busy.first(where: {
            Int($0.start).floorDivided(by: 1440) == dayNumber && workspace.unit(ofItem: $0.item) == .day
        }) else { return nil }
        return Rejection(.secondBedDay, "person \(log.person) already has a bed-day on \(found.day) "
                             + "(\(workspace.owner(other.owner, toldTo: log.institution)))")
    }

    /// N01: once a care plan binds, only its items (bed-days aside).
    static func notInCarePlan(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard found.unit != .day, let plan = found.person.plans.last(where: { $0.binds(on: found.day) }) else { return nil }
        guard let planned = plan.item(log.item) else {
            return Rejection(.notInCarePlan, "\(log.item) is not in person \(log.person)'s care plan in force on \(found.day) "
                                 + "(version \(plan.version)), which plans \(plan.items.map(\.code).joined(separator: ", "))")
        }
        found.plannedPerWeek = planned.perWeek
        found.plannedPerDay = planned.perDay
        found.plannedMinutes = planned.minutes
        return nil
    }

    /// N02: no more often than the plan plans the item, in the week and on the day.
    static func beyondCarePlan(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let perWeek = found.plannedPerWeek else { return nil }
        let item = found.touch.item
        let sameItem = (found.thisWeek?.busy ?? []).filter { $0.item == item }
        if sameItem.count + 1 > perWeek {
            return Rejection(.beyondCarePlan, "\(log.item) \(sameItem.count + 1) times in the week of \(Week.monday(found.week)); "
                                 + "the care plan plans \(perWeek)")
        }
        let dayNumber = found.day.dayNumber
        let today = sameItem.filter { Int($0.start).floorDivided(by: 1440) == dayNumber }.count
        if let perDay = found.plannedPerDay, today + 1 > perDay {
            return Rejection(.beyondCarePlan, "\(log.item) \(today + 1) times on \(found.day); the care plan plans at most \(perDay) a day")
        }
        return nil
    }

    /// P01: the week's hours or visits within the enrolment's weekly quantity (the grade's package).
    static func beyondWeeklyPackage(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let minutes = found.thisWeek?.minutes ?? 0, visits = found.thisWeek?.visits ?? 0
        if found.unit == .hour, let plan = found.weeklyMinutes, minutes + log.minutes > plan {
            return Rejection(.beyondWeeklyPackage, "\(minutes + log.minutes) minutes in the week of \(Week.monday(found.week)); the plan allows \(plan)")
        }
        if found.unit == .visit, let plan = found.weeklyVisits, visits + 1 > plan {
            return Rejection(.beyondWeeklyPackage, "\(visits + 1) visits in the week of \(Week.monday(found.week)); the plan allows \(plan)")
        }
        return nil
    }

    /// P05: the month's hours or visits within what the rows of its paid days
    /// give by the month (`hoursPerMonth`, `visitsPerMonth`: Urumqi's 30 hours
    /// of home visits, 乌医保〔2022〕2号), prorated as the ceiling is, counted
    /// across institutions as the usage ledger keeps them; a log that would
    /// go beyond is refused, as P01 refuses one beyond the week.
    static func beyondMonthlyPackage(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let used = found.person.months[found.month] else { return nil }
        if found.unit == .hour, let limit = found.view.minutes, used.minutes + log.minutes > limit {
            return Rejection(.beyondMonthlyPackage, "\(CarePlanRules.hours(used.minutes + log.minutes)) in \(found.month), beyond the "
                                 + "\(CarePlanRules.hours(limit)) the package allows in the month (its hours a month, for the days paid)")
        }
        if found.unit == .visit, let limit = found.view.visits, used.visits + 1 > limit {
            return Rejection(.beyondMonthlyPackage, "\(used.visits + 1) visits in \(found.month), beyond the \(limit) the package allows "
                                 + "in the month (its visits a month, for the days paid)")
        }
        return nil
    }

    /// P02: something left of the month's ceiling. The log bills its agreed
    /// price (by the minute for an hourly item) and is allowed, up to what is
    /// left of the ceiling:
    /// - for an hourly item, no more minutes than one service is planned:
    ///   the binding care plan's minutes for the item, else the catalogue's
    ///   `minutes`, else all the log's (issue 29: a plan of 60 minutes paid
    ///   150-minute logs in full);
    /// - no more per hour or per visit than the row's unit standard
    ///   (`unitPrice`), whatever the agreed price (Urumqi pays 62 an hour at
    ///   grade 3 to an institution agreed at 72).
    /// What the log bills beyond that is the person's: billed less allowed,
    /// the statement's `overCap` with what the ceiling and the day's cap leave.
    static func beyondMonthlyCap(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        let ceiling = found.view.ceiling
        let left = ceiling - (found.person.months[found.month]?.allowed ?? .zero)
        guard left.fen > 0 else {
            return Rejection(.beyondMonthlyCap, "the \(found.month) ceiling of \(ceiling) is used up")
        }
        let rule = found.paid.rule
        let rate = rule?.standardUnit == found.unit ? min(found.price, rule?.standard ?? found.price) : found.price
        let eligible: Money
        switch found.unit {
        case .hour:
            found.billed = found.price.prorated(days: log.minutes, of: 60)
            let minutes = min(log.minutes, found.plannedMinutes ?? found.item.item.planning.minutes ?? log.minutes)
            eligible = rate.prorated(days: minutes, of: 60)
        case .visit, .day:
            found.billed = found.price
            eligible = rate
        }
        found.allowed = min(found.billed, eligible, left)
        return nil
    }

    /// P03: something left of a daily-priced row's cap for the day; the log is allowed up to it.
    static func beyondDailyCap(_ log: ServiceLog, _ found: inout LogFindings, _ workspace: inout IntakeWorkspace) -> Rejection? {
        guard let cap = found.paid.rule?.dailyCap else { return nil }
        let today = found.thisWeek?.allowed[Week.weekday(of: found.day)] ?? .zero
        guard today < cap else {
            return Rejection(.beyondDailyCap, "\(today) already allowed on \(found.day); the cap is \(cap) a day")
        }
        found.allowed = min(found.allowed, cap - today)
        return nil
    }
}
