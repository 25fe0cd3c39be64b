/// One monitoring rule as intake applies it: its code, what it refuses, and
/// where it is checked. ``inOrder`` lists every rule in the order a log
/// meets them; a log is rejected with the first it fails.
struct MonitoringCheck: Sendable {
    /// A rule checked by the checker, of the log, what the rules before it
    /// found (``LogFindings``: it notes there what the rules after it need)
    /// and the workspace: `nil` when the log passes, else the rejection with
    /// its particulars.
    typealias Check = @Sendable (ServiceLog, inout LogFindings, inout IntakeWorkspace) -> Rejection?

    /// Where a rule is checked.
    enum CheckedBy: Sendable {
        /// Reading the submission (`LogReader`, `IntakeChecking`): the line
        /// is not a service log the sender may send.
        case reader
        /// The submission, before the log's own checks (`IntakeChecking`):
        /// the rule needs what was sent or stored before under the log id.
        case submission
        /// Withdrawal (`ltc logs withdraw`, `IntakeChecking`): the log is
        /// taken back instead of checked.
        case withdrawal
        /// The checker, on each log against the workspace, in the list's order.
        case checker(Check)
    }

    let rule: MonitoringRule
    /// What the rule refuses, for reports.
    let explanation: String
    let checkedBy: CheckedBy

    init(_ rule: MonitoringRule, _ explanation: String, _ checkedBy: CheckedBy) {
        self.rule = rule
        self.explanation = explanation
        self.checkedBy = checkedBy
    }

    /// Every rule, in the order a log meets them (the order of
    /// ``MonitoringRule``'s cases and of the README's table of rules).
    ///
    /// T02 and T03 come after B01–B03: how late a log may come is the
    /// scheme's (`monitoring.lateDays`), and which scheme applies is known
    /// only from the beneficiary's day; a day whose scheme has no
    /// `monitoring` settings takes no logs at all (F01, found with T02).
    /// A correction of an earlier version meets T04, and then T02, before
    /// the rest. P04 and the care plan (N01, N02) come before the package
    /// and the money (P01–P03), which are counted only for a service that
    /// may be given at all. The month's hours or visits (P05) follow the
    /// week's (P01), and both come before the money: a service beyond its
    /// package is refused, not paid in part.
    static let inOrder: [MonitoringCheck] = [
        .init(.malformed, "the line cannot be read as a service log", .reader),
        .init(.repeatedInSubmission, "the log id was already sent earlier in the same submission", .submission),
        .init(.movedFromSettledMonth, "a log of a settled month cannot move to another month: withdraw it (ltc logs withdraw) and send the service as a new log",
              .submission),
        .init(.future, "the service starts or ends after now (in the scheme's time zone)", .checker(future)),
        .init(.unknownBeneficiary, "no insured person or case for the beneficiary", .checker(unknownBeneficiary)),
        .init(.beneficiaryNotInForce, "the beneficiary has no benefits that day (not yet effective, suspended, in hospital, no mode chosen)",
              .checker(beneficiaryNotInForce)),
        .init(.afterCaseEnded, "the service is dated after the beneficiary's case ended (death, leaving the scheme): what was paid for it is recovered",
              .checker(afterCaseEnded)),
        .init(.late, "the log arrived later than the scheme allows after the day of service", .checker(late)),
        .init(.monthClosed, "the month of the service is already settled", .checker(monthClosed)),
        .init(.notEnrolled, "the beneficiary is not enrolled with this institution in this mode that day", .checker(notEnrolled)),
        .init(.agreementNotInForce, "the institution has no agreement in force that day", .checker(agreementNotInForce)),
        .init(.modeNotCovered, "the agreement does not cover the service mode", .checker(modeNotCovered)),
        .init(.itemNotCovered, "the agreement or the grade's package does not cover the service item", .checker(itemNotCovered)),
        .init(.unknownCaregiver, "the caregiver is not registered with this institution", .checker(unknownCaregiver)),
        .init(.caregiverNotEmployed, "the caregiver is not employed by the institution that day", .checker(caregiverNotEmployed)),
        .init(.caregiverUnqualified, "the caregiver lacks a qualification the item needs", .checker(caregiverUnqualified)),
        .init(.implausibleDuration, "the duration is outside the scheme's plausible range for the item", .checker(implausibleDuration)),
        .init(.checkInTooFar, "the check-in location is too far from the beneficiary's home", .checker(checkInTooFar)),
        .init(.duplicate, "the same service was already logged under another log id", .checker(duplicate)),
        .init(.caregiverOverlap, "the caregiver was logged in two places at once", .checker(caregiverOverlap)),
        .init(.beneficiaryOverlap, "the beneficiary was logged receiving two services at once", .checker(beneficiaryOverlap)),
        .init(.secondBedDay, "the beneficiary already has a bed-day (an item counted by the day) that day", .checker(secondBedDay)),
        .init(.notInCarePlan, "the item is not in the beneficiary's care plan in force that day", .checker(notInCarePlan)),
        .init(.beyondCarePlan, "the item is logged more often than the care plan allows that day or week", .checker(beyondCarePlan)),
        .init(.beyondWeeklyPackage, "the week's hours or visits exceed the grade's package (the enrolment's weekly quantity)",
              .checker(beyondWeeklyPackage)),
        .init(.beyondMonthlyPackage, "the month's hours or visits exceed what the grade's package gives by the month (hoursPerMonth, visitsPerMonth), across institutions",
              .checker(beyondMonthlyPackage)),
        .init(.beyondMonthlyCap, "nothing is left of the month's benefit ceiling", .checker(beyondMonthlyCap)),
        .init(.beyondDailyCap, "nothing is left of the day's cap for the beneficiary (a daily-priced benefit)", .checker(beyondDailyCap)),
        .init(.withdrawn, "withdrawn by the institution or the agency; what it was paid in a settled month is recovered", .withdrawal),
    ]

    /// The checker's rules, in the list's order, each as the checker calls
    /// it: the rule and its check alone, so that running the list copies no
    /// text, and its function values are stored in their own representation
    /// (an array of bare functions would call each through a thunk).
    static let checkerSteps: [CheckerStep] = inOrder.compactMap { rule in
        if case .checker(let check) = rule.checkedBy { CheckerStep(rule: rule.rule, check: check) } else { nil }
    }

    /// A rule the checker runs, and its check.
    struct CheckerStep: Sendable {
        let rule: MonitoringRule
        let check: Check
    }
}
