import LTCCore
import LTCSchemes

/// A credit score and its history, for an institution, a caregiver or an
/// insured person, worked out from the violations that named them under the
/// scheme's credit rules: everyone starts at `start`; each violation takes
/// its penalty's points; each whole month without one gives back
/// `monthlyRecovery`, never above `start`.
///
/// ```swift
/// let record = CreditRecord(subject: "institution:I001", violations: found, rules: scheme.supervision!.credit, asOf: day)
/// record.score; record.closerChecks; record.barred
/// ```
public struct CreditRecord: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var date: CalendarDate
        public var change: Int
        public var reason: String
        public var score: Int
    }

    public var subject: String
    public var score: Int
    public var history: [Entry]
    /// Below the low line: checked more closely (a higher sampling rate).
    public var closerChecks: Bool
    /// Below the bar line: may not apply for designation.
    public var barred: Bool

    /// - Parameters:
    ///   - goodInspections: inspections scoring at least the scheme's good score (institutions only).
    ///   - selfReports: the institution's own reports and refunds of its errors, each that refunded money paid giving back
    ///     `selfReportPoints` (自查自纠 as mitigation); one that withdrew only unpaid logs gives nothing.
    public init(subject: String, violations: [Violation], goodInspections: [SupervisionRecord] = [],
                selfReports: [SelfReport] = [], selfReportPoints: Int = 0,
                rules: SupervisionSettings.Credit, asOf: CalendarDate) {
        self.subject = subject
        var score = rules.start
        var history: [Entry] = []
        var last: CalendarDate?
        func recover(until day: CalendarDate) {
            guard let from = last, rules.monthlyRecovery > 0, score < rules.start else { return }
            let months = from.wholeMonths(until: day)
            guard months > 0 else { return }
            let gained = min(rules.start - score, months * rules.monthlyRecovery)
            score += gained
            history.append(Entry(date: day, change: gained, reason: "\(months) month\(months == 1 ? "" : "s") without a violation", score: score))
            last = day
        }
        func giveBack(_ points: Int, on day: CalendarDate, _ reason: String) {
            guard score < rules.start, points > 0 else { return }
            let gained = min(points, rules.start - score)
            score += gained
            history.append(Entry(date: day, change: gained, reason: reason, score: score))
        }
        enum Event { case violation(Violation), inspection(SupervisionRecord), selfReport(SelfReport) }
        // In date order: violations, then good inspections, then self-reports of the same day, each by id.
        let events: [(date: CalendarDate, order: (Int, Int), event: Event)] =
            violations.map { ($0.decidedOn, (0, $0.id), .violation($0)) } + goodInspections.map { ($0.date, (1, $0.id), .inspection($0)) }
            + selfReports.map { ($0.reportedOn, (2, $0.id), .selfReport($0)) }
        for item in events.sorted(by: { ($0.date, $0.order.0, $0.order.1) < ($1.date, $1.order.0, $1.order.1) }) where item.date <= asOf {
            recover(until: item.date)
            switch item.event {
            case .violation(let violation):
                score = max(0, score - violation.credit)
                history.append(Entry(date: violation.decidedOn, change: -violation.credit,
                                     reason: "violation \(violation.id) (\(violation.type), \(violation.penalty))", score: score))
                last = violation.decidedOn
            case .inspection(let inspection):
                giveBack(rules.goodInspectionPoints, on: inspection.date, "good inspection \(inspection.id) (score \(inspection.score ?? 0))")
            case .selfReport(let report) where report.refunded > .zero:
                // Only a report that refunds what was paid earns credit: withdrawing a log
                // of an open month costs nothing, and would buy back credit (and the reward) at will.
                giveBack(selfReportPoints, on: report.reportedOn, "self-report \(report.id) (\(report.withdrawn) log\(report.withdrawn == 1 ? "" : "s") withdrawn, \(report.refunded) refunded)")
            case .selfReport:
                break
            }
        }
        recover(until: asOf)
        self.score = score
        self.history = history
        closerChecks = score < rules.lowLine
        barred = score < rules.barLine
    }

    public var json: JSONValue {
        [
            "subject": .string(subject), "score": .integer(score), "closerChecks": .bool(closerChecks), "barred": .bool(barred),
            "history": .array(history.map {
                ["date": .string($0.date.description), "change": .integer($0.change), "reason": .string($0.reason), "score": .integer($0.score)]
            }),
        ]
    }
}

extension CreditRecord {
    /// An institution's credit on a day, from its violations, its good
    /// inspections and, where the scheme counts them (`enforcement.selfReport`), its self-reports.
    public static func institution(_ institution: String, asOf: CalendarDate, rules: SupervisionSettings.Credit,
                                   enforcement: EnforcementSettings? = nil, in tx: any ProviderTransaction) throws -> CreditRecord {
        CreditRecord(subject: "institution:\(institution)", violations: try tx.supervision.violations(institution: institution),
                     goodInspections: try tx.supervision.inspections(institution: institution, minimumScore: rules.goodInspectionScore),
                     selfReports: enforcement == nil ? [] : try tx.enforcement.selfReports(institution: institution),
                     selfReportPoints: enforcement?.selfReportCredit ?? 0, rules: rules, asOf: asOf)
    }
}
