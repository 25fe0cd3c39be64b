import Foundation
import LTCCore

/// One year's official public holidays and make-up working days (调休), as
/// the State Council publishes them each autumn for the year after: a
/// `Calendars/*.json` file, built into ltc, that schemes name in
/// `calendar.use` instead of copying the days.
///
/// ```swift
/// let year = try HolidayCalendar.builtIn("cn-2026")!
/// year.holidays.contains(CalendarDate("2026-02-16")!)           // Spring Festival
/// year.workingWeekendDays.contains(CalendarDate("2026-02-14")!) // a Saturday worked
/// ```
public struct HolidayCalendar: Sendable, Equatable {
    public static let fileFormat = "ltc-calendar/1"

    public var id: String
    public var year: Int
    /// Where the days come from.
    public var source: String
    /// Whether the days are the published notice's (false: the statutory days only, until it is published).
    public var verified: Bool
    public var holidays: Set<CalendarDate>
    public var workingWeekendDays: Set<CalendarDate>

    /// The ids of the built-in calendars.
    public static var builtInIDs: [String] { embeddedCalendarFiles.map { String($0.name.dropLast(".json".count)) } }

    /// The built-in calendar `id`, decoded; `nil` if there is none.
    public static func builtIn(_ id: String) throws(SchemeError) -> HolidayCalendar? {
        guard let file = embeddedCalendarFiles.first(where: { $0.name == id + ".json" }) else { return nil }
        let source = "Calendars/\(file.name) (built in)"
        guard let data = Data(base64Encoded: file.base64) else {
            throw SchemeError(file: source, problems: [JSONProblem(path: .root, message: "the embedded copy is damaged; rebuild ltc")])
        }
        return try decode(text: Array(data), source: source)
    }

    /// Parses and checks a calendar file: every day in its year, make-up days on weekends, no day both.
    public static func decode(text: [UInt8], source: String) throws(SchemeError) -> HolidayCalendar {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw SchemeError(file: source, problems: [JSONProblem(path: .root, message: "not valid JSON: \(error)")])
        }
        let log = JSONProblemLog()
        guard let root = log.fields(of: json, at: .root, accepting: ["format", "id", "year", "source", "verified", "holidays", "workingWeekendDays"]) else {
            throw SchemeError(file: source, problems: log.problems)
        }
        if let format = root.string("format"), format != fileFormat {
            log.report(root.path.appending("format"), "unsupported format '\(format)'; this ltc reads '\(fileFormat)'")
        }
        let id = root.nonEmptyString("id"), year = root.int("year"), origin = root.nonEmptyString("source")
        let verified = root.object["verified"].flatMap { value -> Bool? in if case .bool(let flag) = value { flag } else { nil } }
        if verified == nil { log.report(root.path.appending("verified"), "expected true or false") }
        func days(_ key: String) -> Set<CalendarDate> {
            Set(root.array(key)?.compactMap { value, path -> CalendarDate? in
                guard let text = value.stringValue, let day = CalendarDate(text) else {
                    log.report(path, "\(value) is not a date; use YYYY-MM-DD")
                    return nil
                }
                if let year, day.year != year { log.report(path, "\(day) is not in \(year)") }
                return day
            } ?? [])
        }
        let holidays = days("holidays"), working = days("workingWeekendDays")
        for day in working.sorted() where day.weekday <= 5 {
            log.report(root.path.appending("workingWeekendDays"), "\(day) is a weekday already")
        }
        for day in holidays.intersection(working).sorted() {
            log.report(root.path.appending("workingWeekendDays"), "\(day) is a holiday too")
        }
        guard log.problems.isEmpty, let id, let year, let origin, let verified else { throw SchemeError(file: source, problems: log.problems) }
        return HolidayCalendar(id: id, year: year, source: origin, verified: verified, holidays: holidays, workingWeekendDays: working)
    }
}
