import LTCCore

/// Penalty notices on their way through due process, institutions' self-reports, and the fund's income.
public protocol EnforcementRepository {
    /// Stores a notice and returns its number.
    func insert(_ notice: PenaltyNotice) throws -> Int
    /// Stores a notice's statement or decision.
    func update(_ notice: PenaltyNotice) throws
    func notice(id: Int) throws -> PenaltyNotice?
    /// Notices by id, optionally of one institution, a page at a time.
    func notices(institution: String?, page: PageRequest<Int>) throws -> Page<PenaltyNotice, Int>

    /// Stores a self-report (kept as made) and returns its number.
    func insert(_ report: SelfReport) throws -> Int
    /// An institution's self-reports, oldest first.
    func selfReports(institution: String) throws -> [SelfReport]

    /// Stores an entry of the fund's income (kept as recorded) and returns its number.
    func insert(_ income: FundIncome) throws -> Int
    /// The income recorded for months up to `month`, added up by month and source, by month.
    func incomeTotals(through month: YearMonth) throws -> [(month: YearMonth, source: FundIncomeSource, amount: Money)]
}
