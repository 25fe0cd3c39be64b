import LTCCases
import LTCCore
import LTCSchemes

/// A stored case's entitlement for one month, worked out day by day from its
/// history: which grade was in force, when benefits began, hospital stays,
/// the service mode on each day, termination, and other subsidies held.
///
/// ```swift
/// let month = try Entitlement(case: record, scheme: scheme, month: YearMonth("2026-04")!)
/// month.payable     // the fund's share plus cash, less deductions
/// month.lines       // how each part was found
/// ```
///
/// Partial months are prorated by the days in force; hospital days pay
/// nothing; a mode change splits the month between the modes.
public struct Entitlement: Sendable {
    /// Why a day is or is not paid.
    public enum DayStatus: Sendable, Equatable {
        case paid(mode: String, grade: Int, scheme: String)
        case noScheme
        case noGrade
        case notStarted
        case belowMinimumGrade
        case hospital
        case noMode
        case exclusiveSubsidy(String)
        /// After the case ended (the date of death, of leaving, …).
        case ended(on: CalendarDate, reason: String)

        public var label: String {
            switch self {
            case .paid(let mode, let grade, let scheme): "paid: grade \(grade), \(mode) (\(scheme))"
            case .noScheme: "no scheme of the region in force"
            case .noGrade: "no grade in force"
            case .notStarted: "benefits not yet begun"
            case .belowMinimumGrade: "below the minimum grade for benefits"
            case .hospital: "suspended (hospital stay)"
            case .noMode: "no service mode chosen"
            case .exclusiveSubsidy(let id): "paid by \(id) instead (the person's choice)"
            case .ended(let day, let reason): "after the case ended on \(day) (\(reason))"
            }
        }
    }

    /// A run of consecutive days with the same status.
    public struct Span: Sendable, Equatable {
        public var from: CalendarDate
        public var to: CalendarDate
        public var status: DayStatus
        public var days: Int { from.days(until: to) + 1 }
    }

    /// The effect of another subsidy on the month.
    public struct SubsidyEffect: Sendable, Equatable {
        public var subsidy: String
        public var interaction: Subsidy.Interaction
        public var amount: Money
        public var deducted: Money
        public var note: String
    }

    public var caseID: Int
    public var month: YearMonth
    public var spans: [Span]
    /// One quote per (grade, mode) with paid days.
    public var parts: [BenefitQuote]
    public var subsidies: [SubsidyEffect]
    public var fundShare: Money
    public var personalShare: Money
    public var cash: Money
    public var deducted: Money
    /// What LTCI pays: the fund's share and cash, less deductions, never below zero.
    public var payable: Money
    public var lines: [String]

    /// The entitlement under one scheme for the whole month.
    public init(case record: Case, scheme: Scheme, month: YearMonth) throws(BenefitError) {
        try self.init(case: record, schemes: [scheme], month: month)
    }

    /// The entitlement where each day follows the scheme in force on it, among
    /// those of the region of the case's scheme: a month that crosses from one
    /// scheme period into the next is split between them.
    public init(case record: Case, schemes: [Scheme], month: YearMonth) throws(BenefitError) {
        guard let home = schemes.first(where: { $0.id == record.schemeID }) ?? schemes.first else {
            throw BenefitError("no scheme is loaded for case \(record.id)")
        }
        caseID = record.id
        self.month = month
        let statuses = try Self.dayStatuses(case: record, schemes: schemes, month: month)
        var byID: [String: Scheme] = [:]
        for scheme in schemes where scheme.region == home.region && scheme.benefits != nil
            && (scheme.isInForce(on: month.firstDay) || scheme.isInForce(on: month.lastDay) || (month.firstDay < scheme.effectiveFrom && scheme.effectiveTo < month.lastDay)) {
            byID[scheme.id] = scheme
        }
        spans = Self.spans(month.days, statuses)

        let used = Set(byID.keys).sorted().joined(separator: ", ")
        var lines = ["case \(record.id), \(month) (\(month.dayCount) days), scheme \(used.isEmpty ? home.id : used)"]
        for span in spans {
            lines.append("\(span.from)–\(span.to) (\(span.days) day\(span.days == 1 ? "" : "s")): \(span.status.label)")
        }
        var paid: [String: (scheme: String, grade: Int, mode: String, days: Int, last: CalendarDate)] = [:]
        var order: [String] = []
        for (day, status) in zip(month.days, statuses) {
            guard case .paid(let mode, let grade, let scheme) = status else { continue }
            let key = "\(scheme)|\(grade)|\(mode)"
            if paid[key] == nil { order.append(key); paid[key] = (scheme, grade, mode, 0, day) }
            paid[key]!.days += 1
            paid[key]!.last = day
        }
        parts = try order.map { key throws(BenefitError) in
            let entry = paid[key]!
            let scheme = byID[entry.scheme]!
            return try BenefitQuote(scheme: scheme, grade: entry.grade, mode: entry.mode, insured: record.insured, month: month, days: entry.days,
                                    continuity: Self.continuity(record, scheme: scheme, grade: entry.grade, mode: entry.mode, month: month, lastPaid: entry.last))
        }
        for part in parts { lines += part.lines.map { "  " + $0 } }
        fundShare = parts.reduce(.zero) { $0 + $1.fundShare }
        personalShare = parts.reduce(.zero) { $0 + $1.personalShare }
        cash = parts.reduce(.zero) { $0 + $1.cash }

        var effects: [SubsidyEffect] = []
        var remaining = fundShare + cash
        let paidDays = zip(month.days, statuses).filter { if case .paid = $0.1 { true } else { false } }.map(\.0)
        for held in record.subsidies {
            guard let kind = (byID[home.id] ?? byID.values.first ?? home).benefits?.subsidy(held.subsidy) else { continue }
            let covered = month.days.filter(held.covers).count
            guard covered > 0 else { continue }
            // Where the subsidy meets LTCI: the days both pay for.
            let both = paidDays.filter(held.covers).count
            let amount = held.monthly.prorated(days: covered, of: month.dayCount)
            var effect = SubsidyEffect(subsidy: held.subsidy, interaction: kind.interaction, amount: amount, deducted: .zero, note: "")
            switch kind.interaction {
            case .deduct:
                let overlap = held.monthly.prorated(days: both, of: month.dayCount)
                effect.deducted = min(overlap, remaining)
                remaining = remaining - effect.deducted
                effect.note = "\(kind.name.zh) \(held.monthly) a month × \(both)/\(month.dayCount) days LTCI pays = \(overlap) is deducted from the LTCI amount: −\(effect.deducted)"
            case .alongside:
                effect.note = "\(kind.name.zh) \(amount) is paid alongside; no effect on LTCI"
            case .stops:
                effect.note = "\(kind.name.zh) stops on the \(both) days LTCI pays; no effect on LTCI"
            case .topUp:
                effect.note = "\(kind.name.zh) tops up what LTCI leaves; LTCI pays first, unchanged"
            case .exclusive:
                effect.note = held.choice == .subsidy
                    ? "\(kind.name.zh) chosen instead of LTCI on \(covered) days: those days pay no LTCI"
                    : "LTCI chosen instead of \(kind.name.zh): the subsidy is not payable on \(covered) days"
            }
            lines.append(effect.note)
            effects.append(effect)
        }
        subsidies = effects
        deducted = effects.reduce(.zero) { $0 + $1.deducted }
        payable = fundShare + cash - deducted
        lines.append("fund share \(fundShare) + cash \(cash) − deductions \(deducted) = payable \(payable); the person's share \(personalShare)")
        self.lines = lines
    }

    /// Each day's status in a month, without the explanation: what service-log
    /// checks need for every beneficiary, cheaply.
    public static func dayStatuses(case record: Case, schemes: [Scheme], month: YearMonth) throws(BenefitError) -> [DayStatus] {
        guard let home = schemes.first(where: { $0.id == record.schemeID }) ?? schemes.first else {
            throw BenefitError("no scheme is loaded for case \(record.id)")
        }
        let regional = schemes.filter { $0.region == home.region }
        var statuses: [DayStatus] = []
        statuses.reserveCapacity(month.dayCount)
        for day in month.days {
            guard let scheme = regional.first(where: { $0.isInForce(on: day) }) else {
                statuses.append(.noScheme)
                continue
            }
            guard let benefits = scheme.benefits else { throw BenefitError("scheme '\(scheme.id)' defines no benefits") }
            statuses.append(Self.status(of: day, record, scheme, benefits))
        }
        return statuses
    }

    static func status(of day: CalendarDate, _ record: Case, _ scheme: Scheme, _ benefits: BenefitSettings) -> DayStatus {
        if let ended = record.endedOn, day > ended { return .ended(on: ended, reason: record.closedReason ?? "terminated") }
        guard let determination = record.determination(on: day), let validFrom = determination.validFrom else { return .noGrade }
        if benefits.start == .nextMonth {
            // Benefits begin with the month after the first grade took effect.
            let first = ([record.determination].compactMap { $0 } + record.pastDeterminations).compactMap(\.validFrom).min() ?? validFrom
            if day < YearMonth(containing: first).adding(months: 1).firstDay { return .notStarted }
        }
        guard determination.grade >= scheme.assessment.minimumGrade else { return .belowMinimumGrade }
        if record.suspensions.contains(where: { $0.contains(day) }) { return .hospital }
        guard let mode = record.mode(on: day) else { return .noMode }
        if let exclusive = record.subsidies.first(where: { $0.choice == .subsidy && $0.covers(day) }) {
            return .exclusiveSubsidy(exclusive.subsidy)
        }
        return .paid(mode: mode, grade: determination.grade, scheme: scheme.id)
    }

    /// The run of continuous care that a part of a month's bonus is decided
    /// on: `nil` unless the row has a continuity bonus. The run is the one
    /// holding the part's last paid day; the choice is the one of the month's first day.
    public static func continuity(_ record: Case, scheme: Scheme, grade: Int, mode: String, month: YearMonth,
                                  lastPaid: CalendarDate) -> ContinuousCare? {
        guard scheme.benefits?.rule(grade: grade, mode: mode, insured: record.insured)?.continuityBonus.isEmpty == false,
              let since = record.continuousSince(mode: mode, on: lastPaid) else { return nil }
        return ContinuousCare(since: since, choice: record.bonusChoice(on: month.firstDay))
    }

    static func spans(_ days: [CalendarDate], _ statuses: [DayStatus]) -> [Span] {
        var spans: [Span] = []
        for (day, status) in zip(days, statuses) {
            if let last = spans.last, last.status == status, last.to.adding(days: 1) == day {
                spans[spans.count - 1].to = day
            } else {
                spans.append(Span(from: day, to: day, status: status))
            }
        }
        return spans
    }

    public var json: JSONValue {
        [
            "case": .integer(caseID), "month": .string(month.description),
            "days": .array(spans.map { ["from": .string($0.from.description), "to": .string($0.to.description),
                                        "days": .integer($0.days), "status": .string($0.status.label)] }),
            "parts": .array(parts.map(\.json)),
            "subsidies": .array(subsidies.map {
                ["subsidy": .string($0.subsidy), "interaction": .string($0.interaction.rawValue), "amount": $0.amount.json,
                 "deducted": $0.deducted.json, "note": .string($0.note)]
            }),
            "fundShare": fundShare.json, "personalShare": personalShare.json, "cash": cash.json,
            "deducted": deducted.json, "payable": payable.json,
            "lines": .array(lines.map { .string($0) }),
        ]
    }
}
