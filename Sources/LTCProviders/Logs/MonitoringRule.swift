/// The monitoring rules' codes: the checks every service log goes through,
/// declared in the order a log meets them (`MonitoringCheck.inOrder`, which
/// states each rule and where it is checked; the README's table lists the
/// same order, and a test holds the three equal). A log is rejected with the
/// first it fails, one closed reason code per rejection (the way openIMIS
/// validates claim lines). The thresholds are the scheme's
/// (`MonitoringSettings`); the rules follow the national designated-institution
/// rules (医保办发〔2024〕21号): no service on in-patient days, one caregiver
/// in one place at a time, no two providers for one person at one time, caps
/// not exceeded (by the week, the day and the month; one bed-day a day), caregivers registered, qualified and employed there that
/// day, plausible durations, no duplicate or split charges.
public enum MonitoringRule: String, Sendable, CaseIterable {
    case malformed = "F01"
    case repeatedInSubmission = "D02"
    case movedFromSettledMonth = "T04"
    case future = "T01"
    case unknownBeneficiary = "B01"
    case beneficiaryNotInForce = "B02"
    case afterCaseEnded = "B03"
    case late = "T02"
    case monthClosed = "T03"
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
    case secondBedDay = "P04"
    case notInCarePlan = "N01"
    case beyondCarePlan = "N02"
    case beyondWeeklyPackage = "P01"
    case beyondMonthlyPackage = "P05"
    case beyondMonthlyCap = "P02"
    case beyondDailyCap = "P03"
    case withdrawn = "W01"

    public var code: String { rawValue }

    /// What the rule refuses, for reports (as `MonitoringCheck.inOrder` states it).
    public var explanation: String {
        MonitoringCheck.inOrder.first { $0.rule == self }!.explanation
    }
}

/// A rejection: the rule and the particulars of this log, as the
/// institution may read them (stored with the log).
public struct Rejection: Error, Sendable, Equatable {
    public var rule: MonitoringRule
    public var detail: String
    /// The rule and particulars withheld from an institution about a person
    /// who is not its client (``ClientDisclosure``), for the answer to an
    /// administrator; never stored.
    public var withheld: Withheld?

    /// A rejection's rule and particulars as found, before they were withheld.
    public struct Withheld: Sendable, Equatable {
        public var rule: MonitoringRule
        public var detail: String
    }

    public init(_ rule: MonitoringRule, _ detail: String) {
        self.rule = rule
        self.detail = detail
    }
}
