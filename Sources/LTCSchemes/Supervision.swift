import LTCCore

/// A scheme's supervision rules (the `supervision` section of a scheme
/// file): the negative list of violations, the graded penalties, and how
/// credit scores move. No official penalty scale or credit formula exists
/// (《长期护理保险护理服务机构定点管理办法（试行）》 names the ladder, not the
/// numbers), so all of it is data.
///
/// ```json
/// "supervision": {
///   "violations": [{"code": "V01", "name": {…}, "penalties": ["warning", "recovery"]}],
///   "penalties": [{"id": "recovery", "name": {…}, "effect": "recovery", "liquidatedDamages": 0.2, "credit": 20}],
///   "credit": {"start": 100, "lowLine": 70, "barLine": 50, "monthlyRecovery": 1}
/// }
/// ```
public struct SupervisionSettings: Sendable, Equatable {
    /// What a penalty does beyond being recorded.
    public enum Effect: String, Sendable, CaseIterable {
        /// 约谈, 警告: recorded only.
        case warning
        /// 限期整改: recorded, with a deadline.
        case rectification
        /// 不予支付: the amounts concerned are taken off the next statement.
        case refusal
        /// 追回 + 违约金: the amounts concerned and liquidated damages are taken off the next statement.
        case recovery
        /// 中止: the agreement covers nothing for a number of days.
        case suspension
        /// 解除: the agreement ends, and the institution may not apply again for a number of years.
        case termination
    }

    public struct Penalty: Sendable, Equatable {
        public var id: String
        public var name: LocalizedText
        public var effect: Effect
        /// Recovery: damages as a share of the amounts concerned.
        public var liquidatedDamages: Ratio?
        /// Rectification: days allowed.
        public var days: Int?
        /// Suspension: days suspended.
        public var suspensionDays: Int?
        /// Termination: years barred from applying again.
        public var barYears: Int?
        /// Credit points taken from the institution (and from a caregiver or person named).
        public var credit: Int
    }

    public struct ViolationType: Sendable, Equatable {
        public var code: String
        public var name: LocalizedText
        /// The penalties the scheme allows for it, lightest first.
        public var penalties: [String]
    }

    public struct Credit: Sendable, Equatable {
        /// Everyone starts here; the score never rises above it.
        public var start: Int
        /// Below this, closer checks (a higher sampling rate).
        public var lowLine: Int
        /// Below this, an institution may not apply for designation.
        public var barLine: Int
        /// Points regained for each whole month without a violation.
        public var monthlyRecovery: Int
        /// An inspection scoring at least this is a good record…
        public var goodInspectionScore: Int
        /// …and gives back this many points (never above `start`).
        public var goodInspectionPoints: Int
        /// Shares of accepted logs picked for manual review (复核): normally,
        /// and for institutions below `lowLine` (closer checks).
        public var sampling: Ratio
        public var closerSampling: Ratio
    }

    /// One measure of an institution's performance assessment (考核).
    public struct Indicator: Sendable, Equatable {
        public enum Measure: String, Sendable, CaseIterable {
            /// Share of the period's logs rejected.
            case rejectedShare
            /// Violations decided in the period.
            case violations
            /// Complaints received in the period.
            case complaints
            /// Share of the institution's clients re-assessed in the period whose grade was found lower than the one in force.
            case reassessmentFindings
            /// Accepted service minutes as a share of the care plans' weekly minutes over the period.
            case planCompletion
            /// Share of logs received within `timelyDays` of the service.
            case timeliness
            /// A score from 0 to 100 entered by an inspector.
            case inspector
        }

        public var id: String
        public var name: LocalizedText
        public var measure: Measure
        public var weight: Int
        /// The value scoring 100 and the value scoring 0; scores fall linearly between (exact, in basis points).
        public var best: Ratio?
        public var worst: Ratio?
    }

    public struct RatingBand: Sendable, Equatable {
        public var from: Int
        public var rating: String
    }

    public struct Assessment: Sendable, Equatable {
        public var indicators: [Indicator]
        /// Highest first.
        public var bands: [RatingBand]
        /// Days after the service within which a log counts as timely.
        public var timelyDays: Int
        /// Share of each statement's fund payment withheld until the assessment.
        public var withholding: Ratio
        /// Ratings that release what was withheld; others keep it.
        public var release: [String]
    }

    public var violations: [ViolationType]
    public var penalties: [Penalty]
    public var credit: Credit
    /// Performance assessment; `nil` where the scheme does not assess institutions.
    public var assessment: Assessment? = nil

    public func violation(_ code: String) -> ViolationType? { violations.first { $0.code == code } }
    public func penalty(_ id: String) -> Penalty? { penalties.first { $0.id == id } }
}

/// Reads a scheme's `supervision` section.
struct SupervisionDecoder {
    let log: JSONProblemLog

    func supervision(_ fields: JSONFields) -> SupervisionSettings? {
        let penalties = fields.array("penalties")?.compactMap { value, path -> SupervisionSettings.Penalty? in
            guard let penalty = log.fields(of: value, at: path, accepting: [
                "id", "name", "effect", "liquidatedDamages", "days", "suspensionDays", "barYears", "credit",
            ]) else { return nil }
            let id = penalty.nonEmptyString("id")
            let name = penalty.localizedText("name")
            let effectText = penalty.string("effect")
            let effect = effectText.flatMap(SupervisionSettings.Effect.init(rawValue:))
            if let effectText, effect == nil {
                log.report(penalty.path.appending("effect"), "unknown effect '\(effectText)'; accepted: \(SupervisionSettings.Effect.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var damages: Ratio?
            if let value = penalty.object["liquidatedDamages"] {
                damages = Ratio(json: value)
                if damages == nil { log.report(penalty.path.appending("liquidatedDamages"), "expected a share from 0 to 1, found \(value)") }
            }
            let credit = penalty.int("credit")
            if let credit, !(0...1000).contains(credit) { log.report(penalty.path.appending("credit"), "\(credit) is outside 0–1000") }
            let needs: [(SupervisionSettings.Effect, String)] = [(.recovery, "liquidatedDamages"), (.rectification, "days"),
                                                                  (.suspension, "suspensionDays"), (.termination, "barYears")]
            for (kind, key) in needs where effect == kind && !penalty.has(key) {
                log.report(penalty.path.appending(key), "missing: a \(kind.rawValue) penalty needs it")
            }
            let days = penalty.optionalInt("days"), suspension = penalty.optionalInt("suspensionDays"), bar = penalty.optionalInt("barYears")
            for (key, number) in [("days", days), ("suspensionDays", suspension), ("barYears", bar)] {
                if let number, !(1...3650).contains(number) { log.report(penalty.path.appending(key), "\(number) is outside 1–3650") }
            }
            guard let id, let name, let effect, let credit else { return nil }
            return .init(id: id, name: name, effect: effect, liquidatedDamages: damages, days: days, suspensionDays: suspension, barYears: bar, credit: credit)
        } ?? []
        let known = Set(penalties.map(\.id))
        let violations = fields.array("violations")?.compactMap { value, path -> SupervisionSettings.ViolationType? in
            guard let violation = log.fields(of: value, at: path, accepting: ["code", "name", "penalties"]) else { return nil }
            let code = violation.nonEmptyString("code")
            let name = violation.localizedText("name")
            let list = violation.array("penalties")?.compactMap { item, itemPath -> String? in
                guard let id = item.stringValue, known.contains(id) else {
                    log.report(itemPath, "expected a penalty id of this section (\(known.sorted().joined(separator: ", "))), found \(item)")
                    return nil
                }
                return id
            }
            guard let code, let name, let list else { return nil }
            if list.isEmpty { log.report(violation.path.appending("penalties"), "name at least one penalty") }
            return .init(code: code, name: name, penalties: list)
        } ?? []
        let credit = fields.fields("credit", accepting: ["start", "lowLine", "barLine", "monthlyRecovery", "goodInspectionScore", "goodInspectionPoints", "sampling", "closerSampling"]).flatMap { section -> SupervisionSettings.Credit? in
            guard let start = section.int("start"), let low = section.int("lowLine"), let bar = section.int("barLine"),
                  let recovery = section.int("monthlyRecovery"), let goodScore = section.int("goodInspectionScore"),
                  let goodPoints = section.int("goodInspectionPoints") else { return nil }
            guard (0...100).contains(goodScore), (0...1000).contains(goodPoints) else {
                log.report(section.path, "expected goodInspectionScore 0–100 and goodInspectionPoints 0–1000")
                return nil
            }
            guard 0 <= bar, bar <= low, low <= start, start <= 1000, (0...1000).contains(recovery) else {
                log.report(section.path, "expected 0 ≤ barLine ≤ lowLine ≤ start ≤ 1000 and monthlyRecovery 0–1000")
                return nil
            }
            guard let sampling = section.object["sampling"].flatMap(Ratio.init(json:)),
                  let closer = section.object["closerSampling"].flatMap(Ratio.init(json:)) else {
                log.report(section.path, "sampling and closerSampling must be shares from 0 to 1")
                return nil
            }
            return .init(start: start, lowLine: low, barLine: bar, monthlyRecovery: recovery,
                         goodInspectionScore: goodScore, goodInspectionPoints: goodPoints, sampling: sampling, closerSampling: closer)
        }
        let assessment = fields.fields("assessment", accepting: ["indicators", "bands", "timelyDays", "withholding", "release"], required: false)
            .flatMap(self.assessment)
        guard let credit else { return nil }
        return SupervisionSettings(violations: violations, penalties: penalties, credit: credit, assessment: assessment)
    }

    func assessment(_ fields: JSONFields) -> SupervisionSettings.Assessment? {
        let indicators = fields.array("indicators")?.compactMap { value, path -> SupervisionSettings.Indicator? in
            guard let indicator = log.fields(of: value, at: path, accepting: ["id", "name", "measure", "weight", "best", "worst"]) else { return nil }
            let id = indicator.nonEmptyString("id")
            let name = indicator.localizedText("name")
            let measureText = indicator.string("measure")
            let measure = measureText.flatMap(SupervisionSettings.Indicator.Measure.init(rawValue:))
            if let measureText, measure == nil {
                log.report(indicator.path.appending("measure"), "unknown measure '\(measureText)'; accepted: \(SupervisionSettings.Indicator.Measure.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let weight = indicator.int("weight")
            if let weight, !(1...1000).contains(weight) { log.report(indicator.path.appending("weight"), "\(weight) is outside 1–1000") }
            var best: Ratio?, worst: Ratio?
            if measure != .inspector {
                for key in ["best", "worst"] {
                    guard let given = indicator.object[key] else {
                        log.report(indicator.path.appending(key), "missing: a measured indicator needs the values scoring 100 (best) and 0 (worst)")
                        continue
                    }
                    // Counts (violations) may exceed 1: read them as whole numbers of basis-point units.
                    let ratio = given.intValue.map { Ratio(basisPoints: $0 * 10_000) } ?? Ratio(json: given)
                    if ratio == nil { log.report(indicator.path.appending(key), "expected a number, found \(given)") }
                    if key == "best" { best = ratio } else { worst = ratio }
                }
                if let best, let worst, best == worst { log.report(indicator.path, "best and worst are the same value") }
            }
            guard let id, let name, let measure, let weight else { return nil }
            return .init(id: id, name: name, measure: measure, weight: weight, best: best, worst: worst)
        } ?? []
        let bands = fields.array("bands")?.compactMap { value, path -> SupervisionSettings.RatingBand? in
            guard let band = log.fields(of: value, at: path, accepting: ["from", "rating"]), let from = band.int("from"),
                  let rating = band.nonEmptyString("rating") else { return nil }
            return .init(from: from, rating: rating)
        } ?? []
        if bands.isEmpty || bands.last?.from != 0 || zip(bands, bands.dropFirst()).contains(where: { $0.from <= $1.from }) {
            log.report(fields.path.appending("bands"), "bands must fall from the highest 'from' to a last one from 0")
        }
        let timely = fields.int("timelyDays")
        let withholding = fields.object["withholding"].flatMap(Ratio.init(json:))
        if withholding == nil { log.report(fields.path.appending("withholding"), "expected a share from 0 to 1") }
        let release = fields.array("release")?.compactMap { $0.value.stringValue } ?? []
        guard let timely, let withholding, !indicators.isEmpty else { return nil }
        return .init(indicators: indicators, bands: bands, timelyDays: timely, withholding: withholding, release: release)
    }
}
