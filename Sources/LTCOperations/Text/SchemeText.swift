import LTCCore
import LTCProviders
import LTCSchemes

/// A scheme as a person reads it on a terminal (`ltc scheme show ID`):
/// what it is, who is assessed and how, its modes and items, what each
/// grade earns in each mode (per insured group where it prices groups
/// apart), and the limits intake and settlement hold institutions to.
public enum SchemeText {
    public static func show(_ scheme: Scheme, stored: Bool) -> String {
        var lines = ["scheme \(scheme.id): \(scheme.name.bilingual)" + (stored ? "" : " (built in, not loaded here: ltc scheme load \(scheme.id))"),
                     "\(scheme.region), \(scheme.effectiveFrom) to \(scheme.effectiveTo), time zone \(scheme.timeZone)"]
        let assessment = scheme.assessment
        lines += ["", "Assessment 评估",
                  "  forms \(assessment.forms.joined(separator: ", ")); benefits from grade \(assessment.minimumGrade)",
                  "  \(assessment.assessorCount) assessors, \(assessment.qualifiedAssessors) of them qualified; publicity \(assessment.publicityWorkingDays) working days; a grade valid \(assessment.validityMonths) months"
                    + (assessment.visitWithinWorkingDays.map { "; visit within \($0) working days" } ?? "")
                    + (assessment.conclusionWithinWorkingDays.map { ", conclusion within \($0)" } ?? "")]
        let eligibility = scheme.eligibility
        lines.append("  eligible: \(eligibility.insuranceTypes.map(\.rawValue).joined(separator: " or ")) insured at least \(eligibility.minimumMonthsEnrolled) months, disabled at least \(eligibility.minimumMonthsDisabled) months")
        guard let benefits = scheme.benefits else {
            lines += ["", "no benefits section: the scheme assesses and grades only"]
            return lines.joined(separator: "\n")
        }
        lines += ["", "Service modes 服务方式"]
        for mode in benefits.modes { lines.append("  \(mode.id)  \(mode.name.bilingual), delivered at \(mode.delivery.rawValue)") }
        lines += ["", "Items 服务项目"]
        lines.append(CatalogueText.items(ServiceCatalogue(scheme: scheme), agreed: false).rendered(indent: "  "))
        lines += ["", "Benefits by grade and mode 待遇 (grades \(benefits.grades.map(String.init).joined(separator: ", ")))"]
        var table = TextTable()
        let grouped = benefits.table.contains { $0.insured != nil }
        var header: [(english: String, chinese: String)] = [("GRADE", "等级"), ("MODE", "服务方式"), ("PRICING", "计价"), ("AMOUNT", "额度"),
                                                           ("FUND SHARE", "基金比例"), ("ITEMS", "项目")]
        if grouped { header.insert(("INSURED", "参保类别"), at: 1) }
        table.header(header)
        for rule in benefits.table {
            var row = [String(rule.grade), rule.mode, rule.pricing.rawValue, amount(rule), rule.ratio.map { "\($0)" } ?? "—",
                       rule.items.isEmpty ? "any" : rule.items.joined(separator: " ")]
            if grouped { row.insert((rule.insured?.rawValue ?? "all") + (rule.tier.map { " tier \($0)" } ?? ""), at: 1) }
            table.append(row)
        }
        lines.append(table.rendered(indent: "  "))
        lines += ["", "Limits 限制"]
        lines.append("  benefits start: \(benefits.start.rawValue); a change of mode: \(benefits.modeChange.rawValue)")
        if let monitoring = benefits.monitoring {
            lines.append("  logs arrive within \(monitoring.lateDays) days of the service; check-ins within \(monitoring.checkInRadiusMeters) m of the home")
            let durations = ServiceItem.Unit.allCases.compactMap { unit in
                monitoring.duration[unit].map { "\(unit.rawValue) \($0.minimumMinutes)–\($0.maximumMinutes) min" }
            }
            if !durations.isEmpty { lines.append("  plausible durations: " + durations.joined(separator: ", ")) }
        } else {
            lines.append("  no monitoring settings: the scheme takes no service logs")
        }
        if let plans = benefits.carePlans { lines.append("  care plans from the \(plans.needsForm) form, reviewed every \(plans.reviewMonths) months") }
        if let budget = scheme.budget {
            lines.append("  budgets warn at \(budget.warnings.map { "\($0)" }.joined(separator: " and ")); above the budget \(budget.paidAboveBudget) is paid, the rest held for the year-end review")
        }
        if let supervision = scheme.supervision {
            lines.append("  negative list: \(supervision.violations.count) types of violation, \(supervision.penalties.count) penalties; credit starts at \(supervision.credit.start), closer checks below \(supervision.credit.lowLine)")
            if let performance = supervision.assessment {
                lines.append("  performance: \(performance.indicators.count) indicators; \(performance.withholding) of each statement's fund share withheld until the rating")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What a rule pays, in words: `3 h/week × 65.00`, `cap 60.00/day`, `cash 450.00/month`.
    static func amount(_ rule: BenefitRule) -> String {
        var parts: [String] = []
        switch rule.quantity {
        case .perWeek(let count)?: parts.append("\(count) \(rule.pricing == .visit ? "visits" : "h")/week")
        case .perMonth(let count)?: parts.append("\(count) \(rule.pricing == .visit ? "visits" : "h")/month")
        case nil: break
        }
        if let price = rule.unitPrice { parts.append("× \(price.grouped)") }
        if let cap = rule.dailyCap { parts.append("cap \(cap.grouped)/day") }
        if let cap = rule.monthlyCap { parts.append("cap \(cap.grouped)/month") }
        if let cash = rule.cashPerMonth { parts.append("cash \(cash.grouped)/month") }
        if let cash = rule.cashPerDay { parts.append("cash \(cash.grouped)/day") }
        if let copay = rule.copayPerVisit { parts.append("copay \(copay.grouped)/visit") }
        if !rule.continuityBonus.isEmpty { parts.append("+ bonus for continuous care") }
        return parts.isEmpty ? "—" : parts.joined(separator: " ")
    }
}
