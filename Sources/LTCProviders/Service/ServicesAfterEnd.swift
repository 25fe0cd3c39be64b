import LTCCases
import LTCCore

/// What a case's end takes back from the services accepted for it, in the
/// termination's own transaction, however late the end is recorded:
///
/// 1. every accepted log of the person dated after the end is withdrawn as
///    rejected (B03, the reason naming the end): a death recorded late must
///    not leave the weeks after it paid (issue: "nothing paid after death");
/// 2. the month of the end is re-capped: its ceiling (and its hours or
///    visits a month) are now prorated to the days before the end, and the
///    month's logs are allowed again against them in the order they were
///    first capped (``Retake/recap(_:)``), as if
///    the end had been known when they came (issue 29, item 3: six visits on
///    1–9 June and a death on 10 June pay 250.58 of June's fund share
///    whether the death is recorded on the 10th or the 20th).
///
/// Their use leaves the ledger; an open month simply no longer pays the
/// excess, and what a settled month paid beyond what its logs are now worth
/// comes back as negative adjustments on the institutions' next statements,
/// each listed with its reason, as for any correction of a settled month
/// (``SettledCorrection``): at most what the statement paid for it, its part
/// of what was withheld or held above a budget being cancelled instead.
///
/// ```swift
/// let cases = CaseService(store: store, forms: catalog, clock: clock, afterEnd: ServicesAfterEnd(clock: clock))
/// let ended = try cases.terminate(caseID: 7, reason: .death, on: CalendarDate("2026-03-20")!, actor: admin, asOf: nil)
/// ended.afterEnd   // {"withdrawn": 4, "recapped": 1, "recovered": "-260.00", "rule": "B03"}
/// ```
///
/// The logs are found through the person's weeks in the usage ledger (the
/// busy times of their accepted services) from the week of the end's month
/// on, however far ahead an administrator's date let them be: what it costs
/// is the person's own services, not a month's logs.
public struct ServicesAfterEnd: CaseEndConsequences {
    let work: UnitOfWork

    public init(clock: any WallClock) {
        work = UnitOfWork(clock: clock)
    }

    public func caseEnded(_ record: Case, actor: Actor, asOf: CalendarDate, in tx: any CaseTransaction) throws -> JSONValue? {
        guard let ended = record.endedOn, let tx = tx as? any ProviderTransaction else { return nil }
        let why = "case \(record.id) ended on \(ended) (\(record.closedReason ?? "terminated"))"
        var summary: JSONObject = [:]
        var recovered = Money.zero
        let after = try accepted(person: record.personID, from: ended.adding(days: 1), in: tx)
        if !after.isEmpty {
            let operation = Operation("logs.withdraw", subject: "submission:new", actor: actor, asOf: asOf, reason: why)
            let lines = after.flatMap { Self.line($0.log) }
            let report = try IntakeService.take(.bytes(lines), size: lines.count, retake: .withdraw(Rejection(.afterCaseEnded, why)),
                                               operation: operation, work: work, progress: nil, in: tx)
            summary.set("rule", .string(MonitoringRule.afterCaseEnded.code))
            summary.set("withdrawn", .integer(report.withdrawn))
            summary.set("submission", .integer(report.submission))
            recovered = recovered + report.adjustments
        }
        let month = YearMonth(containing: ended)
        if ended < month.lastDay {
            let logs = try accepted(person: record.personID, from: month.firstDay, through: ended, in: tx)
                .sorted { ($0.acceptedOrder ?? 0, $0.log.start, $0.log.institution, $0.log.logID) < ($1.acceptedOrder ?? 0, $1.log.start, $1.log.institution, $1.log.logID) }
            if try beyond(record, month: month, in: tx) {
                let operation = Operation("logs.recap", subject: "submission:new", actor: actor, asOf: asOf, reason: why)
                let lines = logs.flatMap { Self.line($0.log) }
                let report = try IntakeService.take(.bytes(lines), size: lines.count, retake: .recap(why), operation: operation, work: work,
                                                   progress: nil, in: tx)
                summary.set("recapped", .integer(report.recapped))
                summary.set("recapSubmission", .integer(report.submission))
                recovered = recovered + report.adjustments
            }
        }
        guard !summary.isEmpty else { return nil }
        summary.set("recovered", recovered.json)
        return .object(summary)
    }

    /// The person's accepted logs dated `from` through `through` (or on), found through their weeks in the ledger.
    private func accepted(person: Int, from: CalendarDate, through: CalendarDate? = nil, in tx: any ProviderTransaction) throws -> [StoredLog] {
        var owners: [String: Set<String>] = [:]
        for week in try tx.usage.weeks(person: person, from: Week.number(of: from)) {
            if let through, week.week > Week.number(of: through) { break }
            for busy in week.busy where busy.start.day >= from && through.map({ busy.start.day <= $0 }) ?? true {
                owners[busy.institution, default: []].insert(busy.logID)
            }
        }
        var logs: [StoredLog] = []
        for institution in owners.keys.sorted() {
            let stored = try tx.logs.stored(institution: institution, ids: owners[institution]!.sorted())
            for id in stored.keys.sorted() where stored[id]!.status == .accepted && stored[id]!.log.day >= from
                && through.map({ stored[id]!.log.day <= $0 }) ?? true {
                logs.append(stored[id]!)
            }
        }
        return logs
    }

    /// Whether the person's use of the month (the usage ledger's) is beyond
    /// what the month allows now, as intake reads it (``IntakeWorkspace``'s
    /// view of the month, its ceiling, hours and visits prorated to the
    /// paid days): only then is the month re-capped.
    private func beyond(_ record: Case, month: YearMonth, in tx: any ProviderTransaction) throws -> Bool {
        let schemes = try tx.schemes.regional(record.schemeID, from: month.firstDay, to: month.lastDay)
        guard let view = IntakeWorkspace.view(record, schemes: schemes, month: month, quotes: QuoteCache()),
              let used = try tx.usage.use(people: [record.personID], month: month)[record.personID] else { return false }
        return used.allowed > view.ceiling || view.minutes.map { used.minutes > $0 } == true || view.visits.map { used.visits > $0 } == true
    }

    /// A stored log as a JSON line of a submission, naming it to withdraw or re-cap.
    static func line(_ log: ServiceLog) -> [UInt8] {
        let json: JSONValue = ["logId": .string(log.logID), "institution": .string(log.institution), "caregiver": .string(log.caregiver),
                               "person": .integer(log.person), "item": .string(log.item), "start": .string(log.start.description),
                               "end": .string(log.end.description), "mode": .string(log.mode)]
        return Array(JSONWriter.string(json).utf8) + [UInt8(ascii: "\n")]
    }
}
