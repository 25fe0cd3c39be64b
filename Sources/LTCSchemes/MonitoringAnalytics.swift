import LTCCore

/// The thresholds of monitoring across time (`monitoring.analytics` of a
/// scheme file): the rules that look at a month of stored data as a whole,
/// where each log on its own passed the intake checks. Seed 000 §18 asks
/// supervision to "weave monitoring rules tightly" (织密监控规则); the rules
/// are ltc's (see docs/supervision.md), the numbers each city's.
///
/// ```json
/// "analytics": {
///   "assessorSevere": {"severeFromGrade": 4, "minimumAssessments": 20, "zScore": 3.0},
///   "assessorDowngrades": {"minimumAudited": 5, "maximumRate": 0.3},
///   "institutionOutliers": {"minimumVisits": 50, "robustZ": 3.5},
///   "sharedCheckIn": {"minimumClients": 2},
///   "travel": {"maxKmPerHour": 60, "minimumMeters": 1000},
///   "hoursJump": {"ratio": 1.5, "minimumIncreaseMinutes": 600}
/// }
/// ```
public struct AnalyticsThresholds: Sendable, Equatable {
    /// Grades from this one up count as severe.
    public var severeFromGrade: Int
    /// An assessor is tested only with at least this many determinations in the month.
    public var minimumAssessments: Int
    /// The two-proportion z statistic (the assessor against the pooled rest) above which the share is flagged.
    public var severeZ: Double
    /// An assessor's audit findings are rated only from this many.
    public var minimumAudited: Int
    /// The share of findings that lowered the grade above which the assessor is flagged.
    public var maximumDowngradeRate: Double
    /// An institution is compared only with at least this many visits in the month.
    public var minimumVisits: Int
    /// The robust z-score (distance from the median in MADs × 1.4826) above which a measure is an outlier.
    public var robustZ: Double
    /// A check-in point shared by this many different clients in a month is flagged.
    public var minimumClients: Int
    /// Consecutive visits of a caregiver further apart than this speed allows in the gap are flagged.
    public var maxKilometresPerHour: Int
    /// Distances below this are never flagged (check-in noise within a building).
    public var minimumMeters: Int
    /// A client's minutes after a change of institution at least this multiple of the month before are flagged…
    public var jumpRatio: Double
    /// …when they grew by at least this many minutes.
    public var minimumIncreaseMinutes: Int

    public init(severeFromGrade: Int = 4, minimumAssessments: Int = 20, severeZ: Double = 3, minimumAudited: Int = 5,
                maximumDowngradeRate: Double = 0.3, minimumVisits: Int = 50, robustZ: Double = 3.5, minimumClients: Int = 2,
                maxKilometresPerHour: Int = 60, minimumMeters: Int = 1000, jumpRatio: Double = 1.5, minimumIncreaseMinutes: Int = 600) {
        self.severeFromGrade = severeFromGrade
        self.minimumAssessments = minimumAssessments
        self.severeZ = severeZ
        self.minimumAudited = minimumAudited
        self.maximumDowngradeRate = maximumDowngradeRate
        self.minimumVisits = minimumVisits
        self.robustZ = robustZ
        self.minimumClients = minimumClients
        self.maxKilometresPerHour = maxKilometresPerHour
        self.minimumMeters = minimumMeters
        self.jumpRatio = jumpRatio
        self.minimumIncreaseMinutes = minimumIncreaseMinutes
    }

    /// The settings as the scheme file states them.
    public var json: JSONValue {
        [
            "assessorSevere": ["severeFromGrade": .integer(severeFromGrade), "minimumAssessments": .integer(minimumAssessments), "zScore": .number(String(severeZ))],
            "assessorDowngrades": ["minimumAudited": .integer(minimumAudited), "maximumRate": .number(String(maximumDowngradeRate))],
            "institutionOutliers": ["minimumVisits": .integer(minimumVisits), "robustZ": .number(String(robustZ))],
            "sharedCheckIn": ["minimumClients": .integer(minimumClients)],
            "travel": ["maxKmPerHour": .integer(maxKilometresPerHour), "minimumMeters": .integer(minimumMeters)],
            "hoursJump": ["ratio": .number(String(jumpRatio)), "minimumIncreaseMinutes": .integer(minimumIncreaseMinutes)],
        ]
    }
}

extension BenefitDecoder {
    /// Reads `monitoring.analytics`; every section and field is required, each
    /// problem reported with its path and value.
    func analytics(_ fields: JSONFields) -> AnalyticsThresholds? {
        let log = fields.log
        func section(_ key: String, _ accepted: [String]) -> JSONFields? { fields.fields(key, accepting: accepted) }
        func whole(_ section: JSONFields?, _ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let section, let value = section.int(key) else { return nil }
            guard range.contains(value) else {
                log.report(section.path.appending(key), "\(value) is outside \(range.lowerBound)–\(range.upperBound)")
                return nil
            }
            return value
        }
        func decimal(_ section: JSONFields?, _ key: String, _ range: ClosedRange<Double>) -> Double? {
            guard let section else { return nil }
            guard let value = section.object[key] else {
                log.report(section.path.appending(key), "missing required field (number)")
                return nil
            }
            let number: Double?
            switch value {
            case .integer(let whole): number = Double(whole)
            case .number(let literal): number = Double(literal)
            default: number = nil
            }
            guard let number, range.contains(number) else {
                log.report(section.path.appending(key), "expected a number from \(range.lowerBound) to \(range.upperBound), found \(value)")
                return nil
            }
            return number
        }
        let severe = section("assessorSevere", ["severeFromGrade", "minimumAssessments", "zScore"])
        let downgrades = section("assessorDowngrades", ["minimumAudited", "maximumRate"])
        let outliers = section("institutionOutliers", ["minimumVisits", "robustZ"])
        let shared = section("sharedCheckIn", ["minimumClients"])
        let travel = section("travel", ["maxKmPerHour", "minimumMeters"])
        let jump = section("hoursJump", ["ratio", "minimumIncreaseMinutes"])
        // Each read before any is tested, so that every problem is reported at once.
        let severeFrom = whole(severe, "severeFromGrade", 1...10), minimumAssessments = whole(severe, "minimumAssessments", 1...100_000)
        let severeZ = decimal(severe, "zScore", 0.5...20), minimumAudited = whole(downgrades, "minimumAudited", 1...100_000)
        let rate = decimal(downgrades, "maximumRate", 0...1), minimumVisits = whole(outliers, "minimumVisits", 1...1_000_000)
        let robustZ = decimal(outliers, "robustZ", 0.5...50), minimumClients = whole(shared, "minimumClients", 2...1000)
        let speed = whole(travel, "maxKmPerHour", 1...1000), minimumMeters = whole(travel, "minimumMeters", 0...100_000)
        let ratio = decimal(jump, "ratio", 1...100), increase = whole(jump, "minimumIncreaseMinutes", 0...44_640)
        guard let severeFrom, let minimumAssessments, let severeZ, let minimumAudited, let rate, let minimumVisits, let robustZ, let minimumClients,
              let speed, let minimumMeters, let ratio, let increase else { return nil }
        return AnalyticsThresholds(severeFromGrade: severeFrom, minimumAssessments: minimumAssessments, severeZ: severeZ, minimumAudited: minimumAudited,
                                   maximumDowngradeRate: rate, minimumVisits: minimumVisits, robustZ: robustZ, minimumClients: minimumClients,
                                   maxKilometresPerHour: speed, minimumMeters: minimumMeters, jumpRatio: ratio, minimumIncreaseMinutes: increase)
    }
}
