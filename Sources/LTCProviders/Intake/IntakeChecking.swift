import Foundation
import LTCCases
import LTCCore
import LTCSchemes

/// The checking side of a submission, on a thread of its own: takes parsed
/// chunks in the order sent, asks the transaction's thread for what each
/// needs one chunk ahead, checks every log against the workspace, and hands
/// each checked chunk back to be stored.
struct IntakeChecking: Sendable {
    let input: LogInput
    let size: Int
    let actor: Actor
    let asOf: CalendarDate
    let submission: Int
    let progress: (@Sendable (Int, Int) -> Void)?

    /// A parsed chunk: the logs the actor may send, with their lines.
    struct Chunk {
        var logs: [ServiceLog] = []
        var lines: [Int] = []
        var received = 0
        var refused: [SubmissionReport.Line] = []
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
        var workspace = IntakeWorkspace(asOf: asOf)
        var sent = SentKeys(expected: size / 60)
        let pipeline = LogPipeline(input, chunkSize: IntakeService.chunkSize)
        defer { pipeline.cancel() }
        let approximateLines = max(1, size / 80)

        /// Asks for what a chunk needs; the reply comes while the chunk before it is checked.
        func ask(_ chunk: Chunk) throws -> Reply<IntakeLoad> {
            let needs = workspace.needs(for: chunk.logs, sent: sent)
            for log in chunk.logs { sent.insert(institution: log.institution, logID: log.logID) }
            let reply = Reply<IntakeLoad>()
            guard jobs.put(.read(needs, reply)) else { throw CancellationError() }
            return reply
        }

        guard var current = pipeline.next().map(parse) else { return report }
        var currentReply = try ask(current)
        // What the last chunk stored: the store has it only once that chunk is written.
        var recent: [LogKey: StoredLog] = [:]
        while true {
            let load = try currentReply.wait()
            workspace.merge(load)
            let next = pipeline.next().map(parse)
            let ahead = try next.map(ask)
            workspace.prepare(current.logs)
            let checked = check(current, stored: load.stored, recent: recent, workspace: &workspace, report: &report)
            recent = Dictionary(checked.inserts.map { (LogKey(institution: $0.log.institution, logID: $0.log.logID), $0) },
                                uniquingKeysWith: { _, last in last })
            guard jobs.put(.store(checked)) else { throw CancellationError() }
            progress?(report.received, max(report.received, approximateLines))
            guard let next, let ahead else { break }
            if workspace.isOverLimit { workspace.evict(keeping: current.logs + next.logs) }
            current = next
            currentReply = ahead
        }
        progress?(report.received, report.received)
        report.rejected.sort { $0.line < $1.line }
        return report
    }

    /// The chunk's logs that the actor may send; the others refused (F01).
    private func parse(_ lines: [SubmittedLine]) -> Chunk {
        var chunk = Chunk()
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
    private func check(_ chunk: Chunk, stored: [LogKey: StoredLog], recent: [LogKey: StoredLog],
                       workspace: inout IntakeWorkspace, report: inout SubmissionReport) -> CheckedChunk {
        report.received += chunk.received
        report.rejected += chunk.refused
        var checked = CheckedChunk()
        checked.inserts.reserveCapacity(chunk.logs.count)
        var positions: [LogKey: Int] = [:]
        for (index, log) in chunk.logs.enumerated() {
            let key = LogKey(institution: log.institution, logID: log.logID)
            var version = 1
            var settled: StoredLog?
            if let old = positions[key].map({ checked.inserts[$0] }) ?? recent[key] ?? stored[key] {
                if old.fingerprint == log.fingerprint {
                    report.unchanged += 1
                    continue
                }
                report.corrected += 1
                version = old.version + 1
                if old.status == .accepted { workspace.unregister(old.log, allowed: old.money?.allowed ?? .zero) }
                checked.replaced.append(old)
                let oldMonth = YearMonth(containing: old.log.day)
                let closed = workspace.settled[oldMonth] == true
                checked.usage.count(old, sign: -1, unit: workspace.units[old.log.item], monthOpen: !closed)
                if closed { settled = old }
            }
            var entry: StoredLog
            switch workspace.check(log, correctingSettled: settled != nil) {
            case .success(let money):
                entry = StoredLog(log: log, version: version, status: .accepted, rule: nil, detail: nil, money: money, submission: submission)
                if let rate = workspace.institution(log.institution)?.facts.samplingRate, Int(log.fingerprint % 10_000) < rate.basisPoints {
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
                report.rejected.append(.init(line: chunk.lines[index], logID: log.logID, rule: rejection.rule, detail: rejection.detail))
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
                    let what = entry.status == .accepted ? "paid \(now) instead of \(paid)" : "rejected \(entry.rule!.code), \(paid) recovered"
                    checked.adjustments.append(SettlementAdjustment(institution: log.institution, logID: log.logID, serviceMonth: settledMonth,
                                                                    amount: now - paid,
                                                                    reason: "correction of log \(log.logID) of settled \(settledMonth): \(what)"))
                    report.adjustments = report.adjustments + (now - paid)
                }
            }
            checked.usage.count(entry, sign: 1, unit: workspace.units[log.item], monthOpen: workspace.settled[month] != true)
            if let position = positions[key] {
                checked.inserts[position] = entry
            } else {
                positions[key] = checked.inserts.count
                checked.inserts.append(entry)
            }
        }
        return checked
    }
}
