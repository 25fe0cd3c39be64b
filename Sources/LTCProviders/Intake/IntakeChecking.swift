import Foundation
import LTCCases
import LTCCore
import LTCSchemes

/// The checking side of a submission, on a thread of its own: takes parsed
/// chunks in the order sent, asks the transaction's thread for what each
/// needs one chunk ahead, checks every log against the workspace, and hands
/// each checked chunk back to be stored with what it changed.
struct IntakeChecking: Sendable {
    let input: LogInput
    let size: Int
    let actor: Actor
    let asOf: CalendarDate
    /// The minute the submission is sent at, in the scheme's time zone, when `asOf` is today (T01 compares times).
    let now: LocalMinute?
    let submission: Int
    /// When set, the lines name logs to withdraw, not services: each is
    /// stored again as rejected for this reason (W01 when the institution or
    /// the agency takes it back; B03 when the case ended before its day).
    var withdrawal: Rejection?
    var withdrawing: Bool { withdrawal != nil }
    /// Called after each chunk with the lines checked and the bytes of the input they took.
    let progress: (@Sendable (Int, Int) -> Void)?

    /// A parsed chunk: the logs the actor may send, with their lines.
    struct Chunk {
        var number = 0
        var logs: [ServiceLog] = []
        var lines: [Int] = []
        var received = 0
        var refused: [SubmissionReport.Line] = []
        /// The logs whose key this submission may have sent before (in an earlier chunk, or earlier in this one).
        var maybeResent: Set<Int> = []
        /// Bytes of the input up to the chunk's end.
        var consumed = 0
    }

    func run(_ jobs: Handoff<IntakeJob>) {
        do {
            let report = try check(jobs)
            jobs.put(.finished(report))
        } catch {
            jobs.put(.failed(error))
        }
    }

    private func check(_ jobs: Handoff<IntakeJob>) throws -> SubmissionReport {
        var report = SubmissionReport(submission: submission, received: 0, accepted: 0, unchanged: 0, corrected: 0, rejected: [],
                                      billed: .zero, allowed: .zero, fund: .zero, adjustments: .zero)
        var workspace = IntakeWorkspace(asOf: asOf, now: now)
        var sent = SentKeys(expected: size / 60)
        let pipeline = LogPipeline(input, chunkSize: IntakeService.chunkSize)
        defer { pipeline.cancel() }
        var numbered = 0
        /// Why the input is not service logs at all, as its first chunk tells.
        var unusable: String?

        /// The next parsed chunk, its keys noted as sent.
        func next() -> Chunk? {
            guard let parsed = pipeline.next() else { return nil }
            numbered += 1
            if numbered == 1 { unusable = parsed.unusable }
            var chunk = parse(parsed.lines, number: numbered)
            chunk.consumed = parsed.consumed
            for (index, log) in chunk.logs.enumerated() where sent.insert(institution: log.institution, logID: log.logID) {
                chunk.maybeResent.insert(index)
            }
            return chunk
        }
        /// Asks for what a chunk needs; the reply comes while the chunk before it is checked.
        func ask(_ chunk: Chunk) throws -> IntakeReply {
            let reply = IntakeReply(capacity: 1)
            guard jobs.put(.read(workspace.needs(for: chunk.logs, chunk: chunk.number, maybeResent: chunk.maybeResent), reply)) else {
                throw CancellationError()
            }
            return reply
        }
        /// What the transaction's thread read for a chunk; closed without it if the submission was abandoned.
        func wait(for reply: IntakeReply) throws -> IntakeLoad {
            guard let load = reply.take() else { throw CancellationError() }
            return try load.get()
        }

        guard var current = next() else { return report }
        // A file that is not service logs at all (no usable CSV header) is refused whole: no submission is stored.
        if let problem = unusable {
            throw InputError(source: "logs", message: "\(problem); nothing was stored")
        }
        var currentReply = try ask(current)
        // What the last chunk stored: the store has it only once that chunk is written.
        var recent: [StoredLog] = []
        while true {
            let load = try wait(for: currentReply)
            workspace.merge(load, chunk: current.number)
            let upcoming = next()
            var ahead = try upcoming.map(ask)
            workspace.prepare(current.logs)
            var checked = check(current, stored: load.stored, recent: recent, workspace: &workspace, report: &report)
            recent = checked.inserts
            let written = workspace.flush(after: current.number, all: upcoming == nil || workspace.isOverLimit)
            (checked.usage, checked.weeks, checked.caregiverWeeks) = written
            guard jobs.put(.store(checked)) else { throw CancellationError() }
            progress?(report.received, current.consumed)
            guard let upcoming else { break }
            if workspace.isOverLimit {
                // Everything is written with this chunk: empty the workspace, and read the next chunk's needs again after it.
                workspace.clear()
                ahead = try ask(upcoming)
            }
            current = upcoming
            currentReply = ahead!
        }
        report.rejected.sort { $0.line < $1.line }
        return report
    }

    /// The chunk's logs that the actor may send; the others refused (F01).
    private func parse(_ lines: [SubmittedLine], number: Int) -> Chunk {
        var chunk = Chunk(number: number)
        chunk.received = lines.count
        chunk.logs.reserveCapacity(lines.count)
        chunk.lines.reserveCapacity(lines.count)
        for line in lines {
            switch line {
            case .unreadable(let number, let message):
                chunk.refused.append(.init(line: number, logID: nil, rule: .malformed, detail: message))
            case .log(let log, let number):
                do {
                    try Access.require(actor, .actFor(institution: log.institution))
                    chunk.logs.append(log)
                    chunk.lines.append(number)
                } catch {
                    chunk.refused.append(.init(line: number, logID: log.logID, rule: .malformed,
                                               detail: "\(actor) may submit only its own logs, not \(log.institution)'s"))
                }
            }
        }
        return chunk
    }

    /// Checks a chunk's logs in the order sent.
    private func check(_ chunk: Chunk, stored: [LogKey: StoredLog], recent: [StoredLog],
                       workspace: inout IntakeWorkspace, report: inout SubmissionReport) -> CheckedChunk {
        report.received += chunk.received
        report.rejected += chunk.refused
        var checked = CheckedChunk()
        checked.inserts.reserveCapacity(chunk.logs.count)
        // Where a log sent again in this submission was put: built only if some log may have been sent again.
        var positions: [LogKey: Int] = [:]
        var recentPositions: [LogKey: Int]?
        for (index, log) in chunk.logs.enumerated() {
            let resent = chunk.maybeResent.contains(index)
            let key = resent || !stored.isEmpty ? LogKey(institution: log.institution, logID: log.logID) : nil
            var earlier: StoredLog?
            var position: Int?
            if let key, resent {
                if recentPositions == nil {
                    recentPositions = Dictionary(recent.enumerated().map { (LogKey(institution: $1.log.institution, logID: $1.log.logID), $0) },
                                                 uniquingKeysWith: { _, last in last })
                }
                position = positions[key] ?? Self.position(of: key, in: checked.inserts, before: index)
                earlier = position.map { checked.inserts[$0] } ?? recentPositions![key].map { recent[$0] }
            }
            if earlier == nil, let key { earlier = stored[key] }
            // A log id once per submission: a second line with it is refused, not taken as a correction of the first.
            if let first = earlier, first.submission == submission {
                report.rejected.append(.init(line: chunk.lines[index], logID: log.logID, rule: .repeatedInSubmission,
                                             detail: "log id \(log.logID) was already sent in this submission; send a correction in a later submission"))
                continue
            }
            if withdrawing, earlier?.status != .accepted {
                report.rejected.append(.init(line: chunk.lines[index], logID: log.logID, rule: .withdrawn,
                                             detail: "\(log.institution) has no accepted log \(log.logID) to withdraw"))
                continue
            }
            // A log of a settled month stays in it: moving it would pay it again in the other month.
            if !withdrawing, let old = earlier, workspace.settled[YearMonth(containing: old.log.day)] == true,
               YearMonth(containing: old.log.day) != YearMonth(containing: log.day) {
                let month = YearMonth(containing: old.log.day)
                report.rejected.append(.init(line: chunk.lines[index], logID: log.logID, rule: .movedFromSettledMonth,
                                             detail: "log \(log.logID) is of settled \(month) and cannot move to \(YearMonth(containing: log.day)); "
                                                 + "withdraw it (ltc logs withdraw, logs.withdraw: what it was paid is recovered on the next statement) "
                                                 + "and send the service under a new log id"))
                continue
            }
            let touch = workspace.touch(withdrawing ? earlier!.log : log)
            var version = 1
            var settled: StoredLog?
            if let old = earlier {
                // A log sent again unchanged counts once; one that was rejected is checked again.
                if !withdrawing, old.fingerprint == log.fingerprint, old.status == .accepted {
                    report.unchanged += 1
                    continue
                }
                // A late correction (T02) is refused: the earlier version stays as it was.
                if !withdrawing, let late = workspace.lateness(of: log, touch) {
                    let told = late.told(to: actor)
                    report.rejected.append(.init(line: chunk.lines[index], logID: log.logID, rule: told.rule,
                                                 detail: told.detail + "; the earlier version stays (to take it back: ltc logs withdraw)"))
                    continue
                }
                if withdrawing {
                    report.withdrawn += 1
                } else if old.fingerprint == log.fingerprint {
                    report.rechecked += 1
                } else {
                    report.corrected += 1
                }
                version = old.version + 1
                let closed = workspace.settled[YearMonth(containing: old.log.day)] == true
                workspace.unregister(old, monthOpen: !closed)
                if let institution = workspace.institution(old.log.institution) { workspace.receive(old, sign: -1, monthOpen: !closed, at: institution) }
                checked.replaced.append(old)
                if closed { settled = old }
            }
            var entry: StoredLog
            let outcome: Result<AcceptedService, Rejection> = withdrawal.map { .failure($0) }
                ?? workspace.check(log, touch, correctingSettled: settled != nil)
            let log = withdrawing ? earlier!.log : log
            switch outcome {
            case .success(let money):
                entry = StoredLog(log: log, version: version, status: .accepted, rule: nil, detail: nil, money: money, submission: submission)
                if let rate = touch.institution?.facts.samplingRate, Int(log.fingerprint % 10_000) < rate.basisPoints {
                    entry.sampled = true
                    report.sampled += 1
                }
                report.accepted += 1
                report.billed = report.billed + money.billed
                report.allowed = report.allowed + money.allowed
                report.fund = report.fund + money.fund
            case .failure(let rejection):
                entry = StoredLog(log: log, version: version, status: .rejected, rule: rejection.rule, detail: rejection.detail,
                                  money: nil, submission: submission)
                if !withdrawing {
                    let told = rejection.told(to: actor)
                    report.rejected.append(.init(line: chunk.lines[index], logID: log.logID, rule: told.rule, detail: told.detail))
                }
            }
            let month = YearMonth(containing: log.day)
            if let settled {
                let settledMonth = YearMonth(containing: settled.log.day)
                let paid = settled.settledFund ?? (settled.status == .accepted ? settled.money?.fund ?? .zero : .zero)
                // A settled month is closed: the correction can only take back what it paid.
                let now = min(entry.money?.fund ?? .zero, paid)
                entry.settledMonth = settledMonth
                entry.settledFund = now
                if now != paid {
                    let reason = if let withdrawal {
                        "log \(log.logID) of settled \(settledMonth) withdrawn (\(withdrawal.rule.code): \(withdrawal.detail)), its fund share \(paid)"
                    } else if entry.status == .accepted {
                        "correction of log \(log.logID) of settled \(settledMonth): its fund share \(now) instead of \(paid)"
                    } else {
                        "correction of log \(log.logID) of settled \(settledMonth): rejected \(entry.rule!.code), its fund share \(paid)"
                    }
                    // What the statement paid of the change is worked out where it is stored (SettledCorrection).
                    checked.adjustments.append(SettlementAdjustment(institution: log.institution, logID: log.logID, serviceMonth: settledMonth,
                                                                    amount: now - paid, reason: reason, fundChange: now - paid))
                }
            }
            if let institution = touch.institution {
                workspace.receive(entry, sign: 1, monthOpen: workspace.settled[month] != true, at: institution)
            }
            if let position {
                checked.inserts[position] = entry
            } else {
                if let key, resent { positions[key] = checked.inserts.count }
                checked.inserts.append(entry)
            }
        }
        return checked
    }

    /// Where an earlier log of this chunk with the same key went, looked for only when the key may repeat.
    private static func position(of key: LogKey, in inserts: [StoredLog], before: Int) -> Int? {
        inserts.lastIndex { $0.log.institution == key.institution && $0.log.logID == key.logID }
    }
}
