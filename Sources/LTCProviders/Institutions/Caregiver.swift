import LTCCases
import LTCCore

/// A caregiver registered by real name with an institution: qualifications
/// and the periods employed there (《长期护理保险护理服务机构定点管理办法（试行）》:
/// real-name management of caregivers).
public struct Caregiver: Sendable, Equatable {
    public var id: String
    public var name: String
    public var institution: String
    /// e.g. `nurse`, `caregiver`, `rehabilitation` (see `Qualification`).
    public var qualifications: [String]
    public var employment: [DatePeriod]
    /// The caregiver's national ID, where registered with it: one person at
    /// two institutions is then known as one (bars follow the person). Kept
    /// in its own column, shown masked.
    public var nationalID: NationalID?

    public init(id: String, name: String, institution: String, qualifications: [String], employment: [DatePeriod]) {
        self.id = id
        self.name = name
        self.institution = institution
        self.qualifications = qualifications
        self.employment = employment
    }

    public func isEmployed(on day: CalendarDate) -> Bool {
        employment.contains { $0.contains(day) }
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "name": .string(name), "institution": .string(institution),
            "qualifications": .array(qualifications.map { .string($0) }), "employment": .array(employment.map(\.json)),
        ]
        if let nationalID { object.set("nationalId", .string(nationalID.masked)) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let name = json["name"]?.stringValue,
              let institution = json["institution"]?.stringValue,
              let qualifications = json["qualifications"]?.arrayValue?.compactMap(\.stringValue),
              let employment = json["employment"]?.arrayValue?.compactMap(DatePeriod.init(json:)) else { return nil }
        self.init(id: id, name: name, institution: institution, qualifications: qualifications, employment: employment)
    }
}
