import Foundation
import LTCCases
import LTCCore
import LTCSchemes

/// Service-log intake: submissions read, checked by the monitoring rules and
/// stored in one transaction each; and the stored logs, listed.
///
/// ```swift
/// let intake = IntakeService(store: store, clock: SystemClock())
/// let report = try intake.submit(Array(csv.utf8), actor: try Actor("institution:I001"), asOf: day)
/// report.accepted; report.rejected     // each rejected line with its rule and why
/// ```
///
/// A submission costs what it touches: its logs are checked against indexed
/// reads of just the people, caregivers, months and log ids they name, and
/// against the usage ledger's running totals, which the submission updates
/// in the same transaction; nothing reads a whole month. A large submission
/// is read, checked and stored a chunk at a time on three threads (parsing;
/// checking; the transaction's thread, which reads what the next chunk needs
/// and stores the last one), in bounded memory.
public struct IntakeService: Sendable {
    public let store: any ProviderStore
    let work: UnitOfWork

    public init(store: any ProviderStore, clock: any WallClock) {
        self.store = store
        work = UnitOfWork(clock: clock)
    }

    /// Lines read, checked and stored at a time.
    static let chunkSize = 10_000

    /// Reads, checks and stores a submission of service logs in one
    /// transaction: a crash or kill leaves nothing of it, and sending it
    /// again completes it.
    ///
    /// Each log is accepted or rejected by the ordered ``MonitoringRule``s.
    /// A log id the institution sent before is not counted again when
    /// unchanged; when changed it is a correction: the new version replaces
    /// the old (kept in the history) and is checked afresh. A correction of a
    /// log in a settled month can only lower what was paid: the difference
    /// becomes an adjustment on the institution's next statement. Weekly
    /// plans and the month's ceiling are used up in the order sent.
    ///
    /// - Parameter progress: called after each chunk, from another thread, with
    ///   the lines checked so far and the bytes of the input they took.
    public func submit(_ bytes: [UInt8], actor: Actor, asOf: CalendarDate,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SubmissionReport {
        try submit(.bytes(bytes), size: bytes.count, actor: actor, asOf: asOf, progress: progress)
    }

    /// Submits logs read from `input` (`size` bytes, for progress and sizing).
    ///
    /// - Parameter asOf: the submission's date; `nil`: today by the clock in
    ///   the time zone of the stored schemes, as `RegistryService.day(nil)`
    ///   gives it, read inside the submission's own transaction rather than
    ///   in one of its own before it.
    /// - Parameter admit: run first in the submission's transaction (and again if it is retried):
    ///   the actor's registration and credential checked where the logs are stored (``ActorRegistration/requireWithCredential(_:in:)``).
    public func submit(_ input: LogInput, size: Int, actor: Actor, asOf: CalendarDate?,
                       admit: ((any ProviderTransaction) throws -> Void)? = nil,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SubmissionReport {
        try run(input, size: size, retake: nil, actor: actor, asOf: asOf, admit: admit, progress: progress)
    }

    /// Withdraws the logs a file names (the same formats as a submission; a
    /// line's log id and institution name the log, the rest is not used), in
    /// one transaction. Each accepted log named is stored again as rejected
    /// (W01): its use is taken back from the ledger, and what it was paid in a
    /// settled month is recovered as an adjustment on the institution's next
    /// statement. This is how a log of a settled month is taken out of it;
    /// a correction cannot move it to another month (T04). A log id the
    /// institution has no accepted log for is reported, not withdrawn.
    public func withdraw(_ bytes: [UInt8], actor: Actor, asOf: CalendarDate) throws -> SubmissionReport {
        try withdraw(.bytes(bytes), size: bytes.count, actor: actor, asOf: asOf)
    }

    /// Withdraws the logs read from `input`, as ``withdraw(_:actor:asOf:)``.
    public func withdraw(_ input: LogInput, size: Int, actor: Actor, asOf: CalendarDate) throws -> SubmissionReport {
        try run(input, size: size, retake: .withdraw(Rejection(.withdrawn, "withdrawn by \(actor) on \(asOf)")), actor: actor, asOf: asOf, progress: nil)
    }

    /// Withdraws the logs of `bytes`, as ``withdraw(_:actor:asOf:)``, and
    /// runs `after` in the same transaction: what must be stored together
    /// with the withdrawal (an in-patient stay that causes it).
    func withdraw(_ bytes: [UInt8], actor: Actor, asOf: CalendarDate,
                  after: @escaping (SubmissionReport, any ProviderTransaction) throws -> Void) throws -> SubmissionReport {
        try run(.bytes(bytes), size: bytes.count, retake: .withdraw(Rejection(.withdrawn, "withdrawn by \(actor) on \(asOf)")), actor: actor, asOf: asOf,
                progress: nil, after: after)
    }

    /// An institution's self-report (自查自纠, seed 004): it withdraws the
    /// logs it names, as ``withdraw(_:size:actor:asOf:)`` does (what a
    /// settled month paid for them comes off its next statement: the refund),
    /// and keeps a ``SelfReport`` with the reason, in the same transaction.
    /// Only the institution itself reports, as itself; a report that
    /// withdraws nothing is refused and stores nothing. It counts as
    /// mitigation in the discretion benchmarks and gives credit back.
    public func selfReport(_ input: LogInput, size: Int, reason: String, actor: Actor, asOf: CalendarDate) throws -> (report: SubmissionReport, selfReport: SelfReport) {
        let operation = Operation("logs.selfReport", subject: "institution:\(actor.id)", actor: actor, asOf: asOf)
        do {
            guard actor.role == .institution else {
                throw CaseError(.forbidden, "\(actor) may not self-report: an institution reports its own errors, as itself")
            }
            guard !reason.allSatisfy(\.isWhitespace) else { throw CaseError(.invalidInput, "give the reason: what was wrong with the logs") }
            try PlainText.require(reason, "reason", as: .note)
        } catch let error as CaseError {
            try work.refuse(operation, error, on: store.transactions)
            throw error
        }
        var kept: SelfReport?
        let report = try run(input, size: size, retake: .withdraw(Rejection(.withdrawn, "self-reported by \(actor) on \(asOf)")), actor: actor, asOf: asOf,
                             progress: nil) { report, tx in
            guard report.withdrawn > 0 else {
                throw CaseError(.invalidInput, "the file names no accepted log of \(actor.id) to withdraw: nothing to self-report")
            }
            var made = SelfReport(id: 0, institution: actor.id, reportedOn: asOf, submission: report.submission, withdrawn: report.withdrawn,
                                  refunded: Money(fen: Int(report.adjustments.fen.magnitude)), reason: reason)
            made.id = try tx.enforcement.insert(made)
            try tx.audit.append(work.event(operation, .done, subject: "self-report:\(made.id)", after: made.json))
            kept = made
        }
        return (report, kept!)
    }

    /// Checks a submission exactly as ``submit(_:size:actor:asOf:progress:)``
    /// would, against what is stored now, and stores nothing: the whole
    /// submission runs in a transaction that is then rolled back (no logs,
    /// no submission, no audit event). The report says it was a dry run.
    public func check(_ input: LogInput, size: Int, actor: Actor, asOf: CalendarDate,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SubmissionReport {
        try run(input, size: size, retake: nil, dryRun: true, actor: actor, asOf: asOf, progress: progress)
    }

    /// A dry run's report, thrown to roll its transaction back.
    private struct DryRun: Error {
        var report: SubmissionReport
    }

    /// - Parameter after: more work in the same transaction, given the report (a self-report's record).
    /// - Parameter asOf: `nil`: today, read in the submission's transaction (``submit(_:size:actor:asOf:admit:progress:)``).
    /// - Parameter admit: run first in the transaction (``submit(_:size:actor:asOf:admit:progress:)``).
    private func run(_ input: LogInput, size: Int, retake: Retake?, dryRun: Bool = false, actor: Actor, asOf: CalendarDate?,
                     admit: ((any ProviderTransaction) throws -> Void)? = nil, progress: (@Sendable (Int, Int) -> Void)?,
                     after: ((SubmissionReport, any ProviderTransaction) throws -> Void)? = nil) throws -> SubmissionReport {
        let action = dryRun ? "logs.check" : retake == nil ? "logs.submit" : "logs.withdraw"
        // Undated (today): dated in the transaction, where `take` reads the schemes' time zone anyway.
        let operation = Operation(action, subject: "submission:new", actor: actor, asOf: asOf ?? CalendarDate(dayNumber: 0))
        do {
            try Access.require(actor, .submitLogs)
        } catch {
            var refused = operation
            if asOf == nil { refused.asOf = try store.read { try SchemeChoice(clock: work.clock).day(nil, in: $0.schemes) } }
            try work.refuse(refused, error, on: store.transactions)
            throw error
        }
        // Submissions lock what they read (ProviderStore.writeIntake); a store may still run
        // the transaction again after a conflict with another writer (PostgreSQL: a deadlock):
        // the input is then read again from where it began.
        let start = input.position
        var attempts = 0
        do {
            return try store.writeIntake { tx in
                attempts += 1
                if attempts > 1 { try input.rewind(to: start) }
                try admit?(tx)
                let report = try Self.take(input, size: size, retake: retake, operation: operation, today: asOf == nil, work: work,
                                           progress: progress, in: tx)
                if dryRun { throw DryRun(report: report) }
                try after?(report, tx)
                return report
            }
        } catch let checked as DryRun {
            var report = checked.report
            report.dryRun = true
            return report
        }
    }

    /// Reads, checks and stores a submission (or a withdrawal, or a re-cap:
    /// ``Retake``) inside `tx`, with its audit event.
    ///
    /// - Parameter today: date it today (`operation.asOf` is then not read): by the clock in the
    ///   time zone of the stored schemes, as `SchemeChoice.day(nil, in:)` does.
    static func take(_ input: LogInput, size: Int, retake: Retake?, operation: LTCCases.Operation, today: Bool = false, work: UnitOfWork,
                    progress: (@Sendable (Int, Int) -> Void)?, in tx: any ProviderTransaction) throws -> SubmissionReport {
        // Now, in the time zone of the stored schemes (as "today" is: SchemeChoice), when the submission is dated today.
        let zones = try tx.schemes.timeZones()
        let zone = zones.count == 1 ? zones.first : nil
        var operation = operation
        if today { operation.asOf = work.clock.today(in: zone) }
        let actor = operation.actor, asOf = operation.asOf
        let submission = try tx.logs.insertSubmission(institution: actor.role == .institution ? actor.id : nil, actor: actor.description,
                                                      asOf: asOf, summary: ["bytes": .integer(size)])
        let now = LocalMinute(now: work.clock, in: zone)
        let jobs = Handoff<IntakeJob>(capacity: 3)
        let checking = IntakeChecking(input: input, size: size, actor: actor, asOf: asOf, now: now.day == asOf ? now : nil, submission: submission,
                                      retake: retake,
                                      progress: progress)
        let checker = Threads.start("intake.check") { checking.run(jobs) }
        var outcome: Result<SubmissionReport, any Error>?
        var adjustments = Money.zero
        let locks = IntakeLocks()
        while outcome == nil, let job = jobs.take() {
            switch job {
            case .read(let needs, let reply):
                reply.put(Result { try needs.read(from: tx, asOf: asOf, locks: locks) })
            case .store(let chunk):
                do {
                    adjustments = adjustments + (try chunk.write(to: tx, submission: submission, asOf: asOf))
                    CrashPoint.reach("intake.chunk-stored")
                } catch {
                    outcome = .failure(error)
                }
            case .finished(let report):
                outcome = .success(report)
            case .failed(let error):
                outcome = .failure(error)
            }
        }
        // Whatever is left unread is abandoned: a checker waiting for it stops.
        for case .read(_, let reply) in jobs.cancel() { reply.close() }
        checker.join()
        var report = try outcome!.get()
        report.adjustments = adjustments
        var summary: JSONObject = ["received": .integer(report.received), "accepted": .integer(report.accepted),
                                   "rejected": .integer(report.rejected.count), "unchanged": .integer(report.unchanged),
                                   "corrected": .integer(report.corrected), "withdrawn": .integer(report.withdrawn), "bytes": .integer(size)]
        if report.recapped > 0 { summary.set("recapped", .integer(report.recapped)) }
        try tx.logs.finishSubmission(submission, summary: .object(summary))
        var done = operation
        done.subject = "submission:\(submission)"
        try tx.audit.append(work.event(done, .done, after: .object(summary)))
        return report
    }

    /// An institution's logs of a month, by log id, a page at a time: for the
    /// institution itself, administrators and auditors; only those of
    /// `status` and rejected by `rule`, where given.
    public func logs(institution: String, month: YearMonth, status: StoredLog.Status? = nil, rule: MonitoringRule? = nil, actor: Actor,
                     page: PageRequest<String>) throws -> Page<StoredLog, String> {
        try Access.requireReadable(actor, institution: institution, "logs of \(institution)")
        return try store.read { try $0.logs.list(institution: institution, month: month, status: status, rule: rule, page: page) }
    }

    /// The submissions the actor may see, of one institution or all, by
    /// number, a page at a time: an institution lists its own only.
    public func submissions(institution: String? = nil, actor: Actor, page: PageRequest<Int>) throws -> Page<Submission, Int> {
        try AgreementService.listing(Access.reach(actor, asking: institution)) { reach in
            try store.read { try $0.logs.submissions(institution: reach, page: page) }
        }
    }
}

/// What the checking thread asks of the transaction's thread, in order.
enum IntakeJob: Sendable {
    /// Read what a chunk needs (the reply is awaited one chunk later).
    case read(IntakeNeeds, IntakeReply)
    /// Store a checked chunk.
    case store(CheckedChunk)
    /// Every chunk is checked and handed over.
    case finished(SubmissionReport)
    case failed(any Error)
}

/// The transaction's thread's answer to one ``IntakeJob/read(_:_:)``: what
/// the chunk needs, or why it could not be read; closed without an answer
/// when the submission is abandoned.
typealias IntakeReply = Handoff<Result<IntakeLoad, any Error>>
