import LTCCore

/// An amount added to or taken from an institution's next open statement:
/// a correction of a log of a settled month, a penalty refusing or
/// recovering payments, a withholding released.
public struct SettlementAdjustment: Sendable, Equatable {
    public var institution: String
    /// The log corrected, or what else it comes from (`violation 3`, `assessment …`).
    public var logID: String
    /// The month of the service (or finding) it concerns.
    public var serviceMonth: YearMonth
    public var amount: Money
    public var reason: String
    /// The month whose statement carries it, once settled.
    public var settledMonth: YearMonth?

    public init(institution: String, logID: String, serviceMonth: YearMonth, amount: Money, reason: String, settledMonth: YearMonth? = nil) {
        self.institution = institution
        self.logID = logID
        self.serviceMonth = serviceMonth
        self.amount = amount
        self.reason = reason
        self.settledMonth = settledMonth
    }
}
