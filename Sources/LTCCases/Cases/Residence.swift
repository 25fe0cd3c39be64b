import LTCCore

/// Where a beneficiary insured in the scheme's region lives when it is
/// another region (异地): the assessment is commissioned to that region's
/// assessment agency, services are still checked and paid under the home
/// scheme, and reports show such beneficiaries apart.
///
/// ```swift
/// let away = Residence(region: "Shanghai", agency: "上海市长护险评估中心", from: CalendarDate("2026-02-01")!)
/// ```
public struct Residence: Sendable, Equatable {
    /// The region lived in.
    public var region: String
    /// The other region's assessment agency the assessment is commissioned to.
    public var agency: String
    public var from: CalendarDate

    public init(region: String, agency: String, from: CalendarDate) {
        self.region = region
        self.agency = agency
        self.from = from
    }

    public var json: JSONValue { ["region": .string(region), "agency": .string(agency), "from": .string(from.description)] }

    init?(json: JSONValue) {
        guard let region = json["region"]?.stringValue, let agency = json["agency"]?.stringValue,
              let from = json["from"]?.stringValue.flatMap(CalendarDate.init) else { return nil }
        self.init(region: region, agency: agency, from: from)
    }
}
