import LTCCore

/// A log that passed every rule, with its money: the billed amount at the
/// agreed price, what the month's ceiling allows of it, and the fund's and
/// the person's shares of that; and the grade the person had that day.
public struct AcceptedService: Sendable, Equatable {
    public var billed: Money
    public var allowed: Money
    public var fund: Money
    /// The grade in force on the day of service.
    public var grade: Int
    public var personal: Money { allowed - fund }

    public init(billed: Money, allowed: Money, fund: Money, grade: Int) {
        self.billed = billed
        self.allowed = allowed
        self.fund = fund
        self.grade = grade
    }

    /// Billed above the ceiling: not paid by the fund.
    public var overCap: Money { billed - allowed }
}
