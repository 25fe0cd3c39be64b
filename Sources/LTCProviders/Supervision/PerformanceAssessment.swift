import LTCCore
import LTCSchemes

/// What an institution did in a period, as performance indicators need it.
public struct InstitutionActivity: Sendable, Equatable {
    public var received = 0
    public var rejected = 0
    public var timely = 0
    public var acceptedMinutes = 0
    public var plannedMinutes = 0
    public var violations = 0
    public var complaints = 0
    /// Clients re-assessed in the period, and those found at a lower grade than the one in force.
    public var reassessed = 0
    public var foundLower = 0

    public init() {}
}

/// An institution's performance assessment (考核) for a period: each
/// indicator's value, its score from 0 to 100 (linear between the scheme's
/// best and worst values), its weight and contribution, the total and the
/// rating; and what it decided of the payments withheld in the period.
///
/// ```swift
/// let result = PerformanceAssessment(institution: "I001", from: start, to: end, activity: activity,
///                                    inspector: ["inspection": 85], rules: scheme.supervision!.assessment!)
/// result.total; result.rating
/// ```
public struct PerformanceAssessment: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var indicator: String
        public var name: LocalizedText
        /// The measured value (a share or a count), as text: `2.5 %`, `3`, `95 %`.
        public var value: String
        public var score: Points
        public var weight: Int
        /// score × weight ÷ the weights' sum.
        public var contribution: Points
    }

    public var institution: String
    public var from: CalendarDate
    public var to: CalendarDate
    public var lines: [Line]
    public var total: Points
    public var rating: String
    /// What this assessment decided of the withholding of the settled months
    /// its period covers (none that an earlier assessment decided), and
    /// whether its rating released it or kept it.
    public var withheld: Money = .zero
    public var released: Bool = false

    public init(institution: String, from: CalendarDate, to: CalendarDate, activity: InstitutionActivity,
                inspector: [String: Int], rules: SupervisionSettings.Assessment) throws(InspectorScoresError) {
        self.institution = institution
        self.from = from
        self.to = to
        let weights = rules.indicators.reduce(0) { $0 + $1.weight }
        var lines: [Line] = []
        var missing: [String] = []
        for indicator in rules.indicators {
            let value: Int     // basis points of a share, or a count × 10,000
            let text: String
            func share(_ part: Int, _ whole: Int) -> Int { whole == 0 ? 0 : part * 10_000 / whole }
            switch indicator.measure {
            case .rejectedShare: value = share(activity.rejected, activity.received)
            case .violations: value = activity.violations * 10_000
            case .complaints: value = activity.complaints * 10_000
            case .reassessmentFindings: value = share(activity.foundLower, activity.reassessed)
            case .planCompletion: value = activity.plannedMinutes == 0 ? 10_000 : min(10_000, share(activity.acceptedMinutes, activity.plannedMinutes))
            case .timeliness: value = activity.received == 0 ? 10_000 : share(activity.timely, activity.received)
            case .inspector:
                guard let given = inspector[indicator.id], (0...100).contains(given) else {
                    missing.append(indicator.id)
                    continue
                }
                value = given * 100
            }
            let score: Int
            switch indicator.measure {
            case .inspector:
                score = value
                text = "\(value / 100)"
            case .violations, .complaints:
                text = "\(value / 10_000)"
                score = Self.linear(value, best: indicator.best!.basisPoints, worst: indicator.worst!.basisPoints)
            default:
                text = "\(Points(hundredths: value)) %"
                score = Self.linear(value, best: indicator.best!.basisPoints, worst: indicator.worst!.basisPoints)
            }
            let contribution = (score * indicator.weight * 2 + weights) / (weights * 2)   // half-up
            lines.append(Line(indicator: indicator.id, name: indicator.name, value: text, score: Points(hundredths: score),
                              weight: indicator.weight, contribution: Points(hundredths: contribution)))
        }
        if !missing.isEmpty { throw InspectorScoresError(missing: missing) }
        self.lines = lines
        let total = lines.reduce(Points.zero) { $0 + $1.contribution }
        self.total = total
        rating = rules.bands.first { Points(whole: $0.from) <= total }?.rating ?? rules.bands.last?.rating ?? "?"
    }

    /// 100 points (in hundredths) at `best`, 0 at `worst`, linear between, whichever way they run.
    static func linear(_ value: Int, best: Int, worst: Int) -> Int {
        let span = worst - best
        let fraction = (worst - value) * 10_000 / span
        return max(0, min(10_000, fraction))
    }

    public var json: JSONValue {
        [
            "institution": .string(institution), "from": .string(from.description), "to": .string(to.description),
            "lines": .array(lines.map {
                ["indicator": .string($0.indicator), "name": ["zh": .string($0.name.zh), "en": .string($0.name.en)], "value": .string($0.value),
                 "score": $0.score.json, "weight": .integer($0.weight), "contribution": $0.contribution.json]
            }),
            "total": total.json, "rating": .string(rating), "withheld": withheld.json, "released": .bool(released),
        ]
    }
}

extension PerformanceAssessment {
    /// Reads back a stored assessment.
    public init?(json: JSONValue) {
        func date(_ key: String) -> CalendarDate? { json[key]?.stringValue.flatMap(CalendarDate.init) }
        guard let institution = json["institution"]?.stringValue, let from = date("from"), let to = date("to"),
              let total = json["total"].flatMap(Points.init(json:)), let rating = json["rating"]?.stringValue,
              let withheld = json["withheld"].flatMap(Money.init(json:)), let released = json["released"]?.boolValue,
              let lines = json["lines"]?.arrayValue else { return nil }
        self.institution = institution
        self.from = from
        self.to = to
        self.total = total
        self.rating = rating
        self.withheld = withheld
        self.released = released
        self.lines = lines.compactMap { line in
            guard let indicator = line["indicator"]?.stringValue, let zh = line["name"]?["zh"]?.stringValue, let en = line["name"]?["en"]?.stringValue,
                  let value = line["value"]?.stringValue, let score = line["score"].flatMap(Points.init(json:)),
                  let weight = line["weight"]?.intValue, let contribution = line["contribution"].flatMap(Points.init(json:)) else { return nil }
            return Line(indicator: indicator, name: LocalizedText(zh: zh, en: en), value: value, score: score, weight: weight, contribution: contribution)
        }
    }
}

/// Inspector-scored indicators left without a score from 0 to 100.
public struct InspectorScoresError: LTCError, Equatable {
    public var missing: [String]
    public var kind: String { "invalidInput" }
    public var details: JSONObject { ["missing": .array(missing.map { .string($0) })] }
    public var description: String { "give an inspector's score from 0 to 100 for: \(missing.joined(separator: ", "))" }
}
