import LTCCore
import LTCSchemes

/// One chunk of a submission, checked: what to store, in the submission's
/// transaction, on the thread that holds it.
struct CheckedChunk: Sendable {
    /// New logs, and new versions of corrected ones.
    var inserts: [StoredLog] = []
    /// The stored versions the corrections replace (kept in the history).
    var replaced: [StoredLog] = []
    /// Adjustments for corrections of logs of settled months, each with the
    /// change of the log's fund share (what of it is recovered is worked out
    /// as it is stored, ``SettledCorrection``).
    var adjustments: [SettlementAdjustment] = []
    /// The money and receipts the chunk adds to the ledger.
    var usage = UsageChanges()
    /// The weeks of people and caregivers that changed, as they now are.
    var weeks: [PersonWeek] = []
    var caregiverWeeks: [CaregiverWeek] = []

    /// Stores the chunk; returns what its adjustments recover.
    func write(to tx: any ProviderTransaction, submission: Int, asOf: CalendarDate) throws -> Money {
        try tx.logs.store(inserts, replacing: replaced, submission: submission)
        if !usage.isEmpty { try tx.usage.add(usage) }
        if !weeks.isEmpty || !caregiverWeeks.isEmpty { try tx.usage.save(weeks, caregiverWeeks) }
        var recovered = Money.zero
        for adjustment in adjustments { recovered = recovered + (try SettledCorrection.record(adjustment, asOf: asOf, in: tx)).amount }
        return recovered
    }
}
