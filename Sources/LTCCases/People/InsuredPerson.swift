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
    public var enrolledOn: CalendarDate
    public var status: Status

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
    public func json(fullID: Bool) -> JSONValue {
        [
            "id": .integer(id),
            "name": .string(name),
            "nationalId": .string(fullID ? nationalID.value : nationalID.masked),
            "birthDate": .string(birthDate.description),
            "insurance": .string(insurance.rawValue),
            "enrolledOn": .string(enrolledOn.description),
            "status": .string(status.rawValue),
        ]
    }
}
