import LTCCore
import LTCSchemes

/// Stored schemes. A stored scheme never changes (a new version is a new
/// scheme with its own id and dates), so a store may keep decoded schemes
/// in memory.
public protocol SchemeRepository {
    /// The scheme with this id, if stored.
    func scheme(id: String) throws -> Scheme?
    /// The schemes in force on `day` (of every region), by start date then id.
    func inForce(on day: CalendarDate) throws -> [Scheme]
    /// Every version of a region's scheme, by start date: a handful.
    func versions(region: String) throws -> [Scheme]
    /// The schemes of `region` whose dates overlap `from...to`.
    func overlapping(region: String, from: CalendarDate, to: CalendarDate) throws -> [Scheme]
    /// Schemes by id, a page at a time.
    func list(page: PageRequest<String>) throws -> Page<Scheme, String>
    /// Every stored scheme's id and dates, by start date then id: a handful
    /// of rows (a region's versions), for messages that name what is loaded.
    func summaries() throws -> [SchemeSummary]
    /// The time zones of the stored schemes.
    func timeZones() throws -> Set<String>
    /// Stores a validated scheme; its id must be new.
    func insert(_ scheme: Scheme) throws
}

/// What a scheme listing shows without decoding the scheme.
public struct SchemeSummary: Sendable, Equatable {
    public var id: String
    public var region: String
    public var effectiveFrom: CalendarDate
    public var effectiveTo: CalendarDate

    public init(id: String, region: String, effectiveFrom: CalendarDate, effectiveTo: CalendarDate) {
        self.id = id
        self.region = region
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
    }

    public var label: String { "\(id) (\(effectiveFrom) to \(effectiveTo))" }
}

extension SchemeRepository {
    /// A case's scheme and the other schemes of its region in force at some
    /// time in `from...to`: what a day-by-day entitlement follows, each day
    /// by the scheme in force on it.
    public func regional(_ schemeID: String, from: CalendarDate, to: CalendarDate) throws -> [Scheme] {
        guard let home = try scheme(id: schemeID) else { return [] }
        let others = try overlapping(region: home.region, from: from, to: to).filter { $0.id != home.id }
        return [home] + others
    }
}
