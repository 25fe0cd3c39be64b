extension MonitoringRule {
    /// What the institution does about a log rejected by the rule, for its
    /// statement (`statement.get`): each rule says one thing to do, never
    /// "contact the agency" alone. A log put right is sent again under the
    /// same log id (a correction; a rejected log sent again is checked
    /// again), within the scheme's `lateDays`.
    public var remedy: String {
        switch self {
        case .malformed:
            "fix the line (the detail names the field; ltc catalogue lists the modes and items) and send it again"
        case .repeatedInSubmission:
            "send each log id once per file; give the second service a log id of its own"
        case .movedFromSettledMonth:
            "withdraw the log (ltc logs withdraw) and send the service again under a new log id"
        case .future:
            "send the log once the service has ended"
        case .unknownBeneficiary:
            "check the person's id (ltc logs template --clients lists your clients); a person without a case is not a client"
        case .beneficiaryNotInForce:
            "nothing to send: the person had no benefits that day; check the case (ltc case show) before serving"
        case .afterCaseEnded:
            "nothing to send: the case had ended; what was paid for it is recovered"
        case .late:
            "send logs within the scheme's days after the service (ltc catalogue shows them); a late log is not paid"
        case .monthClosed:
            "nothing to send: the month is settled; a correction that lowers what was paid goes through logs withdraw"
        case .notEnrolled:
            "send the log in the mode the client is enrolled in with you (ltc logs template --clients), or ask the agency to enrol them"
        case .agreementNotInForce:
            "nothing to send until your agreement covers the day; ask the agency about it (ltc agreement list)"
        case .modeNotCovered:
            "log only modes your agreement covers (ltc catalogue marks them), or ask the agency to amend the agreement"
        case .itemNotCovered:
            "log only items of the client's package and your agreement (ltc catalogue, ltc plan show)"
        case .unknownCaregiver:
            "register the caregiver (ltc caregiver add), then send the log again"
        case .caregiverNotEmployed:
            "correct the caregiver, or record their employment for that day (ltc caregiver add), then send again"
        case .caregiverUnqualified:
            "send the log under a caregiver who holds a qualification the item needs (ltc catalogue lists them)"
        case .implausibleDuration:
            "correct the start and end: ltc catalogue gives each unit's plausible minutes"
        case .checkInTooFar:
            "check the check-in location, or have the client's home recorded at enrolment"
        case .duplicate:
            "nothing to send: the service is already logged under another log id; withdraw one if both were sent by mistake"
        case .caregiverOverlap:
            "correct the times: a caregiver is in one place at a time"
        case .beneficiaryOverlap:
            "correct the times: a client receives one service at a time"
        case .secondBedDay:
            "send one bed-day a day for the client"
        case .notInCarePlan:
            "log only the items of the client's care plan (ltc plan show), or ask for the plan to be changed"
        case .beyondCarePlan:
            "keep to the plan's number a week and a day (ltc plan show), or ask for the plan to be changed"
        case .beyondWeeklyPackage:
            "keep to the grade's weekly hours or visits; the rest of the week is not paid"
        case .beyondMonthlyCap:
            "nothing to send: the month's ceiling is used up; the client pays the rest"
        case .beyondDailyCap:
            "nothing to send: the day's cap is used up"
        case .withdrawn:
            "nothing to send: the log was withdrawn; send the service again under a new log id if it took place"
        }
    }
}
