import LTCCases
import LTCCore
import LTCSchemes

/// What the logs of one chunk need read from the store that the intake's
/// workspace does not hold yet: the checker works it out, the storage side
/// reads it (``IntakeNeeds/read(from:)``).
struct IntakeNeeds: Sendable {
    /// People whose benefit case and enrolments are needed.
    var people: Set<Int> = []
    /// Per month, people whose use of it (and of its weeks) and busy times are needed.
    var personMonths: [YearMonth: Set<Int>] = [:]
    /// Per month, caregivers whose busy times are needed.
    var caregiverMonths: [YearMonth: Set<CaregiverKey>] = [:]
    /// Institutions whose agreements, caregivers and credit are needed.
    var institutions: Set<String> = []
    /// Months whose settlement (closed or open) is needed.
    var months: Set<YearMonth> = []
    /// Per institution, log ids whose stored versions are needed.
    var ids: [String: [String]] = [:]
    /// Scheme ids the workspace holds already (with their regions' other schemes).
    var knownSchemes: Set<String> = []

    var isEmpty: Bool {
        people.isEmpty && personMonths.isEmpty && caregiverMonths.isEmpty && institutions.isEmpty && months.isEmpty && ids.isEmpty
    }
}

/// What an institution brings to the checks: its agreements, its caregivers,
/// whether it has sent logs before, and the share of its accepted logs
/// picked for review (the scheme's rate, higher under closer checks).
struct InstitutionFacts: Sendable {
    var agreements: [Agreement]
    var caregivers: [String: Caregiver]
    var hasLogs: Bool
    var samplingRate: Ratio?
}

/// What the store gave for some ``IntakeNeeds``, and the stored versions'
/// own people, months and caregivers (so that a correction can take back
/// what its earlier version used).
struct IntakeLoad: Sendable {
    /// Per person asked for: the case benefits follow, if any.
    var cases: [Int: Case?] = [:]
    var enrolments: [Int: [Enrolment]] = [:]
    /// The person-months and caregiver-months read (those asked for, and the stored versions' own).
    var personMonths: [YearMonth: Set<Int>] = [:]
    var caregiverMonths: [YearMonth: Set<CaregiverKey>] = [:]
    var use: [YearMonth: [Int: PersonUse]] = [:]
    var personBusy: [YearMonth: [Int: [BusyTime]]] = [:]
    var caregiverBusy: [YearMonth: [CaregiverKey: [BusyTime]]] = [:]
    var institutions: [String: InstitutionFacts] = [:]
    var settled: [YearMonth: Bool] = [:]
    var stored: [LogKey: StoredLog] = [:]
    /// Schemes of the cases' regions not known to the workspace.
    var schemes: [Scheme] = []
}

/// An institution's log id: unique within the institution.
struct LogKey: Hashable, Sendable {
    var institution: String
    var logID: String
}

extension IntakeNeeds {
    /// The window of busy times a month's overlap checks read: services
    /// starting from a day before the month to two days after it, so that a
    /// service across midnight at either end is seen.
    static func busyWindow(_ month: YearMonth) -> (from: LocalMinute, to: LocalMinute) {
        (LocalMinute(day: month.firstDay.adding(days: -1), minute: 0), LocalMinute(day: month.lastDay.adding(days: 2), minute: 0))
    }

    /// Reads what is needed, in the submission's transaction (on the thread that holds it).
    func read(from tx: any ProviderTransaction, asOf: CalendarDate) throws -> IntakeLoad {
        var load = IntakeLoad()
        var needs = self
        // The stored versions first: a correction needs its earlier version's person, months and caregiver too.
        for (institution, ids) in ids {
            for (id, stored) in try tx.logs.stored(institution: institution, ids: ids) {
                load.stored[LogKey(institution: institution, logID: id)] = stored
                let month = YearMonth(containing: stored.log.day)
                needs.people.insert(stored.log.person)
                needs.personMonths[month, default: []].insert(stored.log.person)
                needs.caregiverMonths[month, default: []].insert(CaregiverKey(institution: institution, caregiver: stored.log.caregiver))
                needs.months.insert(month)
            }
        }
        if !needs.people.isEmpty {
            let cases = try tx.cases.benefitCases(people: needs.people)
            let enrolments = try tx.enrolments.enrolments(people: needs.people)
            for person in needs.people {
                load.cases.updateValue(cases[person].map(Self.slim), forKey: person)
                load.enrolments[person] = enrolments[person] ?? []
            }
            // Each case's region, every version of it: a submission may span a change of scheme.
            var known = knownSchemes
            for schemeID in Set(cases.values.map(\.schemeID)) where !known.contains(schemeID) {
                guard let home = try tx.schemes.scheme(id: schemeID) else { continue }
                for scheme in try tx.schemes.versions(region: home.region) where known.insert(scheme.id).inserted {
                    load.schemes.append(scheme)
                }
            }
        }
        load.personMonths = needs.personMonths
        load.caregiverMonths = needs.caregiverMonths
        for (month, people) in needs.personMonths {
            load.use[month] = try tx.usage.use(of: people, in: month)
            let window = Self.busyWindow(month)
            load.personBusy[month] = Dictionary(grouping: try tx.logs.busyTimes(people: people, from: window.from, to: window.to), by: \.person)
        }
        for (month, caregivers) in needs.caregiverMonths {
            let window = Self.busyWindow(month)
            load.caregiverBusy[month] = Dictionary(grouping: try tx.logs.busyTimes(caregivers: caregivers, from: window.from, to: window.to)) {
                CaregiverKey(institution: $0.institution, caregiver: $0.caregiver)
            }
        }
        if !needs.institutions.isEmpty {
            let agreements = try tx.agreements.agreements(institutions: needs.institutions)
            for institution in needs.institutions {
                load.institutions[institution] = InstitutionFacts(
                    agreements: agreements[institution] ?? [], caregivers: try tx.caregivers.caregivers(institution: institution),
                    hasLogs: try tx.logs.hasLogs(institution: institution),
                    samplingRate: try SupervisionService.samplingRate(institution: institution, asOf: asOf, in: tx))
            }
        }
        if !needs.months.isEmpty {
            let settled = try tx.settlements.settled(needs.months)
            for month in needs.months { load.settled[month] = settled.contains(month) }
        }
        return load
    }

    /// A case with only what benefits follow (grades, modes, suspensions,
    /// subsidies): a city's worth of them is held while a submission is checked.
    private static func slim(_ record: Case) -> Case {
        var record = record
        record.eligibility = nil
        record.assessors = []
        record.closedReason = nil
        record.pending = nil
        return record
    }
}
