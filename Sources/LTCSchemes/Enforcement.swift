import LTCCore

/// A scheme's rules of enforcement and of the fund's governance (the
/// `enforcement` section of a scheme file), read from seed 000 §12–13 and
/// §17–19, seed 002 ch. 7 and seed 004 (`../shared/domain/`). No official
/// text gives these numbers: every one is data, and the example schemes'
/// values are the project's illustration.
///
/// - `reinspectionDays`: the same institution is not inspected again for the
///   same matter within this many days (全覆盖、不重复检查);
/// - `defenceDays`, `appeal`: the days an institution has to state its
///   defence after a notice of an intended penalty (告知、陈述申辩), and the
///   days to apply for reconsideration and to sue after the decision;
/// - `severity` and `benchmarks`: the discretion benchmarks (裁量基准): each
///   violation type's severity, and by severity, amount concerned and
///   repetition the range of penalties (the lightest and the heaviest of the
///   `supervision.penalties` ladder, listed lightest first);
/// - `selfReport`: what an institution's own report and refund of its errors
///   (自查自纠) counts for: ladder steps lighter, and credit points back;
/// - `rewards`: what good credit earns: a lower sampling rate of its logs;
/// - `fund`: the risk warning levels, in months of spending the balance covers.
///
/// ```json
/// "enforcement": {
///   "reinspectionDays": 180, "defenceDays": 7, "appeal": {"reconsiderationDays": 60, "lawsuitDays": 180}, "repeatMonths": 24,
///   "severity": {"V01": "serious"}, "benchmarks": [{"severity": "serious", "amountFrom": 0, "repeatsFrom": 0, "lightest": "refusal", "heaviest": "recovery"}],
///   "selfReport": {"steps": 1, "creditPoints": 5}, "rewards": {"creditFrom": 100, "sampling": 0.01},
///   "fund": {"averageMonths": 12, "warnings": [{"below": 6, "level": "watch"}, {"below": 3, "level": "alert"}]}
/// }
/// ```
public struct EnforcementSettings: Sendable, Equatable {
    /// One row of the discretion benchmarks: for a severity, from an amount
    /// concerned and a number of earlier violations of the same type up, the
    /// penalties a decision stays within.
    public struct Benchmark: Sendable, Equatable {
        public var severity: String
        public var amountFrom: Money
        public var repeatsFrom: Int
        public var lightest: String
        public var heaviest: String
    }

    /// A fund risk warning level: reached when the balance covers fewer than `below` months of spending.
    public struct FundWarning: Sendable, Equatable {
        public var below: Int
        public var level: String

        public init(below: Int, level: String) {
            self.below = below
            self.level = level
        }
    }

    public var reinspectionDays: Int
    public var defenceDays: Int
    public var reconsiderationDays: Int
    public var lawsuitDays: Int
    /// Earlier violations of the same type decided within this many months count as repetitions.
    public var repeatMonths: Int
    /// Violation code → severity.
    public var severity: [String: String]
    public var benchmarks: [Benchmark]
    /// Ladder steps a self-reported matter's range moves lighter.
    public var selfReportSteps: Int
    /// Credit points each self-report gives back (never above the start).
    public var selfReportCredit: Int
    /// From this credit score up, an institution's logs are sampled at `rewardSampling`.
    public var rewardCreditFrom: Int
    public var rewardSampling: Ratio
    /// The months of spending averaged to measure the balance against.
    public var averageMonths: Int
    /// Highest `below` first.
    public var fundWarnings: [FundWarning]

    /// The benchmark for a violation: the row of its severity with the
    /// highest `amountFrom`, then `repeatsFrom`, that the amount and the
    /// repetitions reach; `nil` for a type without a severity.
    public func benchmark(type: String, amount: Money, repeats: Int) -> Benchmark? {
        guard let severity = severity[type] else { return nil }
        return benchmarks.filter { $0.severity == severity && $0.amountFrom <= amount && $0.repeatsFrom <= repeats }
            .max { ($0.amountFrom.fen, $0.repeatsFrom) < ($1.amountFrom.fen, $1.repeatsFrom) }
    }

    /// The warning level that `months` of cover (in hundredths of a month) reaches: the lowest `below` it is under.
    public func fundWarning(coverHundredths: Int) -> FundWarning? {
        fundWarnings.last { coverHundredths < $0.below * 100 }
    }
}

extension EnforcementSettings {
    static let accepted = ["reinspectionDays", "defenceDays", "appeal", "repeatMonths", "severity", "benchmarks", "selfReport", "rewards", "fund"]

    /// - Parameters:
    ///   - violations: the codes of `supervision.violations`, `nil` if that section is missing or wrong.
    ///   - ladder: the ids of `supervision.penalties`, lightest first.
    static func decode(_ fields: JSONFields, violations: [String]?, ladder: [String]?, log: JSONProblemLog) -> EnforcementSettings? {
        func count(_ section: JSONFields, _ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let number = section.int(key) else { return nil }
            guard range.contains(number) else {
                log.report(section.path.appending(key), "\(number) is outside \(range.lowerBound)–\(range.upperBound)")
                return nil
            }
            return number
        }
        if violations == nil || ladder == nil {
            log.report(fields.path, "enforcement needs a valid supervision section (its negative list and penalty ladder)")
        }
        let ladder = ladder ?? [], codes = violations ?? []
        let reinspection = count(fields, "reinspectionDays", 0...3650)
        let defence = count(fields, "defenceDays", 1...365)
        let appeal = fields.fields("appeal", accepting: ["reconsiderationDays", "lawsuitDays"])
        let reconsideration = appeal.flatMap { count($0, "reconsiderationDays", 1...3650) }
        let lawsuit = appeal.flatMap { count($0, "lawsuitDays", 1...3650) }
        let repeatMonths = count(fields, "repeatMonths", 1...120)

        var severity: [String: String] = [:]
        if let section = fields.fields("severity", accepting: codes.isEmpty ? [] : codes) {
            for member in section.object {
                guard let level = member.value.stringValue, !level.allSatisfy(\.isWhitespace), level.count <= 64 else {
                    log.report(section.path.appending(member.key), "expected a severity name, found \(member.value)")
                    continue
                }
                severity[member.key] = level
            }
            for code in codes where severity[code] == nil {
                log.report(section.path.appending(code), "missing: every type of the negative list needs a severity")
            }
        }
        let benchmarks = fields.array("benchmarks")?.compactMap { value, path -> Benchmark? in
            guard let row = log.fields(of: value, at: path, accepting: ["severity", "amountFrom", "repeatsFrom", "lightest", "heaviest"]) else { return nil }
            let level = row.nonEmptyString("severity")
            var amount: Money?
            if let given = row.object["amountFrom"] {
                amount = Money(json: given)
                if amount == nil || amount! < .zero || amount! > Money(yuan: 100_000_000) {
                    log.report(row.path.appending("amountFrom"), "\(given) is not an amount in yuan from 0 to 100000000 with at most two decimals")
                    amount = nil
                }
            } else {
                log.report(row.path.appending("amountFrom"), "missing required field (yuan)")
            }
            let repeats = count(row, "repeatsFrom", 0...100)
            let lightest = row.string("lightest"), heaviest = row.string("heaviest")
            for (key, id) in [("lightest", lightest), ("heaviest", heaviest)] {
                if let id, !ladder.isEmpty, !ladder.contains(id) {
                    log.report(row.path.appending(key), "'\(id)' is not a penalty of supervision.penalties (\(ladder.joined(separator: ", ")))")
                }
            }
            if let lightest, let heaviest, let low = ladder.firstIndex(of: lightest), let high = ladder.firstIndex(of: heaviest), low > high {
                log.report(row.path, "'\(lightest)' is heavier than '\(heaviest)' on the penalty ladder (supervision.penalties, lightest first)")
            }
            if let level, !severity.isEmpty, !severity.values.contains(level) {
                log.report(row.path.appending("severity"), "'\(level)' is the severity of no violation type")
            }
            guard let level, let amount, let repeats, let lightest, let heaviest else { return nil }
            return Benchmark(severity: level, amountFrom: amount, repeatsFrom: repeats, lightest: lightest, heaviest: heaviest)
        } ?? []
        for level in Set(severity.values).sorted() where !benchmarks.contains(where: { $0.severity == level && $0.amountFrom == .zero && $0.repeatsFrom == 0 }) {
            log.report(fields.path.appending("benchmarks"), "severity '\(level)' needs a row from amount 0 and 0 repeats, so that every violation has a range")
        }
        let selfReport = fields.fields("selfReport", accepting: ["steps", "creditPoints"])
        let steps = selfReport.flatMap { count($0, "steps", 0...10) }
        let selfCredit = selfReport.flatMap { count($0, "creditPoints", 0...1000) }
        let rewards = fields.fields("rewards", accepting: ["creditFrom", "sampling"])
        let creditFrom = rewards.flatMap { count($0, "creditFrom", 0...1000) }
        var sampling: Ratio?
        if let rewards {
            sampling = rewards.object["sampling"].flatMap(Ratio.init(json:))
            if sampling == nil { log.report(rewards.path.appending("sampling"), "expected a share from 0 to 1") }
        }
        let fund = fields.fields("fund", accepting: ["averageMonths", "warnings"])
        let average = fund.flatMap { count($0, "averageMonths", 1...60) }
        var warnings: [FundWarning] = []
        for (value, path) in fund?.array("warnings") ?? [] {
            guard let row = log.fields(of: value, at: path, accepting: ["below", "level"]), let below = count(row, "below", 1...1200),
                  let level = row.nonEmptyString("level") else { continue }
            if let last = warnings.last, below >= last.below {
                log.report(path.appending("below"), "\(below) is not below the level before (\(last.below)): list the levels highest first")
                continue
            }
            warnings.append(FundWarning(below: below, level: level))
        }
        guard let reinspection, let defence, let reconsideration, let lawsuit, let repeatMonths, let steps, let selfCredit,
              let creditFrom, let sampling, let average else { return nil }
        return EnforcementSettings(reinspectionDays: reinspection, defenceDays: defence, reconsiderationDays: reconsideration, lawsuitDays: lawsuit,
                                   repeatMonths: repeatMonths, severity: severity, benchmarks: benchmarks, selfReportSteps: steps,
                                   selfReportCredit: selfCredit, rewardCreditFrom: creditFrom, rewardSampling: sampling,
                                   averageMonths: average, fundWarnings: warnings)
    }
}
