import LTCCases
import LTCCore
import LTCSchemes

/// Monitoring across time (issue 33, item 1): the rules of
/// ``MonitorAnalysis`` run over a month of stored data and keep what they
/// find as flags; each flag opens a review, assigned to a member of staff
/// and resolved as confirmed (a violation recorded through
/// ``SupervisionService/recordViolation(institution:caregiver:person:type:foundOn:evidence:amount:penalty:actor:asOf:)``)
/// or dismissed with a reason. In-patient stays are imported here: a stay
/// recorded after its days were settled withdraws their services, which
/// recovers what was paid on the next statement (``SettledCorrection``).
/// Administrators run and resolve; auditors read; institutions see no flags.
///
/// ```swift
/// let monitoring = MonitoringService(store: store, clock: clock)
/// let run = try monitoring.run(month: YearMonth("2026-04")!, schemeID: nil, actor: admin, asOf: day)
/// try monitoring.assign(flag: run.flags[0].id, to: "administrator:li", actor: admin, asOf: day)
/// try monitoring.dismiss(flag: run.flags[0].id, reason: "a shared day-care address", actor: admin, asOf: day)
/// ```
public struct MonitoringService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork
    let supervision: SupervisionService
    let intake: IntakeService

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
        supervision = SupervisionService(store: store, clock: clock)
        intake = IntakeService(store: store, clock: clock)
    }

    /// What a run found: the flags it stored, and how many it found again that were already stored.
    public struct Run: Sendable {
        public var month: YearMonth
        public var scheme: String
        public var flags: [MonitorFlag]
        public var alreadyFlagged: Int
    }

    /// The thresholds of `schemeID`, or of the one scheme in force on the month's first day that has them.
    static func thresholds(_ schemeID: String?, month: YearMonth, in tx: any ProviderTransaction) throws -> (String, AnalyticsThresholds) {
        if let schemeID {
            guard let scheme = try tx.schemes.scheme(id: schemeID) else { throw CaseError(.notFound, "no scheme \(schemeID)") }
            guard let thresholds = scheme.benefits?.monitoring?.analytics else {
                throw CaseError(.invalidScheme, "scheme \(schemeID) has no monitoring.analytics thresholds (docs/schemes.md)")
            }
            return (scheme.id, thresholds)
        }
        let candidates = try tx.schemes.inForce(on: month.firstDay).filter { $0.benefits?.monitoring?.analytics != nil }
        guard candidates.count == 1 else {
            throw CaseError(.invalidInput, candidates.isEmpty
                ? "no scheme in force on \(month.firstDay) has monitoring.analytics thresholds (docs/schemes.md)"
                : "schemes \(candidates.map(\.id).joined(separator: ", ")) have monitoring thresholds; name one with scheme")
        }
        return (candidates[0].id, candidates[0].benefits!.monitoring!.analytics!)
    }

    /// Runs every rule over `month` and stores the flags not stored before
    /// (one per month, rule and subject: running again adds only what is new,
    /// and keeps every review as it stands). The month is read in one
    /// snapshot, the flags stored in one audited transaction.
    public func run(month: YearMonth, schemeID: String?, actor: Actor, asOf: CalendarDate) throws -> Run {
        let operation = Operation("monitor.run", subject: "month:\(month)", actor: actor, asOf: asOf)
        let (scheme, findings): (String, [FlagFinding])
        do {
            try Access.require(actor, .supervise)
            (scheme, findings) = try store.read { tx in
                let (scheme, thresholds) = try Self.thresholds(schemeID, month: month, in: tx)
                return (scheme, try MonitorAnalysis(month: month, thresholds: thresholds).findings(in: tx))
            }
        } catch let error as any LTCError where !(error is StorageFailure) {
            try work.refuse(operation, error, on: store.transactions)
            throw error
        }
        return try work.change(operation, on: store.transactions) { tx in
            let stored = try tx.monitoring.flagKeys(month: month)
            var flags: [MonitorFlag] = []
            for finding in findings where !stored.contains("\(finding.rule.rawValue) \(finding.subject)") {
                var flag = MonitorFlag(month: month, rule: finding.rule, subject: finding.subject, institution: finding.institution,
                                       figures: finding.figures, items: finding.items.count, foundOn: asOf)
                flag.id = try tx.monitoring.insert(flag, items: finding.items)
                flags.append(flag)
            }
            let run = Run(month: month, scheme: scheme, flags: flags, alreadyFlagged: findings.count - flags.count)
            return Outcome(run, after: ["scheme": .string(scheme), "flags": .array(flags.map { .integer($0.id) }),
                                        "alreadyFlagged": .integer(run.alreadyFlagged)])
        }
    }

    /// Flags by id, filtered, a page at a time: administrators and auditors.
    public func flags(_ filter: FlagFilter, actor: Actor, page: PageRequest<Int>) throws -> Page<MonitorFlag, Int> {
        try work.read(Operation("monitor.flags", subject: "flags", actor: actor, asOf: work.clock.today(in: nil)), on: store.transactions) { tx in
            try Access.require(actor, .readAll)
            return try tx.monitoring.flags(filter, page: page)
        }
    }

    /// A flag and a page of the items behind it: administrators and auditors.
    public func flag(id: Int, actor: Actor, page: PageRequest<Int>) throws -> (MonitorFlag, Page<FlagItem, Int>) {
        try work.read(Operation("monitor.flag", subject: "flag:\(id)", actor: actor, asOf: work.clock.today(in: nil)), on: store.transactions) { tx in
            try Access.require(actor, .readAll)
            guard let flag = try tx.monitoring.flag(id: id) else { throw CaseError(.notFound, "no flag \(id)") }
            return (flag, try tx.monitoring.items(flag: id, page: page))
        }
    }

    /// Opens the flag's review by assigning it to a member of staff (an
    /// administrator or auditor of the staff registry); an assigned flag may
    /// be given to another while it is not resolved.
    public func assign(flag id: Int, to assignee: String, actor: Actor, asOf: CalendarDate) throws -> MonitorFlag {
        try work.change(Operation("monitor.assign", subject: "flag:\(id)", actor: actor, asOf: asOf), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard var flag = try tx.monitoring.flag(id: id) else { throw CaseError(.notFound, "no flag \(id)") }
            guard flag.status == .open || flag.status == .assigned else {
                throw CaseError(.transitionNotAllowed, "flag \(id) is already \(flag.status.rawValue)")
            }
            let staff = try Actor(assignee)
            guard staff.role == .administrator || staff.role == .auditor, let member = try tx.staff.member(id: staff.id),
                  member.role.actorRole == staff.role else {
                throw CaseError(.notFound, "\(assignee) is not a member of staff (ltc staff add)")
            }
            let before = flag.json
            flag.status = .assigned
            flag.assignee = staff.description
            try tx.monitoring.update(flag)
            return Outcome(flag, before: before, after: flag.json)
        }
    }

    /// Resolves an assigned flag as dismissed, with the reason.
    public func dismiss(flag id: Int, reason: String, actor: Actor, asOf: CalendarDate) throws -> MonitorFlag {
        try resolve(id, as: .dismissed, reason: reason, violation: nil, actor: actor, asOf: asOf)
    }

    /// Resolves an assigned flag as confirmed: a violation of the scheme's
    /// negative list is recorded against `institution` (the flag's, unless
    /// given) with the penalty, and the review names it. The violation is
    /// decided as supervision decides it
    /// (``SupervisionService/decideViolation(institution:caregiver:person:type:foundOn:evidence:amount:penalty:notice:actor:asOf:in:)``)
    /// in the same transaction that closes the review, so a review is never
    /// left confirmable with its violation already recorded (a second
    /// confirmation would record the violation twice).
    public func confirm(flag id: Int, reason: String, institution: String?, type: String, penalty: String, amount: Money,
                        caregiver: String? = nil, person: Int? = nil, actor: Actor, asOf: CalendarDate) throws -> MonitorFlag {
        let operation = Operation("monitor.resolve", subject: "flag:\(id)", actor: actor, asOf: asOf, reason: reason)
        return try work.change(operation, on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard var flag = try tx.monitoring.flag(id: id) else { throw CaseError(.notFound, "no flag \(id)") }
            try Self.requireResolvable(flag)
            guard let institution = institution ?? flag.institution else {
                throw CaseError(.invalidInput, "flag \(id) (\(flag.subject)) names no single institution: give the institution the violation is recorded against")
            }
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the reason") }
            try PlainText.require(reason, "reason", as: .note)
            let violation = try SupervisionService.decideViolation(
                institution: institution, caregiver: caregiver, person: person, type: type, foundOn: asOf,
                evidence: "monitoring flag \(id) (\(flag.rule.rawValue), \(flag.subject), \(flag.month)): \(reason)", amount: amount,
                penalty: penalty, actor: actor, asOf: asOf, in: tx)
            try tx.audit.append(work.event(Operation("violation.record", subject: "institution:\(institution)", actor: actor, asOf: asOf),
                                           .done, subject: "institution:\(institution)", after: violation.json))
            let before = flag.json
            flag.status = .confirmed
            flag.reason = reason
            flag.resolvedOn = asOf
            flag.resolvedBy = actor.description
            flag.violation = violation.id
            try tx.monitoring.update(flag)
            return Outcome(flag, before: before, after: flag.json)
        }
    }

    static func requireResolvable(_ flag: MonitorFlag) throws {
        guard flag.status == .assigned else {
            throw CaseError(.transitionNotAllowed, flag.status == .open
                ? "flag \(flag.id) has no review yet: assign it first"
                : "flag \(flag.id) is already \(flag.status.rawValue)")
        }
    }

    private func resolve(_ id: Int, as status: MonitorFlag.Status, reason: String, violation: Int?, actor: Actor, asOf: CalendarDate) throws -> MonitorFlag {
        try work.change(Operation("monitor.resolve", subject: "flag:\(id)", actor: actor, asOf: asOf, reason: reason), on: store.transactions) { tx in
            try Access.require(actor, .supervise)
            guard var flag = try tx.monitoring.flag(id: id) else { throw CaseError(.notFound, "no flag \(id)") }
            try Self.requireResolvable(flag)
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the reason") }
            let before = flag.json
            flag.status = status
            flag.reason = reason
            flag.resolvedOn = asOf
            flag.resolvedBy = actor.description
            flag.violation = violation
            try tx.monitoring.update(flag)
            return Outcome(flag, before: before, after: flag.json)
        }
    }

    /// Imports in-patient stays (CSV: person,hospital,admitted,discharged);
    /// a stay already stored (same person, hospital and admission) is left
    /// as it is. The services of settled months on the days strictly
    /// between admission and discharge are withdrawn, as an institution's
    /// withdrawal would (W01): what was paid comes back on the next
    /// statement, never by changing a settled month. The stays and the
    /// withdrawal are stored in one audited transaction: a stay is never
    /// kept without its withdrawal. Services of open months are left to the
    /// monitoring rule. Importing the file again stores nothing new and
    /// withdraws what is still accepted.
    public func importStays(_ bytes: [UInt8], actor: Actor, asOf: CalendarDate) throws -> StayImport {
        let operation = Operation("stays.import", subject: "stays", actor: actor, asOf: asOf)
        do {
            try Access.require(actor, .supervise)
        } catch {
            try work.refuse(operation, error, on: store.transactions)
            throw error
        }
        // Read only for those who may import (an institution learns nothing of the file's checks).
        let rows = try StayFile.read(bytes)
        let store = store
        func storeStays(_ tx: any ProviderTransaction) throws -> [InpatientStay] {
            try Access.require(actor, .supervise)
            var stays: [InpatientStay] = []
            for row in rows {
                guard try tx.people.person(id: row.stay.person) != nil else {
                    throw InputError(source: "line \(row.line)", message: "no person \(row.stay.person)")
                }
                var stay = row.stay
                stay.recordedOn = asOf
                let stored = try tx.monitoring.insert(stay).stay
                // The same admission stored with another discharge: the file is not what is stored
                // (and its days are what is withdrawn), so it is refused rather than silently kept.
                guard stored.discharged == stay.discharged else {
                    throw InputError(source: "line \(row.line)", message: "person \(stay.person)'s stay at \(stay.hospital) admitted \(stay.admitted) "
                                     + "is stored with discharge \(stored.discharged), not \(stay.discharged)")
                }
                stays.append(stored)
            }
            return stays
        }
        // The logs of settled months on the stays' days. A log accepted after this read is
        // found by importing the file again; one no longer accepted is reported, not withdrawn.
        let logs = try store.read { tx in
            var byInstitution: [String: Set<String>] = [:]
            for row in rows {
                let services = try tx.monitoring.services(during: row.stay)
                let settled = try tx.settlements.settled(Set(services.map { YearMonth(containing: $0.start.day) }))
                for service in services where settled.contains(YearMonth(containing: service.start.day)) {
                    byInstitution[service.institution, default: []].insert(service.logID)
                }
            }
            var logs: [ServiceLog] = []
            for (institution, ids) in byInstitution.sorted(by: { $0.key < $1.key }) {
                logs += try tx.logs.stored(institution: institution, ids: ids.sorted()).values.map(\.log).sorted { $0.logID < $1.logID }
            }
            return logs
        }
        guard !logs.isEmpty else {
            let stays = try work.change(operation, on: store.transactions) { tx in
                let stays = try storeStays(tx)
                return Outcome(stays, after: ["stays": .array(stays.map { .integer($0.id) })])
            }
            return StayImport(stays: stays, recoveries: [])
        }
        var csv = "log_id,institution,caregiver,person,item,start,end,mode,latitude,longitude\n"
        for log in logs {
            let location = log.location?.text ?? ","
            csv += "\(log.logID),\(log.institution),\(log.caregiver),\(log.person),\(log.item),\(log.start),\(log.end),\(log.mode),\(location)\n"
        }
        let stored = StaysBox()
        let work = work
        _ = try intake.withdraw(Array(csv.utf8), actor: actor, asOf: asOf) { _, tx in
            let stays = try storeStays(tx)
            try tx.audit.append(work.event(operation, .done, subject: "stays", after: ["stays": .array(stays.map { .integer($0.id) })]))
            stored.stays = stays
        }
        let stays = stored.stays
        let recoveries = try store.read { tx in
            var found: [SettlementAdjustment] = []
            var page = PageRequest<Int>.largest()
            let withdrawn = Set(logs.map { "\($0.institution)/\($0.logID)" })
            while true {
                let read = try tx.settlements.adjustments(carriedBy: nil, institution: nil, page: page)
                found += read.items.filter { withdrawn.contains("\($0.institution)/\($0.logID)") }
                guard let next = read.next else { break }
                page = .largest(after: next)
            }
            return found
        }
        return StayImport(stays: stays, recoveries: recoveries)
    }
}

/// The stays a withdrawal's transaction stored, handed out of it.
private final class StaysBox: @unchecked Sendable {
    var stays: [InpatientStay] = []
}
