import LTCCore
import LTCSchemes

/// Which scheme an operation follows, and what "today" is when no date is
/// given: the date in the time zone of the stored schemes (the machine's
/// zone when they differ or none is stored).
public struct SchemeChoice: Sendable {
    public let clock: any WallClock

    public init(clock: any WallClock) {
        self.clock = clock
    }

    /// The scheme named, or else the one scheme in force on `day`.
    public func scheme(id: String?, on day: CalendarDate, in schemes: any SchemeRepository) throws -> Scheme {
        if let id {
            guard let scheme = try schemes.scheme(id: id) else {
                throw CaseError(.noSchemeInForce, "no scheme '\(id)'; loaded: \(try loaded(schemes))")
            }
            return scheme
        }
        let candidates = try schemes.inForce(on: day)
        guard candidates.count == 1 else {
            if candidates.isEmpty {
                let summaries = try schemes.summaries()
                throw CaseError(.noSchemeInForce, summaries.isEmpty
                    ? "no scheme is loaded; load one with `ltc scheme load FILE`"
                    : "no loaded scheme is in force on \(day); loaded: \(summaries.map(\.label).joined(separator: ", "))")
            }
            throw CaseError(.noSchemeInForce, "several schemes are in force on \(day): \(candidates.map(\.id).joined(separator: ", ")); name one with --scheme")
        }
        return candidates[0]
    }

    /// `asOf`, or today in the time zone of the stored schemes. A date given
    /// must be within ``AsOfWindow``: not after today, not before the
    /// earliest stored scheme took effect.
    public func day(_ asOf: CalendarDate?, in schemes: any SchemeRepository) throws -> CalendarDate {
        let zones = try schemes.timeZones()
        let today = clock.today(in: zones.count == 1 ? zones.first : nil)
        guard let asOf else { return today }
        try AsOfWindow(today: today, earliestScheme: try schemes.summaries().map(\.effectiveFrom).min()).require(asOf)
        return asOf
    }

    private func loaded(_ schemes: any SchemeRepository) throws -> String {
        let ids = try schemes.summaries().map(\.id)
        return ids.isEmpty ? "none" : ids.joined(separator: ", ")
    }
}
