import LTCCore
import LTCSchemes

/// What the monitoring rules have found out about one log so far. Each rule
/// of `MonitoringCheck.inOrder` reads what the rules before it found and
/// notes what the rules after it need; a property is set by the rule its
/// comment names, and read only after that rule passed. Held on the stack
/// while the log is checked (the log itself is passed to each rule beside
/// it, not copied in): nothing here is allocated per log.
struct LogFindings {
    let touch: IntakeWorkspace.Touch
    /// The log corrects a log of a settled month: T03 lets it through (the correction can only take money back).
    let correctingSettled: Bool
    /// The day of the service, and its month.
    let day: CalendarDate
    let month: YearMonth
    /// The service's times, as busy times are kept: in the week it starts in.
    let start: Int32, end: Int32, week: Int

    /// B01: the beneficiary, their case, and their busy times of the service's
    /// week and the week before (a service may overlap one that started then).
    var person: IntakeWorkspace.PersonState!
    var caseID = 0
    var thisWeek: IntakeWorkspace.PersonWeekState?
    var weekBefore: IntakeWorkspace.PersonWeekState?
    /// B02: the person's month of entitlement, and the day's status in it.
    var view: IntakeWorkspace.MonthView!
    var status = 0
    /// B03: the paid day: its mode, grade, scheme and benefit row.
    var paid: IntakeWorkspace.PaidDay!
    /// E01: of the enrolment the service is given under, the home and the weekly package.
    var home: GeoPoint?
    var weeklyMinutes: Int?
    var weeklyVisits: Int?
    /// A01: the terms the institution's agreements give that day.
    var covering: IntakeWorkspace.TermsBox!
    /// A03: the item in the scheme's catalogue, how it is counted, and its agreed price.
    var item: IntakeWorkspace.ItemRules!
    var unit = ServiceItem.Unit.hour
    var price = Money.zero
    /// C01: the caregiver as registered with the institution.
    var caregiver: IntakeWorkspace.RegisteredCaregiver!
    /// N01: how often the binding care plan plans the item, a week and at most a day (`nil`: no plan binds, or a bed-day).
    var plannedPerWeek: Int?
    var plannedPerDay: Int?
    /// N01: the minutes the binding plan plans for one service of an hour-priced item.
    var plannedMinutes: Int?
    /// P02: what the agreed price bills, and what is allowed of it: the minutes
    /// the plan or the catalogue gives one service, at the agreed price or the
    /// row's unit standard if lower, within what is left of the month's
    /// ceiling (P03: and of the day's cap).
    var billed = Money.zero
    var allowed = Money.zero

    init(_ log: borrowing ServiceLog, _ touch: IntakeWorkspace.Touch, correctingSettled: Bool) {
        self.touch = touch
        self.correctingSettled = correctingSettled
        day = log.day
        month = YearMonth(containing: day)
        start = Int32(truncatingIfNeeded: log.start.value)
        end = Int32(truncatingIfNeeded: log.end.value)
        week = Week.number(of: log.start)
    }
}
