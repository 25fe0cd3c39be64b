import LTCBenefits
import LTCCases
import LTCCore
import LTCProviders

extension FundIncomeSource: ParamEnum {}

/// `fund.income`: an amount of the fund's income for a month, by source.
public enum AddFundIncome: StoreOperation {
    public static let name = "fund.income"
    public static let summary = "Record an amount of the fund's income for a month, by source (contributions, subsidies, transfers, interest, the opening balance)."
    public static let discussion = """
        Kept as recorded: a mistake is put right by another entry of the opposite sign. The account starts in the first month with income; \
        record the balance brought into ltc as source opening. At most 10,000,000,000 yuan either way, never zero.
        """
    public static let command = "fund income add"
    public static let access = AccessRule.permission(.settle)
    public static let effect = OperationEffect.writes
    public static let result = "{id, month, source, amount, note, recordedOn, recordedBy}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04", "source": "employer", "amount": 1200000]

    public struct Input: Params {
        @Param("month", "The month the income belongs to, YYYY-MM.") public var month: YearMonth
        @Param("source", "Where it comes from.") public var source: FundIncomeSource
        @Param("amount", "The amount in yuan (negative to put an earlier entry right).") public var amount: Money
        @Param("note", "A note: the document it comes from.", default: "", .text(.note)) public var note: String
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> FundIncomeOutput {
        FundIncomeOutput(income: try context.services.enforcement.addIncome(month: input.month, source: input.source, amount: input.amount,
                                                                           note: input.note, actor: context.actor, asOf: try context.day()))
    }
}

/// `fund.notice`: a month's public notice of the fund.
public enum FundNoticeOperation: StoreOperation {
    public static let name = "fund.notice"
    public static let summary = "A month's public notice of the fund: income by source, spending (care settled + cash paid) and the balance carried, with the risk warning."
    public static let discussion = """
        Published to every registered actor. broughtForward + incomeTotal − spending.total = carried, to the fen. The risk warning \
        measures the balance carried against the average spending of the settled months of the last enforcement.fund.averageMonths, \
        and names the scheme's warning level reached.
        """
    public static let command = "fund notice"
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{month, income: [{source, amount}], incomeTotal, spending: {care, cash, total, settled, cashRun}, broughtForward, carried, risk}"
    public static let example: JSONObject = ["actor": "institution:I001", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The month, YYYY-MM.") public var month: YearMonth
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> FundNoticeOutput {
        FundNoticeOutput(notice: try context.services.enforcement.fundNotice(month: input.month, actor: context.actor))
    }
}

/// An entry of income just recorded.
public struct FundIncomeOutput: OperationOutput {
    public let income: FundIncome
    public var json: JSONValue { income.json }
    public var text: String { "fund income \(income.id): \(income.month) \(income.source.rawValue) \(income.amount.grouped)" }
    public static var schema: JSONSchema {
        .object(["id": .integer(), "month": .string(), "source": .enumeration(FundIncomeSource.allCases.map(\.rawValue)),
                 "amount": SupervisionSchemaParts.money, "note": .string(), "recordedOn": RecordSchemas.date, "recordedBy": .string()],
                required: ["id", "month", "source", "amount", "note", "recordedOn", "recordedBy"])
    }
}

/// A month's notice, as text: the sources, the spending and the balance, adding up.
public struct FundNoticeOutput: OperationOutput {
    public let notice: FundNotice
    public var json: JSONValue { notice.json }
    public var text: String {
        var table = TextTable(rightAligned: [1])
        table.append(["FUND NOTICE \(notice.month)", "基金收支公示"])
        table.append(["brought forward 上月结余", notice.broughtForward.grouped])
        for row in notice.income where row.amount != .zero { table.append(["income 收入: \(row.source.rawValue)", row.amount.grouped]) }
        table.append(["income total 收入合计", notice.incomeTotal.grouped])
        table.append(["care settled 护理结算" + (notice.settled ? "" : " (not settled yet)"), notice.care.grouped])
        table.append(["cash paid 现金给付" + (notice.cashRun ? "" : " (not run yet)"), notice.cash.grouped])
        table.append(["spending total 支出合计", notice.spending.grouped])
        table.append(["carried 本月结余", notice.carried.grouped])
        var lines = [table.rendered()]
        if let risk = notice.risk { lines.append(FundRiskText.line(risk)) }
        return lines.joined(separator: "\n")
    }
    public static var schema: JSONSchema {
        let money = SupervisionSchemaParts.money
        return .object([
            "month": .string(),
            "income": .array(.object(["source": .enumeration(FundIncomeSource.allCases.map(\.rawValue)), "amount": money], required: ["source", "amount"])),
            "incomeTotal": money,
            "spending": .object(["care": money, "cash": money, "total": money, "settled": .boolean, "cashRun": .boolean],
                                required: ["care", "cash", "total", "settled", "cashRun"]),
            "broughtForward": money, "carried": money.describing("broughtForward + incomeTotal − spending.total."),
            "risk": RecordSchemas.fundRisk.orNull,
        ], required: ["month", "income", "incomeTotal", "spending", "broughtForward", "carried", "risk"])
    }
}
