import LTCCases
import LTCCore
import LTCSchemes

/// What a care plan may hold for one grade, mode and insured group: the
/// catalogue's items offered in the mode and opened by the person's needs,
/// at most their `maxPerWeek` and `maxPerDay`, and in all within the grade's
/// package (hours or visits a week or a month) and the month's ceiling
/// (`monthlyCap`), priced at the scheme's price.
///
/// A month is counted as 31 days (a week's plan × 31 / 7, rounded up): a
/// plan that fits the longest month fits every month, so a plan never
/// promises care the package or the ceiling cannot pay (the project's
/// choice; the restated rules give no count).
///
/// ```swift
/// let rules = try CarePlanRules(scheme: scheme, grade: 3, mode: "home-visit", insured: nil)
/// rules.propose(needs: ["needs.bathing", "needs.feeding"])   // S01 twice a week, S03 once
/// ```
public struct CarePlanRules: Sendable {
    public let scheme: Scheme
    public let settings: CarePlanSettings
    public let rule: BenefitRule
    public let grade: Int
    public let mode: String

    public init(scheme: Scheme, grade: Int, mode: String, insured: InsuredGroup?) throws(CaseError) {
        guard let benefits = scheme.benefits, let settings = benefits.carePlans else {
            throw CaseError(.invalidScheme, "scheme '\(scheme.id)' makes no care plans (benefits.carePlans)")
        }
        guard let rule = benefits.rule(grade: grade, mode: mode, insured: insured) else {
            throw CaseError(.invalidScheme, "scheme '\(scheme.id)' has no benefit for grade \(grade) in mode '\(mode)'")
        }
        self.scheme = scheme
        self.settings = settings
        self.rule = rule
        self.grade = grade
        self.mode = mode
    }

    /// The catalogue's items a plan in this mode may hold: priced by the hour
    /// or the visit (a bed-day is the whole day's care, not planned), offered
    /// in the mode, and covered by the grade's row.
    public var offered: [ServiceItem] {
        (scheme.benefits?.catalogue ?? []).filter { item in
            item.unit != .day && (item.planning.modes?.contains(mode) ?? true) && (rule.items.isEmpty || rule.items.contains(item.code))
        }
    }

    /// Whether `needs` open `item`: an item that names needs takes one of them.
    public static func opens(_ item: ServiceItem, needs: Set<String>) -> Bool {
        item.planning.needs.isEmpty || item.planning.needs.contains(where: needs.contains)
    }

    /// The plan the needs call for: each item offered and opened that the
    /// catalogue plans (`usualPerWeek`), at its usual number a week; then,
    /// while the plan is beyond the package or the ceiling, one service less
    /// of the item planned most often (the later in the catalogue on a tie),
    /// dropping an item that reaches none.
    public func propose(needs: Set<String>) -> [CarePlan.Item] {
        var items = offered.compactMap { item -> CarePlan.Item? in
            guard let usual = item.planning.usualPerWeek, Self.opens(item, needs: needs) else { return nil }
            return CarePlan.Item(code: item.code, perWeek: usual, perDay: item.planning.maxPerDay.map { min($0, usual) },
                                 minutes: item.unit == .hour ? item.planning.minutes ?? 60 : nil)
        }
        while !items.isEmpty, excess(items) != nil {
            let most = items.map(\.perWeek).max()!
            let index = items.lastIndex { $0.perWeek == most }!
            items[index].perWeek -= 1
            if let perDay = items[index].perDay { items[index].perDay = min(perDay, items[index].perWeek) }
            if items[index].perWeek == 0 { items.remove(at: index) }
        }
        return items
    }

    /// The items with the catalogue's minutes (60 when it gives none) where an hour-priced item has none.
    public func withUsualMinutes(_ items: [CarePlan.Item]) -> [CarePlan.Item] {
        items.map { planned in
            guard planned.minutes == nil, let item = scheme.benefits?.item(planned.code), item.unit == .hour else { return planned }
            var planned = planned
            planned.minutes = item.planning.minutes ?? 60
            return planned
        }
    }

    /// Refuses a plan that breaks a rule, naming the item and the rule.
    public func check(_ items: [CarePlan.Item], needs: Set<String>) throws(CaseError) {
        var seen: Set<String> = []
        for planned in items {
            guard seen.insert(planned.code).inserted else { throw CaseError(.invalidInput, "item \(planned.code) is planned twice") }
            guard let item = scheme.benefits?.item(planned.code) else {
                throw CaseError(.invalidInput, "\(planned.code) is not an item of scheme '\(scheme.id)'s catalogue")
            }
            guard offered.contains(where: { $0.code == planned.code }) else {
                throw CaseError(.invalidInput, "\(planned.code) is not offered to grade \(grade) in \(mode); offered: \(offered.map(\.code).joined(separator: ", "))")
            }
            guard Self.opens(item, needs: needs) else {
                throw CaseError(.invalidInput, "\(planned.code) needs one of \(item.planning.needs.joined(separator: ", ")); the person's needs: \(needs.isEmpty ? "none" : needs.sorted().joined(separator: ", "))")
            }
            let mostPerWeek = item.planning.maxPerWeek ?? 99
            guard (1...mostPerWeek).contains(planned.perWeek) else {
                throw CaseError(.invalidInput, "\(planned.code) \(planned.perWeek) a week: the catalogue allows 1–\(mostPerWeek)")
            }
            if let perDay = planned.perDay {
                let mostPerDay = min(item.planning.maxPerDay ?? 24, planned.perWeek)
                guard (1...mostPerDay).contains(perDay) else {
                    throw CaseError(.invalidInput, "\(planned.code) \(perDay) a day: at most \(mostPerDay) (the catalogue's most a day, and no more than the week's)")
                }
            }
            switch (item.unit, planned.minutes) {
            case (.hour, let minutes?) where !(15...480).contains(minutes):
                throw CaseError(.invalidInput, "\(planned.code) \(minutes) minutes a service: give 15–480")
            case (.hour, nil):
                throw CaseError(.invalidInput, "\(planned.code) is priced by the hour: give the minutes of a service")
            case (.visit, _?), (.day, _?):
                throw CaseError(.invalidInput, "\(planned.code) is priced by the \(item.unit.rawValue): it has no minutes")
            default: break
            }
        }
        if let excess = excess(items) { throw CaseError(.invalidInput, excess) }
    }

    /// A plan's week: minutes of hour-priced items, visits of visit-priced ones, and what it costs.
    public func week(_ items: [CarePlan.Item]) -> (minutes: Int, visits: Int, cost: Money) {
        var minutes = 0, visits = 0, cost = Money.zero
        for planned in items {
            guard let item = scheme.benefits?.item(planned.code) else { continue }
            let price = rule.unitPrice ?? item.price
            switch item.unit {
            case .hour:
                // Each service priced as a log of its minutes is (``LogChecker``).
                let each = planned.minutes ?? 60
                minutes += each * planned.perWeek
                cost = cost + price.prorated(days: each, of: 60) * planned.perWeek
            case .visit:
                visits += planned.perWeek
                cost = cost + price * planned.perWeek
            case .day:
                break
            }
        }
        return (minutes, visits, cost)
    }

    /// Why the plan is beyond the grade's package or the month's ceiling; `nil` when it is within both.
    func excess(_ items: [CarePlan.Item]) -> String? {
        let week = week(items)
        let monthCost = Money(fen: (week.cost.fen * 31 + 6) / 7)
        switch (rule.pricing, rule.quantity) {
        case (.hourly, .perWeek(let hours)?) where week.minutes > hours * 60:
            return "the plan's \(Self.hours(week.minutes)) a week are beyond grade \(grade)'s \(hours) hours a week"
        case (.hourly, .perMonth(let hours)?) where week.minutes * 31 > hours * 60 * 7:
            return "the plan's \(Self.hours(week.minutes)) a week make \(Self.hours((week.minutes * 31 + 6) / 7)) in a 31-day month, beyond grade \(grade)'s \(hours) hours a month"
        case (.visit, .perWeek(let visits)?) where week.visits > visits:
            return "the plan's \(week.visits) visits a week are beyond grade \(grade)'s \(visits) a week"
        case (.visit, .perMonth(let visits)?) where week.visits * 31 > visits * 7:
            return "the plan's \(week.visits) visits a week make \((week.visits * 31 + 6) / 7) in a 31-day month, beyond grade \(grade)'s \(visits) a month"
        default:
            break
        }
        if let cap = rule.monthlyCap, monthCost > cap {
            return "the plan costs \(monthCost) in a 31-day month, beyond grade \(grade)'s ceiling of \(cap) a month"
        }
        return nil
    }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) hours" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
