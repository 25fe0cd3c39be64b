import LTCBenefits
import LTCCases
import LTCCore
import LTCSchemes

/// Where the fund's money comes from (seed 000 §12, seed 002 ch. 7: the
/// fund's income is published by source): contributions of employers and
/// individuals, government subsidies, transfers from the medical insurance
/// fund, interest, other income, and the balance brought into ltc when it
/// starts keeping the account (`opening`).
public enum FundIncomeSource: String, Sendable, CaseIterable {
    case employer, individual, government
    case medicalInsuranceTransfer = "medical-insurance-transfer"
    case interest, other, opening
}

/// One amount of income recorded for a month (`ltc fund income add`): kept
/// as recorded; a mistake is put right by another entry of the opposite sign.
public struct FundIncome: Sendable, Equatable {
    public var id: Int
    public var month: YearMonth
    public var source: FundIncomeSource
    public var amount: Money
    public var note: String
    public var recordedOn: CalendarDate
    public var recordedBy: String

    /// The most one entry may be, either way: ten billion yuan (every sum of a
    /// notice is checked for overflow besides).
    public static let limit = Money(yuan: 10_000_000_000)
    /// The years the fund's account may hold (income and notices): each notice
    /// walks every month from the first with income, so the range bounds its work.
    public static let years = 2000...2200

    /// Refuses a month outside ``years``, naming the range.
    public static func requireAccountMonth(_ month: YearMonth) throws {
        guard years.contains(month.year) else {
            throw CaseError(.invalidInput, "month \(month) is outside the fund's account, \(years.lowerBound)-01 to \(years.upperBound)-12")
        }
    }

    public init(id: Int, month: YearMonth, source: FundIncomeSource, amount: Money, note: String, recordedOn: CalendarDate, recordedBy: String) {
        self.id = id
        self.month = month
        self.source = source
        self.amount = amount
        self.note = note
        self.recordedOn = recordedOn
        self.recordedBy = recordedBy
    }

    public var json: JSONValue {
        [
            "id": .integer(id), "month": .string(month.description), "source": .string(source.rawValue), "amount": amount.json,
            "note": .string(note), "recordedOn": .string(recordedOn.description), "recordedBy": .string(recordedBy),
        ]
    }
}

/// A month's public notice of the fund (基金收支公示): income by source,
/// spending (care settled and cash paid, ``FundSpending``), and the balance
/// brought forward and carried, adding up to the fen:
/// `broughtForward + income − spending = carried`; and how many months of
/// spending the balance covers, with the scheme's warning level.
public struct FundNotice: Sendable, Equatable {
    public var month: YearMonth
    /// Every source, in the enum's order, zero where nothing came.
    public var income: [(source: FundIncomeSource, amount: Money)]
    public var care: Money
    public var cash: Money
    /// Whether the month is settled, and its cash run made: until then its spending is not known in full.
    public var settled: Bool
    public var cashRun: Bool
    public var broughtForward: Money
    public var risk: FundRisk?

    public var incomeTotal: Money { income.reduce(.zero) { $0 + $1.amount } }
    public var spending: Money { care + cash }
    public var carried: Money { broughtForward + incomeTotal - spending }

    public static func == (lhs: FundNotice, rhs: FundNotice) -> Bool {
        lhs.month == rhs.month && lhs.income.map(\.source) == rhs.income.map(\.source) && lhs.income.map(\.amount) == rhs.income.map(\.amount)
            && lhs.care == rhs.care && lhs.cash == rhs.cash && lhs.settled == rhs.settled && lhs.cashRun == rhs.cashRun
            && lhs.broughtForward == rhs.broughtForward && lhs.risk == rhs.risk
    }

    public var json: JSONValue {
        [
            "month": .string(month.description),
            "income": .array(income.map { ["source": .string($0.source.rawValue), "amount": $0.amount.json] }),
            "incomeTotal": incomeTotal.json,
            "spending": ["care": care.json, "cash": cash.json, "total": spending.json, "settled": .bool(settled), "cashRun": .bool(cashRun)],
            "broughtForward": broughtForward.json, "carried": carried.json, "risk": risk?.json ?? .null,
        ]
    }
}

