import LTCCore

/// The rules of monitoring across time: each looks at a month of stored data
/// as a whole, where every log on its own passed intake's checks (seed 000
/// §18, "intelligent, dynamic supervision"; docs/supervision.md states each
/// rule's statistic and thresholds). Their thresholds are the scheme's
/// `monitoring.analytics` (``AnalyticsThresholds``).
public enum MonitorRule: String, Sendable, CaseIterable, Comparable {
    /// An assessor whose share of severe grades departs from their peers' (two-proportion z-test).
    case assessorSevere = "assessor-severe-share"
    /// An assessor whose audited determinations were lowered too often.
    case assessorDowngrades = "assessor-downgrades"
    /// An institution whose minutes per client are an outlier among institutions (robust z).
    case hoursPerClient = "institution-hours-per-client"
    /// An institution whose visits per caregiver and day are an outlier.
    case visitsPerCaregiverDay = "institution-visits-per-caregiver-day"
    /// An institution whose share of visits starting at a client's usual minute is an outlier.
    case identicalStarts = "institution-identical-starts"
    /// One check-in point shared by different clients.
    case sharedCheckIn = "shared-check-in"
    /// Back-to-back visits of one caregiver further apart than can be travelled in the gap.
    case impossibleTravel = "impossible-travel"
    /// A client whose minutes jump in the month after a change of institution.
    case hoursJump = "hours-jump-after-move"
    /// One caregiver (by national ID) serving clients of two institutions on one day.
    case twoInstitutions = "caregiver-two-institutions"
    /// A service on a day its client was in hospital.
    case serviceDuringStay = "service-during-stay"

    public static func < (lhs: MonitorRule, rhs: MonitorRule) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// One line for a fund manager.
    public var summary: String {
        switch self {
        case .assessorSevere: "assessor's share of severe grades departs from the other assessors'"
        case .assessorDowngrades: "assessor's audited grades were lowered too often"
        case .hoursPerClient: "institution's minutes per client are an outlier"
        case .visitsPerCaregiverDay: "institution's visits per caregiver and day are an outlier"
        case .identicalStarts: "institution's visits start at the same minute for a client too often"
        case .sharedCheckIn: "one check-in point for different clients"
        case .impossibleTravel: "caregiver's consecutive visits too far apart for the gap"
        case .hoursJump: "client's minutes jumped after a change of institution"
        case .twoInstitutions: "caregiver served clients of two institutions on one day"
        case .serviceDuringStay: "service on a day of an in-patient stay"
        }
    }
}

/// What a flag points at: a log, a case, a stay, a client.
public struct FlagItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case log, `case`, stay, person }
    public var kind: Kind
    /// `INSTITUTION/LOG_ID` for a log, the number for a case, stay or person.
    public var reference: String

    public init(_ kind: Kind, _ reference: String) {
        self.kind = kind
        self.reference = reference
    }

    public static func log(_ institution: String, _ logID: String) -> FlagItem { FlagItem(.log, "\(institution)/\(logID)") }

    public var json: JSONValue { ["kind": .string(kind.rawValue), "ref": .string(reference)] }
}
