import LTCCore
import LTCSchemes

/// One chunk of a submission, checked: what to store, in the submission's
/// transaction, on the thread that holds it.
struct CheckedChunk: Sendable {
    /// New logs, and new versions of corrected ones.
    var inserts: [StoredLog] = []
    /// The stored versions the corrections replace (kept in the history).
    var replaced: [StoredLog] = []
    /// Adjustments for corrections of logs of settled months.
    var adjustments: [SettlementAdjustment] = []
    /// The money and receipts the chunk adds to the ledger.
    var usage = UsageChanges()
    /// The weeks of people and caregivers that changed, as they now are.
    var weeks: [PersonWeek] = []
    var caregiverWeeks: [CaregiverWeek] = []

    /// Stores the chunk.
    func write(to tx: any ProviderTransaction, submission: Int) throws {
        try tx.logs.store(inserts, replacing: replaced, submission: submission)
        if !usage.isEmpty { try tx.usage.add(usage) }
        if !weeks.isEmpty || !caregiverWeeks.isEmpty { try tx.usage.save(weeks, caregiverWeeks) }
        for adjustment in adjustments { try tx.settlements.insert(adjustment) }
    }
}
