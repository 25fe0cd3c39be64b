import LTCCore
/// Why an application is not accepted (不予受理), coded so that a refusal
/// letter and the statistics name the same grounds: the eligibility rules of
/// the acceptance review each map to one.
///
/// ```swift
/// NonAcceptanceGround(rule: "monthsDisabled")   // .disabilityDuration, "A03"
/// ```
public enum NonAcceptanceGround: String, Sendable, CaseIterable {
    /// Not insured, or not in an insurance type the scheme covers.
    case notInsured = "A01"
    /// Not enrolled long enough.
    case enrolment = "A02"
    /// Disabled for less than the scheme's months (6 in the national rules).
    case disabilityDuration = "A03"
    /// The application lacks materials the scheme lists.
    case incompleteMaterials = "A04"
    /// Within the waiting period after a refusal or a grade below the minimum.
    case waitingPeriod = "A05"
    /// The person already has a case open.
    case caseOpen = "A06"

    public var meaning: String {
        switch self {
        case .notInsured: "not insured in a type the scheme covers"
        case .enrolment: "not enrolled long enough"
        case .disabilityDuration: "not disabled long enough"
        case .incompleteMaterials: "materials incomplete"
        case .waitingPeriod: "within the waiting period after a refusal or a low grade"
        case .caseOpen: "a case is already open"
        }
    }

    /// The ground a failed eligibility rule stands for.
    public init?(rule: String) {
        switch rule {
        case "insured", "insuranceType": self = .notInsured
        case "monthsEnrolled": self = .enrolment
        case "monthsDisabled": self = .disabilityDuration
        case "materials": self = .incompleteMaterials
        case "waitingPeriod": self = .waitingPeriod
        default: return nil
        }
    }
}

/// Someone applying for the person (a relative, a guardian), as recorded with the case.
public struct ApplyingAgent: Sendable, Equatable {
    public var name: String
    /// How they are related to the person, e.g. daughter, guardian.
    public var relationship: String

    public init(name: String, relationship: String) {
        self.name = name
        self.relationship = relationship
    }

    public var json: JSONValue { ["name": .string(name), "relationship": .string(relationship)] }

    init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let relationship = json["relationship"]?.stringValue else { return nil }
        self.init(name: name, relationship: relationship)
    }
}
