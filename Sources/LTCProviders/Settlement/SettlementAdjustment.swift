import LTCCore

/// An amount added to or taken from an institution's next open statement:
/// a correction of a log of a settled month, a penalty refusing or
/// recovering payments, a withholding released.
public struct SettlementAdjustment: Sendable, Equatable {
    /// The store's number for it (0 until stored): the cursor of a listing.
    public var id: Int
    public var institution: String
    /// The log corrected, or what else it comes from (`violation 3`, `assessment …`).
    public var logID: String
    /// The month of the service (or finding) it concerns.
    public var serviceMonth: YearMonth
    public var amount: Money
    public var reason: String
    /// The month whose statement carries it, once settled.
    public var settledMonth: YearMonth?
    /// For a correction or withdrawal of a log of a settled month, how much
    /// the log's fund share changed; `amount` is the part of it that was
    /// paid, recovered, the rest cancelling what its statement withheld or
    /// held (``SettledCorrection``). `nil` for what changes no service's share
    /// (a penalty, a release, the budget close).
    public var fundChange: Money?

    public init(id: Int = 0, institution: String, logID: String, serviceMonth: YearMonth, amount: Money, reason: String,
                settledMonth: YearMonth? = nil, fundChange: Money? = nil) {
        self.id = id
        self.institution = institution
        self.logID = logID
        self.serviceMonth = serviceMonth
        self.amount = amount
        self.reason = reason
        self.settledMonth = settledMonth
        self.fundChange = fundChange
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "id": .integer(id), "institution": .string(institution), "logId": .string(logID), "serviceMonth": .string(serviceMonth.description),
            "amount": amount.json, "reason": .string(reason), "settledMonth": settledMonth.map { .string($0.description) } ?? .null,
        ]
        if let fundChange { object.set("fundChange", fundChange.json) }
        return .object(object)
    }
}
