import LTCCore

/// A scheme's settings for checking institutions' service logs (the
/// `monitoring` section of a scheme file). The rules themselves are fixed
/// (see `MonitoringRule` in LTCProviders); how strict each is, is the scheme's.
///
/// ```json
/// "monitoring": {
///   "duration": {"hour": {"minMinutes": 15, "maxMinutes": 480}, "visit": {"minMinutes": 10, "maxMinutes": 240}},
///   "lateDays": 10, "checkInRadiusMeters": 500,
///   "qualifications": {"N01": ["nurse"]}
/// }
/// ```
///
/// The national designated-institution rules (医保办发〔2024〕21号) ask for
/// plausible durations, caregivers qualified for the item, check-in near the
/// client's home when a location is given; the numbers are each city's.
public struct MonitoringSettings: Sendable, Equatable {
    /// The shortest and longest plausible service for an item unit.
    public struct Duration: Sendable, Equatable {
        public var minimumMinutes: Int
        public var maximumMinutes: Int
    }

    /// Per item unit (`hour`, `visit`, `day`); a unit left out is not checked.
    public var duration: [ServiceItem.Unit: Duration]
    /// A log must arrive within this many days after the day of the service.
    public var lateDays: Int
    /// A check-in location farther than this from the client's home is refused.
    public var checkInRadiusMeters: Int
    /// Item code → the qualifications of which a caregiver needs one; items
    /// not listed need a registered caregiver of the institution.
    public var qualifications: [String: [String]]
    /// The thresholds of monitoring across time (``AnalyticsThresholds``), if the scheme runs it.
    public var analytics: AnalyticsThresholds? = nil
}

extension BenefitDecoder {
    func monitoring(_ fields: JSONFields, catalogue: [ServiceItem]) -> MonitoringSettings? {
        var duration: [ServiceItem.Unit: MonitoringSettings.Duration] = [:]
        if let section = fields.fields("duration", accepting: ServiceItem.Unit.allCases.map(\.rawValue)) {
            for unit in ServiceItem.Unit.allCases where section.has(unit.rawValue) {
                guard let limits = section.fields(unit.rawValue, accepting: ["minMinutes", "maxMinutes"]),
                      let low = limits.int("minMinutes"), let high = limits.int("maxMinutes") else { continue }
                if low < 1 || high > 24 * 60 || low > high {
                    log.report(limits.path, "minutes \(low)–\(high) are not a range within 1–1440")
                    continue
                }
                duration[unit] = .init(minimumMinutes: low, maximumMinutes: high)
            }
        }
        let lateDays = fields.int("lateDays")
        if let lateDays, !(0...366).contains(lateDays) { log.report(fields.path.appending("lateDays"), "\(lateDays) is outside 0–366") }
        let radius = fields.int("checkInRadiusMeters")
        if let radius, !(1...100_000).contains(radius) {
            log.report(fields.path.appending("checkInRadiusMeters"), "\(radius) is outside 1–100000")
        }
        var qualifications: [String: [String]] = [:]
        if let section = fields.fields("qualifications", accepting: catalogue.map(\.code), required: false) {
            for member in section.object {
                let path = section.path.appending(member.key)
                guard let list = member.value.arrayValue, !list.isEmpty,
                      let names = Optional(list.compactMap(\.stringValue)), names.count == list.count,
                      names.allSatisfy(Qualification.isKnown) else {
                    log.report(path, "expected a non-empty array of qualifications (\(Qualification.all.joined(separator: ", "))), found \(member.value)")
                    continue
                }
                qualifications[member.key] = names
            }
        }
        let analytics = fields.fields("analytics", accepting: ["assessorSevere", "assessorDowngrades", "institutionOutliers", "sharedCheckIn", "travel", "hoursJump"],
                                      required: false).flatMap(self.analytics)
        guard let lateDays, let radius else { return nil }
        return MonitoringSettings(duration: duration, lateDays: lateDays, checkInRadiusMeters: radius, qualifications: qualifications, analytics: analytics)
    }
}

/// The caregiver qualifications ltc knows: a nurse's licence (护士执业证书),
/// a caregiver certificate (养老护理员/长期照护师), a rehabilitation therapist's.
public enum Qualification {
    public static let all = ["nurse", "caregiver", "rehabilitation"]
    public static func isKnown(_ name: String) -> Bool { all.contains(name) }
}
