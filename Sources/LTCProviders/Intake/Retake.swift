import LTCCore

/// What a submission of stored log ids does to the accepted logs it names,
/// instead of checking them as services: ``IntakeService/withdraw(_:actor:asOf:)``
/// and the consequences of a case's end (``ServicesAfterEnd``). Each named
/// log's use is taken back from the ledger as for a correction, and what a
/// settled month paid for it and no longer pays comes back as an adjustment
/// on the institution's next statement.
enum Retake: Sendable {
    /// Stores each again as rejected, for this reason (W01 when the
    /// institution or the agency takes it back; B03 when the case ended
    /// before its day).
    case withdraw(Rejection)
    /// Allows each again against its month as the month is now (shorter,
    /// after a death recorded late), the logs named in the order they were
    /// first capped (``StoredLog/acceptedOrder``), as the checks would have
    /// met them: a log beyond the month's hours or visits is rejected (P05);
    /// else it keeps what it was allowed while the ceiling has room for it,
    /// is allowed what is left once it has not, and is rejected (P02) once
    /// nothing is left, each for this reason. So the month ends as if the
    /// fact had been known when its logs came. A log allowed as much as
    /// before is left as it was.
    case recap(String)

    var withdrawal: Rejection? {
        if case .withdraw(let rejection) = self { rejection } else { nil }
    }
}
