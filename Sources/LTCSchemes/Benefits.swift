import LTCCore

/// A scheme's benefits: what each grade earns in each service mode, how care
/// is priced, how partial months, mode changes and other subsidies work, and
/// how the fund is financed. Differentiated by care grade and by how care is
/// delivered (根据护理等级、服务提供方式实行差别化待遇).
public struct BenefitSettings: Sendable {
    /// When a grade's benefits begin.
    public enum Start: String, Sendable, CaseIterable {
        /// From the day the grade is valid.
        case fromValidity
        /// From the first day of the month after the grade becomes valid (Tianjin, Meizhou, Changzhou).
        case nextMonth
    }

    /// When a change of service mode takes effect.
    public enum ModeChange: String, Sendable, CaseIterable {
        case sameDay
        /// From the first day of the next month (Tianjin).
        case nextMonth
    }

    public var grades: [Int]
    public var start: Start
    public var modeChange: ModeChange
    /// When a new grade from a re-assessment takes effect while the old one
    /// is in force: the day it is decided, or the first of the next month
    /// (Tianjin, 次月起). Scheme files leave it out for `sameDay`.
    public var gradeChange: ModeChange = .sameDay
    /// Whether a family carer paid the cash must have a training record
    /// (the scheme's rule for 亲情照护); false when left out.
    public var carerTrainingRequired = false
    public var modes: [ServiceMode]
    public var catalogue: [ServiceItem]
    public var table: [BenefitRule]
    public var subsidies: [Subsidy]
    public var funding: [InsuranceType: Funding]
    /// How institutions' service logs are checked; `nil` where the scheme
    /// does not take logs (then log intake refuses to run).
    public var monitoring: MonitoringSettings?
    /// Individual care plans; `nil`: the grade's package alone limits care.
    public var carePlans: CarePlanSettings? = nil

    public func item(_ code: String) -> ServiceItem? {
        catalogue.first { $0.code == code }
    }

    /// The row for a grade and mode, for an insured group: the row of the
    /// group's tier, else of its insurance type, else the row for everyone.
    /// `nil` when there is none, or when the table prices groups apart and
    /// no group is given.
    ///
    /// ```swift
    /// benefits.rule(grade: 3, mode: "institution", insured: .resident)?.monthlyCap   // Urumqi: 1291
    /// ```
    public func rule(grade: Int, mode: String, insured: InsuredGroup? = nil) -> BenefitRule? {
        var byType: BenefitRule?, shared: BenefitRule?
        for rule in table where rule.grade == grade && rule.mode == mode {
            switch (rule.insured, rule.tier) {
            case (nil, _): shared = rule
            case (insured?.insurance, nil): byType = rule
            case (insured?.insurance, let tier?) where tier == insured?.tier: return rule
            default: break
            }
        }
        return byType ?? shared
    }

    /// Whether the table has rows for insured groups only, so that a quote
    /// for the grade and mode must name a group.
    public func pricesByGroup(grade: Int, mode: String) -> Bool {
        table.contains { $0.grade == grade && $0.mode == mode && $0.insured != nil }
            && !table.contains { $0.grade == grade && $0.mode == mode && $0.insured == nil }
    }

    public func mode(_ id: String) -> ServiceMode? {
        modes.first { $0.id == id }
    }

    public func subsidy(_ id: String) -> Subsidy? {
        subsidies.first { $0.id == id }
    }
}

/// How care is delivered.
public struct ServiceMode: Sendable, Equatable {
    public enum Delivery: String, Sendable, CaseIterable {
        /// 居家上门: an institution's caregivers visit the home.
        case home
        /// 居家自主 / 亲情照护: family or self care, paid as cash.
        case family
        /// 社区日间照护
        case community
        /// 机构照护
        case institution
        /// 医疗专护: nursing in a medical institution.
        case medical
    }

    public var id: String
    public var name: LocalizedText
    public var delivery: Delivery
}

/// A service in the catalogue, with its unit and unit price, and what a
/// care plan may make of it (``ServiceItem/Planning``).
public struct ServiceItem: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable {
        case hour, visit, day
    }

    public var code: String
    public var name: LocalizedText
    public var unit: Unit
    public var price: Money
    /// The item's rules for care plans; the defaults where the scheme gives none.
    public var planning = Planning()

    public init(code: String, name: LocalizedText, unit: Unit, price: Money, planning: Planning = Planning()) {
        self.code = code
        self.name = name
        self.unit = unit
        self.price = price
        self.planning = planning
    }

    /// What a care plan may make of an item, from the catalogue entry's
    /// `needs`, `modes`, `usualPerWeek`, `maxPerWeek`, `maxPerDay` and
    /// `minutes` (`docs/schemes.md`). Shanghai draws each person's plan from
    /// the assessment before service starts (`schemes.md`); which need opens
    /// which item is the scheme's, as data.
    public struct Planning: Sendable, Equatable {
        /// The needs (items of the scheme's care-needs form) of which the
        /// person must have one for the item to be planned; empty: anyone.
        public var needs: [String] = []
        /// The modes that offer the item; `nil`: every mode whose table row covers it.
        public var modes: [String]? = nil
        /// How often a proposal plans it a week; `nil`: it is never proposed, only set by hand.
        public var usualPerWeek: Int? = nil
        /// The most a plan may set, a week and a day; `nil`: no limit but the package's.
        public var maxPerWeek: Int? = nil
        public var maxPerDay: Int? = nil
        /// Minutes of one service, for an hour-priced item (60 when not given).
        public var minutes: Int? = nil

        public init() {}
    }
}

/// A scheme's care plans (`benefits.carePlans`): the form the care needs are
/// assessed on and how often a plan is reviewed. A scheme without it makes no plans.
public struct CarePlanSettings: Sendable, Equatable {
    /// The care-needs form (`AssessmentForms/ltc-care-needs.json`).
    public var needsForm: String
    /// A plan is due for review this many months after it took effect.
    public var reviewMonths: Int
}

/// What one grade earns in one mode.
public struct BenefitRule: Sendable, Equatable {
    public enum Pricing: String, Sendable, CaseIterable {
        /// Hours a week or a month at a price per hour.
        case hourly
        /// Visits a week or a month at a price per visit.
        case visit
        /// Actual cost up to a cap per day (bed-day).
        case daily
        /// Actual cost up to a cap per month.
        case monthly
        /// A cash allowance per month or per day, paid to the person.
        case cash
    }

    /// How much care: hours or visits, per week or per month.
    public enum Quantity: Sendable, Equatable {
        case perWeek(Int)
        case perMonth(Int)
    }

    public var grade: Int
    public var mode: String
    /// The insured group the row is for (Urumqi prices employees and
    /// residents apart, 乌医保〔2022〕2号); `nil`: everyone insured.
    public var insured: InsuranceType?
    /// The contribution tier within `insured` the row is for (Qingdao's
    /// resident tiers); `nil`: every tier of the group.
    public var tier: Int? = nil
    public var pricing: Pricing
    public var unitPrice: Money?
    public var quantity: Quantity?
    public var dailyCap: Money?
    public var monthlyCap: Money?
    /// The fund's share of eligible cost (service pricings), after any
    /// `copayPerVisit`: one rule for quotes and logs, `CostShare` in LTCBenefits.
    public var ratio: Ratio?
    /// Cash to the person, a month or a day: the whole benefit in cash
    /// pricing, the cash part of a combined package in the others.
    public var cashPerMonth: Money?
    public var cashPerDay: Money?
    /// What the person pays for each visit before the fund's share (Tai'an's
    /// 10 a visit for medical home visits); visit pricing only.
    public var copayPerVisit: Money? = nil
    /// Extra care or cash for continuous home care (Shanghai's grades 5–6),
    /// the lowest step first; hourly pricing only.
    public var continuityBonus: [ContinuityStep] = []
    /// Service item codes allowed (empty: any in the catalogue).
    public var items: [String]
}

/// A step of the bonus for continuous home care: after more than
/// `afterMonths` months of it, `extraHoursPerMonth` more hours a month or
/// `cashPerMonth` in cash, as the person chooses (Shanghai: after more than
/// 1 month, 1 hour or 40; after more than 6, 2 hours or 80).
public struct ContinuityStep: Sendable, Equatable {
    /// How the person takes the bonus.
    public enum Choice: String, Sendable, CaseIterable {
        /// More hours of care.
        case hours
        /// Cash to the person.
        case cash
    }

    public var afterMonths: Int
    public var extraHoursPerMonth: Int
    public var cashPerMonth: Money

    public init(afterMonths: Int, extraHoursPerMonth: Int, cashPerMonth: Money) {
        self.afterMonths = afterMonths
        self.extraHoursPerMonth = extraHoursPerMonth
        self.cashPerMonth = cashPerMonth
    }
}

/// Another benefit a person may hold, and how it meets LTCI.
public struct Subsidy: Sendable, Equatable {
    /// How the subsidy meets LTCI (the coordination rules of seeds 002/003:
    /// each scheme says which applies to each subsidy).
    public enum Interaction: String, Sendable, CaseIterable {
        /// LTCI is reduced by the subsidy, prorated to the days both pay for.
        case deduct
        /// The person chooses one or the other.
        case exclusive
        /// Paid alongside, no effect.
        case alongside
        /// The civil-affairs subsidy stops while LTCI pays; LTCI is unchanged.
        case stops
        /// The subsidy tops up what LTCI leaves (特困 care fee); LTCI is unchanged.
        case topUp
    }

    public var id: String
    public var name: LocalizedText
    public var interaction: Interaction
}

/// How the fund is financed for one insurance type, for projections.
public struct Funding: Sendable, Equatable {
    /// Shares of the monthly contribution base.
    public var employerRate: Ratio
    public var individualRate: Ratio
    /// Yuan per insured person per year.
    public var individualPerCapita: Money
    public var governmentPerCapita: Money
}

/// A run of continuous care in one mode and how the person takes its bonus,
/// as a quote needs it.
public struct ContinuousCare: Sendable, Hashable {
    /// The first day of the run.
    public var since: CalendarDate
    public var choice: ContinuityStep.Choice

    public init(since: CalendarDate, choice: ContinuityStep.Choice) {
        self.since = since
        self.choice = choice
    }

    /// The step in force in `month`: the last one whose months have been
    /// more than passed by the month's first day (the bonus is decided for
    /// a whole month on its first day).
    public func step(in month: YearMonth, of steps: [ContinuityStep]) -> ContinuityStep? {
        steps.last { since.adding(months: $0.afterMonths) < month.firstDay }
    }
}
