import LTCCore

/// A minute in the scheme's time zone: a calendar day and the minutes since
/// its midnight. Service logs carry local times, as institutions write them.
public struct LocalMinute: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since 1970-01-01 00:00 local time.
    public var value: Int

    public init(day: CalendarDate, minute: Int) {
        value = day.dayNumber * 1440 + minute
    }

    /// From minutes since 1970-01-01 00:00 local time.
    public init(minutes: Int) {
        value = minutes
    }

    /// The minute it is now on `clock` in `timeZone` (the machine's zone when `nil` or unknown).
    public init(now clock: any WallClock, in timeZone: String?) {
        value = Int(clock.localSeconds(in: timeZone).floorDivided(by: 60))
    }

    public var day: CalendarDate { CalendarDate(dayNumber: value.floorDivided(by: 1440)) }
    public var minuteOfDay: Int { value - day.dayNumber * 1440 }

    public static func < (lhs: LocalMinute, rhs: LocalMinute) -> Bool { lhs.value < rhs.value }

    /// Reads `2026-03-05T09:30` (or with a space, or with `:00` seconds).
    public init?(_ text: Substring) {
        self.init(utf8: Array(text.utf8)[...])
    }

    /// Reads `2026-03-05T09:30` from UTF-8 bytes.
    public init?(utf8 slice: ArraySlice<UInt8>) {
        let base = slice.startIndex
        let count = slice.count
        guard count == 16 || (count == 19 && slice[base + 16] == UInt8(ascii: ":") && slice[base + 17] == UInt8(ascii: "0")
                              && slice[base + 18] == UInt8(ascii: "0")),
              slice[base + 10] == UInt8(ascii: "T") || slice[base + 10] == UInt8(ascii: " "), slice[base + 13] == UInt8(ascii: ":"),
              let day = CalendarDate(utf8: slice[base..<base + 10]) else { return nil }
        func number(_ offset: Int) -> Int? {
            let tens = slice[base + offset], ones = slice[base + offset + 1]
            guard (48...57).contains(tens), (48...57).contains(ones) else { return nil }
            return Int(tens - 48) * 10 + Int(ones - 48)
        }
        guard let hour = number(11), let minute = number(14), hour < 24, minute < 60 else { return nil }
        self.init(day: day, minute: hour * 60 + minute)
    }

    public var description: String {
        let minute = minuteOfDay
        let hh = minute / 60, mm = minute % 60
        return "\(day)T\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}

/// One service as an institution reports it: who gave what to whom, when,
/// in which mode, and optionally where the caregiver checked in.
public struct ServiceLog: Sendable, Equatable {
    /// The institution's own id for the log, unique per institution.
    public var logID: String
    public var institution: String
    public var caregiver: String
    /// The beneficiary's person id in ltc.
    public var person: Int
    public var item: String
    public let start: LocalMinute
    public var end: LocalMinute
    public var mode: String
    public var location: GeoPoint?
    /// The day of service: the day it starts.
    public let day: CalendarDate

    public init(logID: String, institution: String, caregiver: String, person: Int, item: String,
                start: LocalMinute, end: LocalMinute, mode: String, location: GeoPoint?) {
        self.logID = logID
        self.institution = institution
        self.caregiver = caregiver
        self.person = person
        self.item = item
        self.start = start
        self.end = end
        self.mode = mode
        self.location = location
        day = start.day
    }

    public var minutes: Int { end.value - start.value }

    /// The fields that make a log what it is: a resubmission with the same
    /// fingerprint is the same log; a different one is a correction.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            hash = (hash ^ 0x1f) &* 0x0000_0100_0000_01b3
        }
        func mix(_ number: Int) {
            hash = (hash ^ UInt64(bitPattern: Int64(number))) &* 0x0000_0100_0000_01b3
            hash = (hash ^ (hash >> 29)) &* 0x0000_0100_0000_01b3
        }
        mix(caregiver); mix(person); mix(item); mix(start.value); mix(end.value); mix(mode)
        mix(location?.latitudeMicro ?? Int.min); mix(location?.longitudeMicro ?? Int.min)
        return hash
    }

    /// A log read back from its ``json``; `nil` if a field is missing or malformed.
    public init?(json: JSONValue) {
        guard let logID = json["logId"]?.stringValue, let institution = json["institution"]?.stringValue,
              let caregiver = json["caregiver"]?.stringValue, let person = json["person"]?.intValue, let item = json["item"]?.stringValue,
              let start = json["start"]?.stringValue.flatMap({ LocalMinute(Substring($0)) }),
              let end = json["end"]?.stringValue.flatMap({ LocalMinute(Substring($0)) }), let mode = json["mode"]?.stringValue else { return nil }
        var location: GeoPoint?
        if let text = json["location"]?.stringValue {
            guard let point = GeoPoint(text: Substring(text)) else { return nil }
            location = point
        }
        self.init(logID: logID, institution: institution, caregiver: caregiver, person: person, item: item, start: start, end: end,
                  mode: mode, location: location)
    }

    public var json: JSONValue {
        [
            "logId": .string(logID), "institution": .string(institution), "caregiver": .string(caregiver),
            "person": .integer(person), "item": .string(item), "start": .string(start.description),
            "end": .string(end.description), "mode": .string(mode), "location": location?.json ?? .null,
        ]
    }
}
