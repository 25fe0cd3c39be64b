import LTCCases
import LTCCore

/// Takes back the services accepted for days after a case ended: a death
/// recorded late must not leave the weeks after it paid (issue: "nothing
/// paid after death"). In the termination's own transaction, every accepted
/// log of the person dated after the end is withdrawn as rejected (B03, the
/// reason naming the end): its use leaves the ledger, an open month simply
/// no longer pays it, and what a settled month paid comes back as a negative
/// adjustment on the institution's next statement, listed with that reason.
///
/// ```swift
/// let cases = CaseService(store: store, forms: catalog, clock: clock, afterEnd: ServicesAfterEnd(clock: clock))
/// let ended = try cases.terminate(caseID: 7, reason: .death, on: CalendarDate("2026-03-20")!, actor: admin, asOf: nil)
/// ended.afterEnd   // {"withdrawn": 4, "recovered": "-260.00", "rule": "B03"}
/// ```
///
/// The logs are found through the person's weeks in the usage ledger (the
/// busy times of their accepted services) from the week of the day after the
/// end on, however far ahead an administrator's date let them be: what it
/// costs is the person's own services, not a month's logs.
public struct ServicesAfterEnd: CaseEndConsequences {
    let work: UnitOfWork

    public init(clock: any WallClock) {
        work = UnitOfWork(clock: clock)
    }

    public func caseEnded(_ record: Case, actor: Actor, asOf: CalendarDate, in tx: any CaseTransaction) throws -> JSONValue? {
        guard let ended = record.endedOn, let tx = tx as? any ProviderTransaction else { return nil }
        var owners: [String: Set<String>] = [:]
        for week in try tx.usage.weeks(person: record.personID, from: Week.number(of: ended.adding(days: 1))) {
            for busy in week.busy where busy.start.day > ended {
                owners[busy.institution, default: []].insert(busy.logID)
            }
        }
        var lines: [UInt8] = []
        for institution in owners.keys.sorted() {
            let stored = try tx.logs.stored(institution: institution, ids: owners[institution]!.sorted())
            for id in stored.keys.sorted() where stored[id]!.status == .accepted && stored[id]!.log.day > ended {
                lines += Self.line(stored[id]!.log)
            }
        }
        guard !lines.isEmpty else { return nil }
        let why = "case \(record.id) ended on \(ended) (\(record.closedReason ?? "terminated"))"
        let operation = Operation("logs.withdraw", subject: "submission:new", actor: actor, asOf: asOf, reason: why)
        let report = try IntakeService.take(.bytes(lines), size: lines.count, withdrawal: Rejection(.afterCaseEnded, why),
                                           operation: operation, work: work, progress: nil, in: tx)
        return ["rule": .string(MonitoringRule.afterCaseEnded.code), "withdrawn": .integer(report.withdrawn),
                "recovered": report.adjustments.json, "submission": .integer(report.submission)]
    }

    /// A stored log as a JSON line of a submission, naming it to withdraw.
    static func line(_ log: ServiceLog) -> [UInt8] {
        let json: JSONValue = ["logId": .string(log.logID), "institution": .string(log.institution), "caregiver": .string(log.caregiver),
                               "person": .integer(log.person), "item": .string(log.item), "start": .string(log.start.description),
                               "end": .string(log.end.description), "mode": .string(log.mode)]
        return Array(JSONWriter.string(json).utf8) + [UInt8(ascii: "\n")]
    }
}
