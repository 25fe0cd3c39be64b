import LTCCases
import LTCCore
import LTCSchemes

/// The monitoring rules applied to a month: each reads its aggregates from
/// the store (``MonitoringRepository``) and turns those beyond the scheme's
/// thresholds into findings. docs/supervision.md states each rule in words.
public struct MonitorAnalysis {
    public let month: YearMonth
    public let thresholds: AnalyticsThresholds

    public init(month: YearMonth, thresholds: AnalyticsThresholds) {
        self.month = month
        self.thresholds = thresholds
    }

    /// Every rule's findings, in the order of ``MonitorRule``.
    public func findings(in tx: any ProviderTransaction) throws -> [FlagFinding] {
        try assessors(tx) + institutions(tx.monitoring) + sharedCheckIns(tx.monitoring) + travel(tx.monitoring)
            + hoursJumps(tx.monitoring) + twoInstitutions(tx.monitoring) + stays(tx.monitoring)
    }

    private static func rounded(_ value: Double, _ places: Int = 2) -> JSONValue {
        let scale = Double([1, 10, 100, 1000, 10000][places])
        return .number(String((value * scale).rounded() / scale))
    }

    /// Assessors: the share of severe grades among the month's determinations,
    /// against every other assessor's pooled (two-proportion z-test), for those
    /// with at least the minimum count; and, among the month's audit findings
    /// (grades an audit changed), the share that lowered the grade.
    func assessors(_ tx: any ProviderTransaction) throws -> [FlagFinding] {
        var cases: [String: [(id: Int, severe: Bool)]] = [:]
        var page = PageRequest<Int>.largest()
        while true {
            var query = CaseQuery(scope: .all)
            query.determinedIn = month
            let read = try tx.cases.list(query, page: page)
            for record in read.items {
                guard let grade = record.determination?.grade else { continue }
                for assessor in Set(record.assessors) {
                    cases[assessor, default: []].append((record.id, grade >= thresholds.severeFromGrade))
                }
            }
            guard let next = read.next else { break }
            page = .largest(after: next)
        }
        let total = cases.values.reduce(0) { $0 + $1.count }
        let severe = cases.values.reduce(0) { $0 + $1.filter(\.severe).count }
        var found: [FlagFinding] = []
        for (assessor, mine) in cases.sorted(by: { $0.key < $1.key }) where mine.count >= thresholds.minimumAssessments {
            let x = mine.filter(\.severe).count
            guard let z = RobustStatistics.twoProportionZ(x, mine.count, severe - x, total - mine.count), abs(z) >= thresholds.severeZ else { continue }
            found.append(FlagFinding(rule: .assessorSevere, subject: "assessor:\(assessor)", institution: nil, figures: [
                "determinations": .integer(mine.count), "severe": .integer(x), "share": Self.rounded(Double(x) / Double(mine.count), 4),
                "peersDeterminations": .integer(total - mine.count), "peersSevere": .integer(severe - x),
                "peersShare": Self.rounded(Double(severe - x) / Double(max(1, total - mine.count)), 4), "z": Self.rounded(z),
                "threshold": .number(String(thresholds.severeZ)), "severeFromGrade": .integer(thresholds.severeFromGrade),
            ], items: mine.map { FlagItem(.case, String($0.id)) }))
        }
        var audited: [String: (lowered: [Int], raised: [Int])] = [:]
        var findings = PageRequest<Int>.largest()
        while true {
            let read = try tx.findings.findings(assessor: nil, page: findings)
            for finding in read.items where YearMonth(containing: finding.foundOn) == month {
                if finding.auditedGrade < finding.grade { audited[finding.assessor, default: ([], [])].lowered.append(finding.caseID) }
                else { audited[finding.assessor, default: ([], [])].raised.append(finding.caseID) }
            }
            guard let next = read.next else { break }
            findings = .largest(after: next)
        }
        for (assessor, changed) in audited.sorted(by: { $0.key < $1.key }) {
            let count = changed.lowered.count + changed.raised.count
            let rate = Double(changed.lowered.count) / Double(count)
            guard count >= thresholds.minimumAudited, rate > thresholds.maximumDowngradeRate else { continue }
            found.append(FlagFinding(rule: .assessorDowngrades, subject: "assessor:\(assessor)", institution: nil, figures: [
                "changedOnAudit": .integer(count), "lowered": .integer(changed.lowered.count), "rate": Self.rounded(rate, 4),
                "threshold": .number(String(thresholds.maximumDowngradeRate)),
            ], items: changed.lowered.map { FlagItem(.case, String($0)) }))
        }
        return found
    }

    /// Institutions with at least the minimum visits: minutes per client,
    /// visits per caregiver-day and the share of visits starting at the same
    /// minute as another of theirs, each an outlier when its robust z-score
    /// among those institutions reaches the threshold (high side only).
    func institutions(_ monitoring: any MonitoringRepository) throws -> [FlagFinding] {
        let measured = try monitoring.institutionMeasures(month: month).filter { $0.visits >= thresholds.minimumVisits }
        let measures: [(MonitorRule, String, (InstitutionMeasures) -> Double)] = [
            (.hoursPerClient, "minutesPerClient", { Double($0.minutes) / Double(max(1, $0.clients)) }),
            (.visitsPerCaregiverDay, "visitsPerCaregiverDay", { Double($0.visits) / Double(max(1, $0.caregiverDays)) }),
            (.identicalStarts, "identicalStartShare", { Double($0.identicalStarts) / Double(max(1, $0.visits)) }),
        ]
        var found: [FlagFinding] = []
        for (rule, name, value) in measures {
            let values = measured.map(value)
            let median = RobustStatistics.median(values), mad = RobustStatistics.mad(values)
            for ((institution, measure), z) in zip(zip(measured, values), RobustStatistics.robustZ(of: values)) {
                guard let z, z >= thresholds.robustZ else { continue }
                found.append(FlagFinding(rule: rule, subject: "institution:\(institution.institution)", institution: institution.institution, figures: [
                    name: Self.rounded(measure, 4), "median": Self.rounded(median, 4), "mad": Self.rounded(mad, 4),
                    "robustZ": Self.rounded(z), "threshold": .number(String(thresholds.robustZ)),
                    "visits": .integer(institution.visits), "clients": .integer(institution.clients), "institutionsCompared": .integer(measured.count),
                ], items: []))
            }
        }
        return found
    }

    /// One check-in point (the same coordinates to the micro-degree) for at least the minimum number of different clients.
    func sharedCheckIns(_ monitoring: any MonitoringRepository) throws -> [FlagFinding] {
        let logs = try monitoring.sharedCheckIns(month: month, minimumClients: thresholds.minimumClients)
        return Dictionary(grouping: logs, by: \.location).sorted { $0.key < $1.key }.map { location, logs in
            let institutions = Set(logs.map(\.institution)).sorted()
            return FlagFinding(rule: .sharedCheckIn, subject: "location:\(location)", institution: institutions.count == 1 ? institutions[0] : nil, figures: [
                "clients": .integer(Set(logs.map(\.person)).count), "logs": .integer(logs.count),
                "institutions": .array(institutions.map(JSONValue.string)), "threshold": .integer(thresholds.minimumClients),
            ], items: logs.map { FlagItem.log($0.institution, $0.logID) })
        }
    }

    /// A caregiver's consecutive visits on one day whose check-ins are at
    /// least the minimum distance apart and further than the maximum speed
    /// covers in the gap between the end of one and the start of the next.
    func travel(_ monitoring: any MonitoringRepository) throws -> [FlagFinding] {
        let metresPerMinute = Double(thresholds.maxKilometresPerHour) * 1000 / 60
        var pairs: [String: [(ConsecutiveVisits, Double)]] = [:]
        try monitoring.consecutiveVisits(month: month) { visit in
            let metres = visit.previousLocation.meters(to: visit.location)
            let gap = Double(max(0, visit.start.value - visit.previousEnd.value))
            guard metres >= Double(thresholds.minimumMeters), metres > metresPerMinute * gap else { return }
            pairs["\(visit.institution)/\(visit.caregiver)", default: []].append((visit, metres))
        }
        return pairs.sorted { $0.key < $1.key }.map { caregiver, pairs in
            let worst = pairs.max { $0.1 / Double(max(1, $0.0.start.value - $0.0.previousEnd.value)) < $1.1 / Double(max(1, $1.0.start.value - $1.0.previousEnd.value)) }!
            return FlagFinding(rule: .impossibleTravel, subject: "caregiver:\(caregiver)", institution: pairs[0].0.institution, figures: [
                "pairs": .integer(pairs.count), "worstMetres": .integer(Int(worst.1.rounded())),
                "worstGapMinutes": .integer(worst.0.start.value - worst.0.previousEnd.value),
                "worstLogs": .array([.string(worst.0.previousLog), .string(worst.0.logID)]), "maxKmPerHour": .integer(thresholds.maxKilometresPerHour),
            ], items: pairs.flatMap { [FlagItem.log($0.0.institution, $0.0.previousLog), FlagItem.log($0.0.institution, $0.0.logID)] })
        }
    }

    /// A client served by one institution the month before and another this
    /// month, whose minutes grew by the ratio and the minimum increase.
    func hoursJumps(_ monitoring: any MonitoringRepository) throws -> [FlagFinding] {
        try monitoring.movedClients(month: month, ratioPercent: Int((thresholds.jumpRatio * 100).rounded()),
                                    minimumIncrease: thresholds.minimumIncreaseMinutes).map { moved in
            FlagFinding(rule: .hoursJump, subject: "person:\(moved.person)", institution: moved.after, figures: [
                "before": .string(moved.before), "after": .string(moved.after), "minutesBefore": .integer(moved.minutesBefore),
                "minutesAfter": .integer(moved.minutesAfter), "ratio": .number(String(thresholds.jumpRatio)),
                "minimumIncreaseMinutes": .integer(thresholds.minimumIncreaseMinutes),
            ], items: [FlagItem(.person, String(moved.person))])
        }
    }

    /// A caregiver registered at two institutions with one national ID who
    /// served clients of both on one day (the national ID is never shown).
    func twoInstitutions(_ monitoring: any MonitoringRepository) throws -> [FlagFinding] {
        let logs = try monitoring.caregiversAcrossInstitutions(month: month)
        return Dictionary(grouping: logs, by: \.nationalID).values.map { logs in
            let keys = Set(logs.map { "\($0.institution)/\($0.caregiver)" }).sorted()
            return FlagFinding(rule: .twoInstitutions, subject: "caregivers:" + keys.joined(separator: ","), institution: nil, figures: [
                "days": .array(Set(logs.map(\.day)).sorted().map { .string($0.description) }),
                "institutions": .array(Set(logs.map(\.institution)).sorted().map(JSONValue.string)), "logs": .integer(logs.count),
            ], items: logs.map { FlagItem.log($0.institution, $0.logID) })
        }.sorted { $0.subject < $1.subject }
    }

    /// Services on a day strictly between a stay's admission and discharge.
    func stays(_ monitoring: any MonitoringRepository) throws -> [FlagFinding] {
        let services = try monitoring.servicesDuringStays(month: month)
        return Dictionary(grouping: services, by: \.stay).sorted { $0.key < $1.key }.map { stay, services in
            let institutions = Set(services.map(\.institution)).sorted()
            return FlagFinding(rule: .serviceDuringStay, subject: "stay:\(stay)", institution: institutions.count == 1 ? institutions[0] : nil, figures: [
                "person": .integer(services[0].person), "services": .integer(services.count),
                "institutions": .array(institutions.map(JSONValue.string)),
            ], items: [FlagItem(.stay, String(stay))] + services.map { FlagItem.log($0.institution, $0.logID) })
        }
    }
}
