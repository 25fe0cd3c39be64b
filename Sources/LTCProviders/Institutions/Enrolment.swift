import Foundation
import LTCCore

/// A beneficiary's enrolment with an institution in one service mode, with
/// the care plan: how much service a week the grade's package allows.
///
/// ```swift
/// Enrolment(id: 0, caseID: 7, personID: 12, institution: "I001", mode: "home-visit",
///           period: DatePeriod(from: day, to: nil), weeklyMinutes: 420, weeklyVisits: nil, home: nil)
/// ```
public struct Enrolment: Sendable, Equatable {
    public var id: Int
    public var caseID: Int
    public var personID: Int
    public var institution: String
    public var mode: String
    public var period: DatePeriod
    /// Hours of hourly items a week, in minutes (`nil`: no weekly hour limit in the plan).
    public var weeklyMinutes: Int?
    /// Visits a week (`nil`: no weekly visit limit).
    public var weeklyVisits: Int?
    /// The client's home, for check-in distance (`nil`: not checked).
    public var home: GeoPoint?

    public init(id: Int, caseID: Int, personID: Int, institution: String, mode: String, period: DatePeriod,
                weeklyMinutes: Int?, weeklyVisits: Int?, home: GeoPoint?) {
        self.id = id
        self.caseID = caseID
        self.personID = personID
        self.institution = institution
        self.mode = mode
        self.period = period
        self.weeklyMinutes = weeklyMinutes
        self.weeklyVisits = weeklyVisits
        self.home = home
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "case": .integer(caseID), "person": .integer(personID), "institution": .string(institution),
            "mode": .string(mode), "period": period.json,
            "weeklyMinutes": weeklyMinutes.map(JSONValue.integer) ?? .null,
            "weeklyVisits": weeklyVisits.map(JSONValue.integer) ?? .null,
            "home": home?.json ?? .null,
        ]
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.intValue, let caseID = json["case"]?.intValue, let personID = json["person"]?.intValue,
              let institution = json["institution"]?.stringValue, let mode = json["mode"]?.stringValue,
              let period = json["period"].flatMap(DatePeriod.init(json:)) else { return nil }
        self.init(id: id, caseID: caseID, personID: personID, institution: institution, mode: mode, period: period,
                  weeklyMinutes: json["weeklyMinutes"]?.intValue, weeklyVisits: json["weeklyVisits"]?.intValue,
                  home: json["home"].flatMap(GeoPoint.init(json:)))
    }
}

/// A point on the earth in micro-degrees (WGS-84), exact and comparable.
public struct GeoPoint: Sendable, Equatable {
    public var latitudeMicro: Int
    public var longitudeMicro: Int

    public init(latitudeMicro: Int, longitudeMicro: Int) {
        self.latitudeMicro = latitudeMicro
        self.longitudeMicro = longitudeMicro
    }

    /// Reads `"31.230416,121.473701"`; `nil` when not two decimal degrees in range.
    public init?(text: Substring) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lat = Self.micro(parts[0]), let lon = Self.micro(parts[1]),
              abs(lat) <= 90_000_000, abs(lon) <= 180_000_000 else { return nil }
        latitudeMicro = lat
        longitudeMicro = lon
    }

    init?(json: JSONValue) {
        guard let text = json.stringValue else { return nil }
        self.init(text: Substring(text))
    }

    /// Decimal degrees with up to 6 decimals, as micro-degrees.
    static func micro(_ text: Substring) -> Int? {
        var digits = text.drop { $0 == " " }
        var sign = 1
        if digits.first == "-" {
            sign = -1
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? parts[1] : ""
        guard let whole = parts.first, (1...3).contains(whole.count), fraction.count <= 6,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || !fraction.isEmpty else { return nil }
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        return sign * (Int(whole)! * 1_000_000 + Int(padded)!)
    }

    public var text: String {
        func degrees(_ micro: Int) -> String {
            let sign = micro < 0 ? "-" : ""
            let value = abs(micro)
            let fraction = String(value % 1_000_000)
            return "\(sign)\(value / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
        }
        return "\(degrees(latitudeMicro)),\(degrees(longitudeMicro))"
    }

    public var json: JSONValue { .string(text) }

    /// The distance in metres, by the equirectangular approximation (exact
    /// enough within a city for a check-in radius of hundreds of metres).
    public func meters(to other: GeoPoint) -> Double {
        let toRadians = Double.pi / 180 / 1_000_000
        let meanLatitude = Double(latitudeMicro + other.latitudeMicro) / 2 * toRadians
        let x = Double(other.longitudeMicro - longitudeMicro) * toRadians * cos(meanLatitude)
        let y = Double(other.latitudeMicro - latitudeMicro) * toRadians
        return (x * x + y * y).squareRoot() * 6_371_000
    }
}
