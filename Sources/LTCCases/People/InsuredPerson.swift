import LTCCore
import LTCSchemes

/// A person insured under the scheme (参保人).
public struct InsuredPerson: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case insured, left, deceased
    }

    public var id: Int
    public var name: String
    public var nationalID: NationalID
    public var insurance: InsuranceType
    /// The contribution tier, where the scheme has tiers (1–9).
    public var tier: Int? = nil
    public var enrolledOn: CalendarDate
    public var status: Status

    /// The group benefit tables price the person in.
    public var group: InsuredGroup { InsuredGroup(insurance, tier: tier) }

    public init(id: Int, name: String, nationalID: NationalID, insurance: InsuranceType, enrolledOn: CalendarDate, status: Status) {
        self.id = id
        self.name = name
        self.nationalID = nationalID
        self.insurance = insurance
        self.enrolledOn = enrolledOn
        self.status = status
    }

    public var birthDate: CalendarDate { nationalID.birthDate }

    /// The person as other systems see them; the ID number masked unless `fullID`.
    /// `tier` appears only where the person has one.
    public func json(fullID: Bool) -> JSONValue {
        var object: JSONObject = [
            "id": .integer(id),
            "name": .string(name),
            "nationalId": .string(fullID ? nationalID.value : nationalID.masked),
            "birthDate": .string(birthDate.description),
            "insurance": .string(insurance.rawValue),
        ]
        if let tier { object.set("tier", .integer(tier)) }
        object.set("enrolledOn", .string(enrolledOn.description))
        object.set("status", .string(status.rawValue))
        return .object(object)
    }
}
