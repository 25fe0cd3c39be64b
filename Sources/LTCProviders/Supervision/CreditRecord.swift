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

    /// - Parameter goodInspections: inspections scoring at least the scheme's good score (institutions only).
    public init(subject: String, violations: [Violation], goodInspections: [SupervisionRecord] = [],
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
        // Violations and good inspections in date order (violations first on the same day).
        let events: [(date: CalendarDate, order: Int, violation: Violation?, inspection: SupervisionRecord?)] =
            violations.map { ($0.decidedOn, $0.id, $0, nil) } + goodInspections.map { ($0.date, Int.max / 2 + $0.id, nil, $0) }
        for event in events.sorted(by: { ($0.date, $0.order) < ($1.date, $1.order) }) where event.date <= asOf {
            recover(until: event.date)
            if let violation = event.violation {
                score = max(0, score - violation.credit)
                history.append(Entry(date: violation.decidedOn, change: -violation.credit,
                                     reason: "violation \(violation.id) (\(violation.type), \(violation.penalty))", score: score))
                last = violation.decidedOn
            } else if let inspection = event.inspection, score < rules.start {
                let gained = min(rules.goodInspectionPoints, rules.start - score)
                score += gained
                history.append(Entry(date: inspection.date, change: gained, reason: "good inspection \(inspection.id) (score \(inspection.score ?? 0))", score: score))
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
    /// An institution's credit on a day, from its violations and its good inspections.
    public static func institution(_ institution: String, asOf: CalendarDate, rules: SupervisionSettings.Credit,
                                   in tx: any ProviderTransaction) throws -> CreditRecord {
        CreditRecord(subject: "institution:\(institution)", violations: try tx.supervision.violations(institution: institution),
                     goodInspections: try tx.supervision.inspections(institution: institution, minimumScore: rules.goodInspectionScore),
                     rules: rules, asOf: asOf)
    }
}
