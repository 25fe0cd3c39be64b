import LTCCases
import LTCCore
import LTCSchemes

extension IntakeService {
    /// A logs file for `institution` to start from on `day` (``LogTemplate``):
    /// the header, an example line for the first client enrolled that day
    /// (for each with `allClients`), and the clients with their modes;
    /// clients whose case has ended, is suspended or has no grade in force
    /// that day are left out, as intake would refuse them (B02, B03).
    /// The example is dated `day`, ending at the last full hour before now
    /// when `day` is today (earlier lines an hour before each other), else
    /// at 10:00, so that it is not in the future (T01).
    public func template(institution: String, allClients: Bool, actor: Actor, on day: CalendarDate) throws -> LogTemplate {
        try Access.requireReadable(actor, institution: institution, "the clients of \(institution)")
        let clock = work.clock
        return try store.read { tx in
            guard try tx.institutions.institution(id: institution) != nil else { throw CaseError.notYours("institution \(institution)", refused: false) }
            let enrolments = try tx.enrolments.enrolments(institution: institution, from: day, to: day)
                .filter { $0.period.contains(day) }.sorted { ($0.personID, $0.id) < ($1.personID, $1.id) }
            let plans = try tx.plans.binding(people: Set(enrolments.map(\.personID)))
            let caregivers = try tx.caregivers.list(institution: institution, page: try PageRequest(limit: 10_000)).items.filter { $0.isEmployed(on: day) }
            var clients: [LogTemplate.Client] = []
            var lines: [ServiceLog] = []
            var missing: String? = enrolments.isEmpty ? "no client is enrolled with \(institution) on \(day)"
                : caregivers.isEmpty ? "no caregiver of \(institution) is employed on \(day)" : nil
            var end: LocalMinute?
            for enrolment in enrolments {
                // A client whose case has ended, is suspended or has no grade in force that day cannot be served (B02, B03): left out.
                guard let record = try tx.cases.caseRecord(id: enrolment.caseID), Self.servable(record, on: day) else { continue }
                let plan = plans[enrolment.personID]?.first { $0.caseID == enrolment.caseID && $0.binds(on: day) }
                clients.append(LogTemplate.Client(caseID: enrolment.caseID, person: enrolment.personID, mode: enrolment.mode,
                                                  enrolledFrom: enrolment.period.from, planned: plan?.items ?? [],
                                                  weeklyMinutes: enrolment.weeklyMinutes, weeklyVisits: enrolment.weeklyVisits))
                guard missing == nil, allClients || lines.isEmpty,
                      let scheme = try tx.schemes.scheme(id: record.schemeID), let benefits = scheme.benefits else { continue }
                // An item the client may have in this mode: the plan's first, else the grade's package's first.
                let grade = (record.determination(on: day) ?? record.determination)?.grade
                let packaged = grade.flatMap { benefits.rule(grade: $0, mode: enrolment.mode, insured: record.insured)?.items } ?? []
                let candidates = (plan?.items.map(\.code) ?? []) + packaged
                guard let code = candidates.first(where: { code in benefits.item(code).map { $0.planning.modes?.contains(enrolment.mode) ?? true } ?? false }),
                      let item = benefits.item(code) else { continue }
                let needed = benefits.monitoring?.qualifications[code] ?? []
                guard let caregiver = caregivers.first(where: { caregiver in needed.isEmpty || caregiver.qualifications.contains(where: needed.contains) })
                        ?? caregivers.first else { continue }
                let duration = benefits.monitoring?.duration[item.unit]
                let minutes = min(max(item.planning.minutes ?? (item.unit == .day ? 480 : 60), duration?.minimumMinutes ?? 0),
                                  duration?.maximumMinutes ?? 1440)
                let anchor = end ?? Self.lastHourEnded(on: day, now: LocalMinute(now: clock, in: scheme.timeZone))
                var start = LocalMinute(minutes: anchor.value - minutes)
                var finish = anchor
                if start.day != anchor.day || start.minuteOfDay < 6 * 60 {
                    // Too early in the anchor's day: the afternoon of the day before it, still in the past
                    // (and for a later line, before the line above: never the same hour twice for one caregiver).
                    finish = LocalMinute(day: anchor.day.adding(days: -1), minute: 20 * 60)
                    start = LocalMinute(minutes: finish.value - minutes)
                }
                end = start
                lines.append(ServiceLog(logID: "\(institution)-\(Self.compact(start.day))-\(lines.count + 1)", institution: institution,
                                        caregiver: caregiver.id, person: enrolment.personID, item: code, start: start, end: finish,
                                        mode: enrolment.mode, location: nil))
            }
            if lines.isEmpty, missing == nil { missing = "no client of \(institution) has an item its caregivers may give on \(day)" }
            return LogTemplate(institution: institution, day: day, lines: lines, clients: clients, missing: missing)
        }
    }

    /// Whether a case may be served on `day`: not ended before it, not suspended, with a grade in force.
    static func servable(_ record: Case, on day: CalendarDate) -> Bool {
        if let ended = record.endedOn, ended < day { return false }
        if let suspended = record.suspendedSince, suspended <= day { return false }
        return record.determination(on: day) != nil
    }

    /// The end of the last full hour before `now` on `day`, or 10:00 on a day that is not today.
    static func lastHourEnded(on day: CalendarDate, now: LocalMinute) -> LocalMinute {
        guard now.day == day else { return LocalMinute(day: day, minute: 10 * 60) }
        return LocalMinute(day: day, minute: now.minuteOfDay / 60 * 60)
    }

    /// `2026-12-07` → `20261207`, for log ids.
    static func compact(_ day: CalendarDate) -> String {
        day.description.replacingOccurrences(of: "-", with: "")
    }
}
