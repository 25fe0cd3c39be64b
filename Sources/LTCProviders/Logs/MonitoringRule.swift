/// The checks every service log goes through, in this order; a log is
/// rejected with the first it fails, one closed reason code per rejection
/// (the way openIMIS validates claim lines). The thresholds are the scheme's
/// (`MonitoringSettings`); the rules follow the national designated-institution
/// rules (医保办发〔2024〕21号): no service on in-patient days, one caregiver
/// in one place at a time, no two providers for one person at one time, caps
/// not exceeded (by the week, the day and the month; one bed-day a day), caregivers registered, qualified and employed there that
/// day, plausible durations, no duplicate or split charges.
public enum MonitoringRule: String, Sendable, CaseIterable {
    case malformed = "F01"
    case repeatedInSubmission = "D02"
    case future = "T01"
    case late = "T02"
    case monthClosed = "T03"
    case movedFromSettledMonth = "T04"
    case unknownBeneficiary = "B01"
    case beneficiaryNotInForce = "B02"
    case afterCaseEnded = "B03"
    case notEnrolled = "E01"
    case agreementNotInForce = "A01"
    case modeNotCovered = "A02"
    case itemNotCovered = "A03"
    case unknownCaregiver = "C01"
    case caregiverNotEmployed = "C02"
    case caregiverUnqualified = "C03"
    case implausibleDuration = "L01"
    case checkInTooFar = "L02"
    case duplicate = "D01"
    case caregiverOverlap = "O01"
    case beneficiaryOverlap = "O02"
    case beyondWeeklyPackage = "P01"
    case beyondMonthlyCap = "P02"
    case beyondDailyCap = "P03"
    case secondBedDay = "P04"
    case notInCarePlan = "N01"
    case beyondCarePlan = "N02"
    case withdrawn = "W01"

    public var code: String { rawValue }

    /// What the rule checks, for reports.
    public var explanation: String {
        switch self {
        case .malformed: "the line cannot be read as a service log"
        case .future: "the service is dated after today"
        case .late: "the log arrived later than the scheme allows after the day of service"
        case .monthClosed: "the month of the service is already settled"
        case .movedFromSettledMonth: "a log of a settled month cannot move to another month: withdraw it (ltc logs withdraw) and send the service as a new log"
        case .unknownBeneficiary: "no insured person or case for the beneficiary"
        case .beneficiaryNotInForce: "the beneficiary has no benefits that day (not yet effective, suspended, in hospital, no mode chosen)"
        case .afterCaseEnded: "the service is dated after the beneficiary's case ended (death, leaving the scheme): what was paid for it is recovered"
        case .notEnrolled: "the beneficiary is not enrolled with this institution in this mode that day"
        case .agreementNotInForce: "the institution has no agreement in force that day"
        case .modeNotCovered: "the agreement does not cover the service mode"
        case .itemNotCovered: "the agreement or the grade's package does not cover the service item"
        case .unknownCaregiver: "the caregiver is not registered with this institution"
        case .caregiverNotEmployed: "the caregiver is not employed by the institution that day"
        case .caregiverUnqualified: "the caregiver lacks a qualification the item needs"
        case .implausibleDuration: "the duration is outside the scheme's plausible range for the item"
        case .checkInTooFar: "the check-in location is too far from the beneficiary's home"
        case .duplicate: "the same service was already logged under another log id"
        case .repeatedInSubmission: "the log id was already sent earlier in the same submission"
        case .caregiverOverlap: "the caregiver was logged in two places at once"
        case .beneficiaryOverlap: "the beneficiary was logged receiving two services at once"
        case .beyondWeeklyPackage: "the week's hours or visits exceed the grade's package (the enrolment's weekly quantity)"
        case .beyondMonthlyCap: "nothing is left of the month's benefit ceiling"
        case .beyondDailyCap: "nothing is left of the day's cap for the beneficiary (a daily-priced benefit)"
        case .secondBedDay: "the beneficiary already has a bed-day (an item counted by the day) that day"
        case .notInCarePlan: "the item is not in the beneficiary's care plan in force that day"
        case .beyondCarePlan: "the item is logged more often than the care plan allows that day or week"
        case .withdrawn: "withdrawn by the institution or the agency; what it was paid in a settled month is recovered"
        }
    }
}

/// A rejection: the rule and the particulars of this log.
public struct Rejection: Error, Sendable, Equatable {
    public var rule: MonitoringRule
    public var detail: String

    public init(_ rule: MonitoringRule, _ detail: String) {
        self.rule = rule
        self.detail = detail
    }
}
