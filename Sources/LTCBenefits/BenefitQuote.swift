import LTCCore
import LTCSchemes

/// What one grade earns in one service mode for some days of a month, with
/// the lines that show how: hours or visits, the ceiling of cost the fund
/// shares, the fund's share and the person's own, and any cash allowance.
///
/// ```swift
/// let quote = try BenefitQuote(scheme: scheme, grade: 4, mode: "home-visit", month: YearMonth("2026-03")!)
/// let urumqi = try BenefitQuote(scheme: urumqi, grade: 5, mode: "home-visit", insured: .resident, month: YearMonth("2026-03")!)
/// quote.fundShare    // 90 % of the eligible cost
/// quote.lines        // the reasoning, line by line
/// ```
///
/// Rounding: amounts are in fen; a proration (days in force ÷ days in the
/// month), a ratio, or a part of an hour applied to an amount rounds half-up
/// to the fen where it is applied. Hours are counted in whole minutes and
/// visits in whole visits, rounded down. The eligible cost is shared between
/// the fund and the person by ``CostShare``, the rule intake shares each
/// accepted log's allowed amount by.
public struct BenefitQuote: Sendable, Equatable {
    public var schemeID: String
    public var grade: Int
    public var mode: String
    /// The insured group the quote is for, when it was given.
    public var insured: InsuredGroup?
    public var month: YearMonth
    /// Days of the month the benefit covers.
    public var days: Int
    public var pricing: BenefitRule.Pricing
    /// Hours of care, in minutes (hourly pricing).
    public var minutes: Int?
    /// Visits of care (visit pricing).
    public var visits: Int?
    /// The most cost the fund shares in (0 for cash).
    public var eligibleCost: Money
    public var fundShare: Money
    /// The person's share of the eligible cost, at full use.
    public var personalShare: Money
    /// Cash paid to the person.
    public var cash: Money
    /// The continuity bonus's step in force, if any (its hours are in the eligible cost, or its cash in `cash`).
    public var bonus: ContinuityStep?
    public var lines: [String]

    /// - Parameters:
    ///   - insured: the person's insured group; needed where the scheme
    ///     prices groups apart for the grade and mode.
    ///   - continuity: the run of continuous care in the mode and how the
    ///     person takes its bonus, where the row has one.
    public init(scheme: Scheme, grade: Int, mode modeID: String, insured: InsuredGroup? = nil, month: YearMonth,
                days: Int? = nil, continuity: ContinuousCare? = nil) throws(BenefitError) {
        guard let benefits = scheme.benefits else {
            throw BenefitError("scheme '\(scheme.id)' defines no benefits")
        }
        guard let mode = benefits.mode(modeID) else {
            throw BenefitError("scheme '\(scheme.id)' has no service mode '\(modeID)'; its modes: \(benefits.modes.map(\.id).joined(separator: ", "))")
        }
        let days = days ?? month.dayCount
        guard (0...month.dayCount).contains(days) else {
            throw BenefitError("days must be from 0 to \(month.dayCount) in \(month), not \(days)")
        }
        schemeID = scheme.id
        self.grade = grade
        self.mode = modeID
        if let tier = insured?.tier, !InsuredGroup.tiers.contains(tier) {
            throw BenefitError("tier \(tier) is not a contribution tier from \(InsuredGroup.tiers.lowerBound) to \(InsuredGroup.tiers.upperBound)")
        }
        self.insured = insured
        self.month = month
        self.days = days
        let share = "\(days)/\(month.dayCount) days"
        if grade >= scheme.assessment.minimumGrade, benefits.rule(grade: grade, mode: modeID, insured: insured) == nil {
            if benefits.pricesByGroup(grade: grade, mode: modeID) {
                let groups = benefits.table.filter { $0.grade == grade && $0.mode == modeID }
                    .compactMap { rule in rule.insured.map { InsuredGroup($0, tier: rule.tier).description } }
                throw BenefitError("scheme '\(scheme.id)' prices grade \(grade) in \(modeID) by insured group; "
                    + (insured.map { "it has no row for \($0) insurance" } ?? "name the group")
                    + " (its groups here: \(groups.joined(separator: ", ")))")
            }
            throw BenefitError("scheme '\(scheme.id)' has no benefit for grade \(grade); its grades: \(benefits.grades.map(String.init).joined(separator: ", "))")
        }
        guard grade >= scheme.assessment.minimumGrade, let rule = benefits.rule(grade: grade, mode: modeID, insured: insured) else {
            pricing = .cash
            eligibleCost = .zero
            fundShare = .zero
            personalShare = .zero
            cash = .zero
            lines = ["grade \(grade) is below the scheme's minimum grade for benefits (\(scheme.assessment.minimumGrade)): nothing is payable"]
            return
        }
        pricing = rule.pricing
        let group = rule.insured.map { " for \(InsuredGroup($0, tier: rule.tier)) insurance" } ?? ""
        var lines = ["grade \(grade) in \(modeID) (\(mode.name.zh) \(mode.name.en))\(group), \(month): \(rule.pricing.rawValue) pricing over \(share)"]
        var ceiling = Money.zero
        var cash = Money.zero

        switch rule.pricing {
        case .hourly:
            let price = rule.unitPrice!
            let minutes: Int
            switch rule.quantity! {
            case .perWeek(let hours):
                minutes = hours * 60 * days / 7
                lines.append("\(hours) hours a week × \(days)/7 weeks = \(Self.hours(minutes))")
            case .perMonth(let hours):
                minutes = hours * 60 * days / month.dayCount
                lines.append("\(hours) hours a month × \(share) = \(Self.hours(minutes))")
            }
            self.minutes = minutes
            ceiling = price.scaled(by: minutes, over: 60)
            lines.append("\(Self.hours(minutes)) at \(price) an hour = \(ceiling)")
        case .visit:
            let price = rule.unitPrice!
            let visits: Int
            switch rule.quantity! {
            case .perWeek(let count):
                visits = count * days / 7
                lines.append("\(count) visits a week × \(days)/7 weeks = \(visits) visits (whole visits)")
            case .perMonth(let count):
                visits = count * days / month.dayCount
                lines.append("\(count) visits a month × \(share) = \(visits) visits (whole visits)")
            }
            self.visits = visits
            ceiling = price * visits
            lines.append("\(visits) visits at \(price) = \(ceiling)")
        case .daily:
            ceiling = rule.dailyCap! * days
            lines.append("up to \(rule.dailyCap!) a day × \(days) days = \(ceiling)")
        case .monthly:
            break
        case .cash:
            break
        }
        if let cap = rule.monthlyCap {
            let prorated = cap.prorated(days: days, of: month.dayCount)
            if rule.pricing == .monthly {
                ceiling = prorated
                lines.append("up to \(cap) a month × \(share) = \(prorated)")
            } else if prorated < ceiling {
                lines.append("monthly cap \(cap) × \(share) = \(prorated): binding, the ceiling is \(prorated)")
                ceiling = prorated
            } else {
                lines.append("monthly cap \(cap) × \(share) = \(prorated): not binding")
            }
        }
        if let perMonth = rule.cashPerMonth {
            cash = perMonth.prorated(days: days, of: month.dayCount)
            lines.append("cash \(perMonth) a month × \(share) = \(cash)")
        } else if let perDay = rule.cashPerDay {
            cash = perDay * days
            lines.append("cash \(perDay) a day × \(days) days = \(cash)")
        }
        if let continuity, let step = continuity.step(in: month, of: rule.continuityBonus), let price = rule.unitPrice {
            bonus = step
            let run = "continuous \(modeID) since \(continuity.since): more than \(step.afterMonths) month\(step.afterMonths == 1 ? "" : "s")"
            switch continuity.choice {
            case .hours:
                let extra = step.extraHoursPerMonth * 60 * days / month.dayCount
                let amount = price.scaled(by: extra, over: 60)
                minutes = (minutes ?? 0) + extra
                ceiling = ceiling + amount
                lines.append("\(run), \(step.extraHoursPerMonth) more hours a month × \(share) = \(Self.hours(extra)) at \(price) = \(amount), above the package")
            case .cash:
                let amount = step.cashPerMonth.prorated(days: days, of: month.dayCount)
                cash = cash + amount
                lines.append("\(run), taken as cash: \(step.cashPerMonth) a month × \(share) = \(amount)")
            }
        }
        eligibleCost = ceiling
        self.cash = cash
        let shared = CostShare(of: ceiling, visits: visits ?? 0, rule: rule)
        fundShare = shared.fund
        personalShare = shared.person
        if let ratio = rule.ratio {
            if shared.copay > .zero {
                let perVisit = rule.copayPerVisit ?? .zero
                lines.append("the person pays \(perVisit) a visit first: \(visits ?? 0) × \(perVisit) = \(shared.copay)")
                lines.append("the fund pays \(ratio) of the rest, \(ceiling - shared.copay) = \(fundShare)")
                lines.append("the person pays \(personalShare) of up to \(ceiling) (cost above \(ceiling) is the person's too)")
            } else {
                lines.append("the fund pays \(ratio) of up to \(ceiling) = \(fundShare); the person pays \(personalShare) (cost above \(ceiling) is the person's too)")
            }
        }
        self.lines = lines
    }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "scheme": .string(schemeID), "grade": .integer(grade), "mode": .string(mode), "month": .string(month.description),
            "days": .integer(days), "pricing": .string(pricing.rawValue),
        ]
        if let insured {
            object.set("insured", .string(insured.insurance.rawValue))
            if let tier = insured.tier { object.set("tier", .integer(tier)) }
        }
        if let minutes { object.set("hours", ["minutes": .integer(minutes), "text": .string(Self.hours(minutes))]) }
        if let visits { object.set("visits", .integer(visits)) }
        object.set("eligibleCost", eligibleCost.json)
        object.set("fundShare", fundShare.json)
        object.set("personalShare", personalShare.json)
        object.set("cash", cash.json)
        if let bonus {
            object.set("bonus", ["afterMonths": .integer(bonus.afterMonths), "extraHoursPerMonth": .integer(bonus.extraHoursPerMonth),
                                 "cashPerMonth": bonus.cashPerMonth.json])
        }
        object.set("lines", .array(lines.map { .string($0) }))
        return .object(object)
    }
}

/// A benefit that cannot be computed: a scheme without benefits, an unknown
/// mode, a case with no grade in force.
public struct BenefitError: LTCError, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var kind: String { "benefit" }
    public var details: JSONObject { [:] }
    public var description: String { message }
}
