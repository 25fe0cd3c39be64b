import LTCCases
import LTCCore
import LTCSchemes

/// What the logs of one chunk need read from the store that the intake's
/// workspace does not hold yet: the checker works it out, the storage side
/// reads it (``IntakeNeeds/read(from:asOf:)``).
struct IntakeNeeds: Sendable {
    /// People whose benefit case and enrolments are needed.
    var people: Set<Int> = []
    /// Per month, people whose allowance used so far is needed.
    var personMonths: [YearMonth: Set<Int>] = [:]
    /// People whose weeks (hours, visits, busy times) in ``weeks`` are needed.
    var weekPeople: Set<Int> = []
    /// Caregivers whose weeks (busy times) in ``weeks`` are needed.
    var weekCaregivers: Set<CaregiverKey> = []
    /// The weeks needed, of those people and caregivers.
    var weeks: Set<Int> = []
    /// Caregivers whose registration (qualifications, employment, national
    /// ID) is needed; their logs' weeks are in ``weeks``, for the weeks of
    /// the same person's registrations elsewhere.
    var registry: Set<CaregiverKey> = []
    /// Institutions whose agreements and credit are needed.
    var institutions: Set<String> = []
    /// Months whose settlement (closed or open) is needed.
    var months: Set<YearMonth> = []
    /// Per institution, log ids whose stored versions are needed.
    var ids: [String: [String]] = [:]
    /// Scheme ids the workspace holds already (with their regions' other versions).
    var knownSchemes: Set<String> = []

    /// What a log needs: its person, month and weeks (its week and the one
    /// before, for services across midnight on a Sunday), its caregiver's weeks.
    mutating func add(person: Int, caregiver: CaregiverKey, start: LocalMinute, personKnown: Bool, monthKnown: Bool,
                      weekKnown: (Bool, Bool), caregiverWeekKnown: (Bool, Bool)) {
        let week = Week.number(of: start)
        if !personKnown { people.insert(person) }
        if !monthKnown { personMonths[YearMonth(containing: start.day), default: []].insert(person) }
        if !weekKnown.0 || !weekKnown.1 {
            weekPeople.insert(person)
            cover(week)
        }
        if !caregiverWeekKnown.0 || !caregiverWeekKnown.1 {
            weekCaregivers.insert(caregiver)
            cover(week)
        }
    }

    /// What a log needs of its caregiver's registration, and of the weeks
    /// of the same person registered elsewhere (read once the registration names them).
    mutating func addRegistry(_ caregiver: CaregiverKey, start: LocalMinute) {
        registry.insert(caregiver)
        cover(Week.number(of: start))
    }

    /// What a log needs of the weeks of its caregiver's other registrations (``IntakeLoad/peers``).
    mutating func addPeerWeeks(_ caregiver: CaregiverKey, start: LocalMinute) {
        weekCaregivers.insert(caregiver)
        cover(Week.number(of: start))
    }

    /// Adds a week and the one before it to ``weeks``.
    private mutating func cover(_ week: Int) {
        weeks.insert(week)
        weeks.insert(week - 1)
    }
}

/// What an institution brings to the checks: its agreements, whether it
/// has sent logs before, and the share of its accepted logs picked for
/// review (the scheme's rate, higher under closer checks).
struct InstitutionFacts: Sendable {
    var agreements: [Agreement]
    var hasLogs: Bool
    var samplingRate: Ratio?
}

/// What the store gave for some ``IntakeNeeds``, with the stored versions'
/// own people, months, weeks and caregivers (so that a correction can take
/// back what its earlier version used).
struct IntakeLoad: Sendable {
    /// Per person asked for: the case benefits follow, if any.
    var cases: [Int: Case?] = [:]
    var enrolments: [Int: [Enrolment]] = [:]
    /// Per person asked for: the care plans that bind logs, oldest first.
    var plans: [Int: [CarePlan]] = [:]
    /// What was asked for (and is now known, found or empty).
    var personMonths: [YearMonth: Set<Int>] = [:]
    var weekPeople: Set<Int> = []
    var weekCaregivers: Set<CaregiverKey> = []
    var weeks: Set<Int> = []
    /// What was found.
    /// Per month and person: what is used of the month (money allowed, minutes, visits).
    var use: [YearMonth: [Int: MonthUse]] = [:]
    var personWeekRows: [PersonWeek] = []
    var caregiverWeekRows: [CaregiverWeek] = []
    /// The caregivers asked for (``IntakeNeeds/registry``), and those of them registered.
    var registry: Set<CaregiverKey> = []
    var registered: [CaregiverKey: Caregiver] = [:]
    /// Per registered caregiver with a national ID: the same person's other
    /// registrations, at this institution or others. Their weeks are read
    /// too, so that one person is one caregiver for the overlap check.
    var peers: [CaregiverKey: [CaregiverKey]] = [:]
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
    /// Reads what is needed, in the submission's transaction (on the thread that holds it).
    ///
    /// Each key is locked (``LedgerLock``) before what it guards is read:
    /// the institutions, people and months the chunk names first, then
    /// those the stored versions of its logs add (a correction's earlier
    /// person or month), then the institutions of its caregivers' other
    /// registrations.
    func read(from tx: any ProviderTransaction, asOf: CalendarDate, locks: IntakeLocks = IntakeLocks()) throws -> IntakeLoad {
        var load = IntakeLoad()
        var needs = self
        try locks.take(needs.ledgerLocks, in: tx)
        // Whether an institution has logs: yes is remembered for the transaction, no for this read.
        var without: Set<String> = []
        func hasLogs(_ institution: String) throws -> Bool {
            if locks.withLogs.contains(institution) { return true }
            if without.contains(institution) { return false }
            guard try tx.logs.hasLogs(institution: institution) else {
                without.insert(institution)
                return false
            }
            locks.withLogs.insert(institution)
            return true
        }
        // The stored versions first: a correction needs its earlier version's person, month, weeks and caregiver too.
        for (institution, ids) in ids where try hasLogs(institution) {
            for (id, stored) in try tx.logs.stored(institution: institution, ids: ids) {
                load.stored[LogKey(institution: institution, logID: id)] = stored
                let log = stored.log
                needs.add(person: log.person, caregiver: CaregiverKey(institution: institution, caregiver: log.caregiver), start: log.start,
                          personKnown: false, monthKnown: false, weekKnown: (false, true), caregiverWeekKnown: (false, true))
                needs.months.insert(YearMonth(containing: log.day))
            }
        }
        try locks.take(needs.ledgerLocks, in: tx)
        if !needs.people.isEmpty {
            let cases = try tx.cases.benefitCases(people: needs.people)
            let enrolments = try tx.enrolments.enrolments(people: needs.people)
            load.plans = try tx.plans.binding(people: needs.people)
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
        for (month, people) in needs.personMonths {
            load.use[month] = try tx.usage.use(people: people, month: month)
        }
        // The registry before the weeks: a caregiver's other registrations (by national ID) have weeks to read too.
        load.registry = needs.registry
        if !needs.registry.isEmpty {
            load.registered = try tx.caregivers.caregivers(needs.registry)
            let people = Set(load.registered.values.compactMap(\.nationalID))
            let registrations = Dictionary(grouping: try tx.caregivers.caregivers(nationalIDs: people)) { $0.nationalID }
            for (key, caregiver) in load.registered {
                guard let person = caregiver.nationalID else { continue }
                let others = (registrations[person] ?? []).map { CaregiverKey(institution: $0.institution, caregiver: $0.id) }.filter { $0 != key }
                guard !others.isEmpty else { continue }
                load.peers[key] = others
                needs.weekCaregivers.formUnion(others)
            }
        }
        try locks.take(Set(needs.weekCaregivers.map { LedgerLock.institution($0.institution) }), in: tx)
        (load.weekPeople, load.weekCaregivers, load.weeks) = (needs.weekPeople, needs.weekCaregivers, needs.weeks)
        if !needs.weeks.isEmpty {
            load.personWeekRows = try tx.usage.weeks(people: needs.weekPeople, weeks: needs.weeks)
            load.caregiverWeekRows = try tx.usage.weeks(caregivers: needs.weekCaregivers, weeks: needs.weeks)
        }
        if !needs.institutions.isEmpty {
            let agreements = try tx.agreements.agreements(institutions: needs.institutions)
            for institution in needs.institutions {
                load.institutions[institution] = InstitutionFacts(
                    agreements: agreements[institution] ?? [],
                    hasLogs: try hasLogs(institution),
                    samplingRate: try SupervisionService.samplingRate(institution: institution, agreements: agreements[institution] ?? [],
                                                                      asOf: asOf, in: tx))
            }
        }
        if !needs.months.isEmpty {
            let settled = try tx.settlements.settled(needs.months)
            for month in needs.months { load.settled[month] = settled.contains(month) }
        }
        return load
    }

    /// What these needs read that other intake transactions write: the
    /// institutions, people and months named (``LedgerLock``).
    var ledgerLocks: Set<LedgerLock> {
        var locks = Set(institutions.map(LedgerLock.institution))
        locks.formUnion(ids.keys.map(LedgerLock.institution))
        locks.formUnion(weekCaregivers.map { LedgerLock.institution($0.institution) })
        for person in people.union(weekPeople) { locks.insert(.person(person)) }
        for (month, people) in personMonths {
            locks.insert(.month(month))
            for person in people { locks.insert(.person(person)) }
        }
        for month in months { locks.insert(.month(month)) }
        return locks
    }

    /// A case with only what benefits follow (grades, modes, suspensions,
    /// subsidies): a city's worth of them is held while a submission is checked.
    private static func slim(_ record: Case) -> Case {
        var record = record
        record.eligibility = nil
        record.assessors = []
        record.pending = nil
        return record
    }
}
