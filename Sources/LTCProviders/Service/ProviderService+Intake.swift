import LTCCases
import LTCCore
import LTCSchemes

extension ProviderService {
    /// Reads, checks and stores a submission of service logs in one
    /// transaction: a crash or kill leaves nothing of it, and sending it
    /// again completes it.
    ///
    /// Each log is accepted or rejected by the ordered ``MonitoringRule``s.
    /// A log id the institution sent before is not counted again when
    /// unchanged; when changed it is a correction: the new version replaces
    /// the old (kept in the history) and is checked afresh. A correction of a
    /// log in a settled month can only lower what was paid: the difference
    /// becomes an adjustment on the institution's next statement.
    ///
    /// - Parameter progress: called now and then with (lines checked, lines in all).
    public func submit(_ bytes: [UInt8], actor: Actor, asOf: CalendarDate,
                       progress: ((Int, Int) -> Void)? = nil) throws -> SubmissionReport {
        try submit(.bytes(bytes), size: bytes.count, actor: actor, asOf: asOf, progress: progress)
    }

    /// Submits logs read from `input` (`size` bytes, for progress).
    public func submit(_ input: LogInput, size: Int, actor: Actor, asOf: CalendarDate,
                       progress: ((Int, Int) -> Void)? = nil) throws -> SubmissionReport {
        guard actor.role == .administrator || actor.role == .institution else {
            throw CaseError(.forbidden, "\(actor) may not submit service logs: it needs the institution or administrator role")
        }
        return try store.writeProviders { tx in
            var report = SubmissionReport(submission: 0, received: 0, accepted: 0, unchanged: 0, corrected: 0, rejected: [],
                                          billed: .zero, allowed: .zero, fund: .zero, adjustments: .zero)
            let submission = try tx.insertSubmission(institution: actor.role == .institution ? actor.id : nil, actor: actor.description,
                                                     asOf: asOf, summary: ["bytes": .integer(size)])
            report.submission = submission
            var checker = LogChecker(context: try intakeContext(tx, asOf: asOf))
            let schemes = checker.context.schemes
            var units: [String: ServiceItem.Unit] = [:]
            for scheme in schemes.reversed() { for item in scheme.benefits?.catalogue ?? [] { units[item.code] = item.unit } }
            var loadedMonths: Set<YearMonth> = []
            // Institutions with logs from earlier submissions: only their ids need looking up in storage;
            // for the others, only ids sent twice in this submission.
            let stored = try tx.logCounts()
            let sampling = try samplingRates(tx, asOf: asOf)
            var sent: Set<Int> = []   // hashes of the keys sent so far; a collision only costs a lookup
            let pipeline = LogPipeline(input, chunkSize: Self.chunkSize)
            defer { pipeline.cancel() }
            let approximateLines = max(1, size / 80)

            // In chunks, in the order sent: weekly hours and the month's ceiling are used up first come, first served.
            let background = BackgroundStore(tx)
            defer { background.wait() }
            while let chunk = pipeline.next() {
                report.received += chunk.count
                var logs: [(log: ServiceLog, line: Int)] = []
                logs.reserveCapacity(chunk.count)
                for line in chunk {
                    switch line {
                    case .unreadable(let number, let message):
                        report.rejected.append(.init(line: number, logID: nil, rule: .malformed, detail: message))
                    case .log(let log, let number):
                        if actor.role == .institution && log.institution != actor.id {
                            report.rejected.append(.init(line: number, logID: log.logID, rule: .malformed,
                                                         detail: "\(actor) may submit only its own logs, not \(log.institution)'s"))
                        } else {
                            logs.append((log, number))
                        }
                    }
                }
                // What earlier submissions accepted in the months these logs fall in.
                for month in Set(logs.map { YearMonth(containing: $0.log.day) }) where loadedMonths.insert(month).inserted {
                    try background.finish()
                    for stored in try tx.logs(in: month, excludingSubmission: submission) where stored.status == .accepted {
                        checker.register(stored.log, allowed: stored.money?.allowed ?? .zero, unit: units[stored.log.item])
                    }
                }
                // The stored versions of the ids sent (earlier chunks of this submission included).
                var previous: [LogKey: StoredLog] = [:]
                for (institution, group) in Dictionary(grouping: logs, by: \.log.institution) {
                    let ids = stored[institution] != nil ? group.map(\.log.logID)
                        : group.filter { sent.contains(LogKey(institution: institution, logID: $0.log.logID).hashValue) }.map(\.log.logID)
                    guard !ids.isEmpty else { continue }
                    try background.finish()
                    for (id, version) in try tx.logs(institution: institution, ids: ids) {
                        previous[LogKey(institution: institution, logID: id)] = version
                    }
                }
                for entry in logs { sent.insert(LogKey(institution: entry.log.institution, logID: entry.log.logID).hashValue) }
                checker.prepare(logs.map(\.log))
                var inserts: [StoredLog] = []
                var positions: [LogKey: Int] = [:]
                var replaced: [StoredLog] = []
                inserts.reserveCapacity(logs.count)
                for entry in logs {
                    let key = LogKey(institution: entry.log.institution, logID: entry.log.logID)
                    var version = 1
                    var settled: StoredLog?
                    let earlier = positions[key].map { inserts[$0] } ?? previous[key]
                    if let old = earlier {
                        if old.fingerprint == entry.log.fingerprint {
                            report.unchanged += 1
                            continue
                        }
                        report.corrected += 1
                        version = old.version + 1
                        if old.status == .accepted { checker.unregister(old.log, allowed: old.money?.allowed ?? .zero, unit: units[old.log.item]) }
                        replaced.append(old)
                        if checker.context.closedMonths.contains(YearMonth(containing: old.log.day)) { settled = old }
                    }
                    var stored: StoredLog
                    switch checker.check(entry.log, correctingSettled: settled != nil) {
                    case .success(let money):
                        stored = StoredLog(log: entry.log, version: version, status: .accepted, rule: nil, detail: nil, money: money, submission: submission)
                        if let rate = sampling.rate(entry.log.institution), Int(entry.log.fingerprint % 10_000) < rate.basisPoints {
                            stored.sampled = true
                            report.sampled += 1
                        }
                        report.accepted += 1
                        report.billed = report.billed + money.billed
                        report.allowed = report.allowed + money.allowed
                        report.fund = report.fund + money.fund
                    case .failure(let rejection):
                        stored = StoredLog(log: entry.log, version: version, status: .rejected, rule: rejection.rule, detail: rejection.detail,
                                           money: nil, submission: submission)
                        report.rejected.append(.init(line: entry.line, logID: entry.log.logID, rule: rejection.rule, detail: rejection.detail))
                    }
                    if let settled {
                        let month = YearMonth(containing: settled.log.day)
                        let paid = settled.settledFund ?? (settled.status == .accepted ? settled.money?.fund ?? .zero : .zero)
                        // A settled month is closed: the correction can only take back what it paid.
                        let now = min(stored.money?.fund ?? .zero, paid)
                        stored.settledMonth = month
                        stored.settledFund = now
                        if now != paid {
                            let what = stored.status == .accepted ? "paid \(now) instead of \(paid)" : "rejected \(stored.rule!.code), \(paid) recovered"
                            try background.finish()
                            try tx.insert(SettlementAdjustment(institution: entry.log.institution, logID: entry.log.logID,
                                                               serviceMonth: month, amount: now - paid,
                                                               reason: "correction of log \(entry.log.logID) of settled \(month): \(what)"))
                            report.adjustments = report.adjustments + (now - paid)
                        }
                    }
                    if let position = positions[key] {
                        inserts[position] = stored
                    } else {
                        positions[key] = inserts.count
                        inserts.append(stored)
                    }
                }
                background.store(inserts, replacing: replaced)
                progress?(report.received, max(report.received, approximateLines))
            }
            try background.finish()
            progress?(report.received, report.received)
            report.rejected.sort { $0.line < $1.line }
            try tx.append(AuditEvent(sequence: 0, recordedAt: Self.now(), asOf: asOf, actor: actor.description, subject: "submission:\(submission)",
                                     action: "logs.submit", outcome: .done, reason: nil, before: nil,
                                     after: ["received": .integer(report.received), "accepted": .integer(report.accepted),
                                             "rejected": .integer(report.rejected.count), "unchanged": .integer(report.unchanged),
                                             "corrected": .integer(report.corrected)]))
            return report
        }
    }

    /// Each institution's share of accepted logs picked for review: the
    /// scheme's closer rate below the credit's low line, its normal rate otherwise.
    func samplingRates(_ tx: any ProviderStoreReader, asOf: CalendarDate) throws -> SamplingRates {
        guard let rules = try tx.schemes().lazy.compactMap(\.supervision?.credit).first else { return SamplingRates(normal: nil, closer: [:]) }
        let violations = Dictionary(grouping: try tx.violations(), by: \.institution)
        let inspections = Dictionary(grouping: try tx.supervisionRecords().filter { ($0.score ?? -1) >= rules.goodInspectionScore }, by: \.institution)
        var closer: [String: Ratio] = [:]
        for (institution, found) in violations {
            let credit = CreditRecord(subject: "institution:\(institution)", violations: found, goodInspections: inspections[institution] ?? [],
                                      rules: rules, asOf: asOf)
            if credit.closerChecks { closer[institution] = rules.closerSampling }
        }
        return SamplingRates(normal: rules.sampling, closer: closer)
    }

    /// The share of an institution's accepted logs picked for review on a day.
    public func samplingRate(institution: String, asOf: CalendarDate) throws -> Ratio? {
        try store.readProviders { try samplingRates($0, asOf: asOf).rate(institution) }
    }

    struct SamplingRates {
        var normal: Ratio?
        var closer: [String: Ratio]
        func rate(_ institution: String) -> Ratio? { closer[institution] ?? normal }
    }

    /// Lines read, checked and stored at a time.
    static let chunkSize = 10_000

    struct LogKey: Hashable {
        var institution: String
        var logID: String
    }

    /// Everything a submission is checked against, read once.
    public func intakeContext(_ tx: any ProviderStoreReader, asOf: CalendarDate) throws -> IntakeContext {
        let enrolments = Dictionary(grouping: try tx.enrolments(), by: \.personID)
        var beneficiaries: [Int: (record: Case, enrolments: [Enrolment])] = [:]
        for record in try tx.benefitCases() {
            // The newest case of a person is the one benefits follow.
            if let existing = beneficiaries[record.personID], existing.record.id > record.id { continue }
            beneficiaries[record.personID] = (record, enrolments[record.personID] ?? [])
        }
        var caregivers: [String: [String: Caregiver]] = [:]
        for caregiver in try tx.caregivers() { caregivers[caregiver.institution, default: [:]][caregiver.id] = caregiver }
        return IntakeContext(asOf: asOf, closedMonths: Set(try tx.settledMonths()), schemes: try tx.schemes(),
                             beneficiaries: beneficiaries, caregivers: caregivers,
                             agreements: Dictionary(grouping: try tx.agreements(), by: \.institution))
    }
}
