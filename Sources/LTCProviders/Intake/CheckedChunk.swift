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
    /// What the chunk adds to the running totals.
    var usage = UsageChanges()

    /// Stores the chunk.
    func write(to tx: any ProviderTransaction, submission: Int) throws {
        try tx.logs.store(inserts, replacing: replaced, submission: submission)
        if !usage.isEmpty { try tx.usage.add(usage) }
        for adjustment in adjustments { try tx.settlements.insert(adjustment) }
    }
}

extension UsageChanges {
    /// Counts a stored log version in (`sign` 1) or out (`sign` -1) of the
    /// totals: receipts always, weeks' hours and visits always, money only
    /// while its month is open (a settled month's money is closed with it).
    mutating func count(_ stored: StoredLog, sign: Int, unit: ServiceItem.Unit?, monthOpen: Bool) {
        let log = stored.log
        let month = YearMonth(containing: log.day)
        let institutionKey = InstitutionKey(institution: log.institution, month: month)
        var receipts = institutions[institutionKey] ?? InstitutionAmounts()
        receipts.received += sign
        if stored.status == .rejected { receipts.rejected += sign }
        institutions[institutionKey] = receipts
        guard let money = stored.money, stored.status == .accepted else { return }
        let week = WeekKey(person: log.person, week: Week.number(of: log.day))
        var use = weeks[week] ?? WeekUse()
        if unit == .hour { use.minutes += sign * log.minutes }
        if unit == .visit { use.visits += sign }
        weeks[week] = use
        guard monthOpen else { return }
        let key = MonthKey(person: log.person, month: month, grade: money.grade, mode: log.mode)
        var amounts = months[key] ?? MonthAmounts()
        amounts.logs += sign
        amounts.billed = amounts.billed + money.billed.times(sign)
        amounts.allowed = amounts.allowed + money.allowed.times(sign)
        amounts.fund = amounts.fund + money.fund.times(sign)
        months[key] = amounts
        var paid = institutions[institutionKey]!
        paid.logs += sign
        paid.billed = paid.billed + money.billed.times(sign)
        paid.allowed = paid.allowed + money.allowed.times(sign)
        paid.fund = paid.fund + money.fund.times(sign)
        institutions[institutionKey] = paid
    }
}

private extension Money {
    func times(_ sign: Int) -> Money { sign < 0 ? Money.zero - self : self }
}
