import LTCCore

/// Cash payees, the monthly payment runs and their lines.
public protocol CashRepository {
    func payee(caseID: Int) throws -> CashPayee?
    /// Stores a case's payee, replacing the one before.
    func upsert(_ payee: CashPayee) throws
    /// The payees of these cases.
    func payees(caseIDs: Set<Int>) throws -> [Int: CashPayee]
    func run(month: YearMonth) throws -> CashRun?
    /// The latest run, if any.
    func latestRun() throws -> CashRun?
    /// The months run before `month`, oldest first.
    func months(before month: YearMonth) throws -> [YearMonth]
    /// Stores a run with its lines; the run is closed from then on.
    func insert(_ run: CashRun, payments: [CashPayment]) throws
    /// What a case has been paid for each of these months, over all runs (payments and adjustments).
    func paid(caseID: Int, for months: [YearMonth]) throws -> [YearMonth: Money]
    /// A run's lines (of one case, or all), by line number, a page at a time.
    func payments(month: YearMonth, caseID: Int?, page: PageRequest<Int>) throws -> Page<CashPayment, Int>
    /// The cases the audit trail shows changed after event `seq`, and the trail's last event.
    func casesChanged(after seq: Int) throws -> (cases: [Int], last: Int)
}
