import LTCCore

/// What else a case's end changes, in the same transaction as the
/// termination: a module that pays for services (`LTCProviders`) takes back
/// what was accepted or paid for days after the end. A death recorded weeks
/// late must not leave those weeks paid.
///
/// ```swift
/// let cases = CaseService(store: store, forms: catalog, clock: clock, afterEnd: ServicesAfterEnd(clock: clock))
/// let ended = try cases.terminate(caseID: 7, reason: .death, on: CalendarDate("2026-03-20")!, actor: admin, asOf: nil)
/// ended.afterEnd   // what was withdrawn and what will be recovered
/// ```
public protocol CaseEndConsequences: Sendable {
    /// Applies the consequences of `record` having ended on `record.endedOn`,
    /// recorded on `asOf`; returns a summary for the caller, or `nil` if there
    /// were none. Throwing rolls the termination back.
    func caseEnded(_ record: Case, actor: Actor, asOf: CalendarDate, in tx: any CaseTransaction) throws -> JSONValue?
}
