import Foundation

/// Where ltc reads the time of day: the instant an audit event is recorded
/// and today's date in a scheme's time zone. Domain code never calls
/// `Date()`; it is handed a clock, so that tests and replays fix the time.
///
/// ```swift
/// let clock: any WallClock = SystemClock()
/// clock.today(in: "Asia/Shanghai")      // the date in Shanghai now
/// FixedClock(instant: "2026-04-30T16:00:00Z").today(in: "Asia/Shanghai")   // 2026-05-01
/// ```
public protocol WallClock: Sendable {
    /// The current instant, as the Unix time in whole seconds.
    func now() -> Int64
}

extension WallClock {
    /// The current instant in ISO 8601, UTC, as audit events record it.
    public func instant() -> String {
        Self.iso8601(now())
    }

    /// The instant `seconds` ago, as ``instant()`` writes it: instants so
    /// written compare as text as they do in time.
    public func instant(secondsAgo seconds: Int64) -> String {
        Self.iso8601(now() - seconds)
    }

    /// Today's date in `timeZone` (an IANA id such as `Asia/Shanghai`); the
    /// machine's zone when `nil` or unknown.
    public func today(in timeZone: String?) -> CalendarDate {
        CalendarDate(dayNumber: Int(localSeconds(in: timeZone).floorDivided(by: 86_400)))
    }

    /// The current instant as seconds since 1970-01-01 00:00 on the wall
    /// clocks of `timeZone` (the machine's zone when `nil` or unknown).
    public func localSeconds(in timeZone: String?) -> Int64 {
        let zone = timeZone.flatMap(TimeZone.init(identifier:)) ?? .current
        let instant = now()
        return instant + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    static func iso8601(_ seconds: Int64) -> String {
        let day = CalendarDate(dayNumber: Int(seconds.floorDivided(by: 86_400)))
        let second = Int(seconds - Int64(day.dayNumber) * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}

/// The machine's clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Int64 {
        Int64(Date().timeIntervalSince1970.rounded(.down))
    }
}

/// A clock that always reads the same instant: for tests and replays.
public struct FixedClock: WallClock {
    public let seconds: Int64

    /// - Parameter instant: `YYYY-MM-DDTHH:MM:SSZ`.
    public init?(instant: String) {
        let bytes = Array(instant.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
              let day = CalendarDate(utf8: bytes[0..<10]),
              let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)), bytes[13] == UInt8(ascii: ":"),
              let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)), bytes[16] == UInt8(ascii: ":"),
              let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)),
              hour < 24, minute < 60, second < 60 else { return nil }
        seconds = Int64(day.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public func now() -> Int64 { seconds }
}
