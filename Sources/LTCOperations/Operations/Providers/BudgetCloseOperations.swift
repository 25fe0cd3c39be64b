import LTCCases
import LTCCore
import LTCProviders

/// `budget.close`: a year's budgets closed (年终清算), once.
public enum CloseBudgets: StoreOperation {
    public static let name = "budget.close"
    public static let summary = "Close a year's budgets (年终清算): what the statements held above each budget released or kept, and a surplus retained, by the scheme's budget.yearEnd; once a year."
    public static let discussion = "Every month of the year must be settled and the year over. Holds up to the budget are paid in full; above it, the fund bears the scheme's overspend share (超支分担) times the rating of the institution's last assessment of the year; an unused budget retains its share (结余留用). What is released or retained is paid on the next statement."
    public static let access = AccessRule.permission(.settle)
    public static let effect = OperationEffect.writes
    public static let result = "{year, closedOn, lines: [{institution, budget, used, held, rating, ratingShare, overspendShare, released, kept, retained}], summary}"
    public static let example: JSONObject = ["actor": "administrator:wang", "year": 2026]

    public struct Input: Params {
        @Param("year", "The year to close.") public var year: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> BudgetCloseOutput {
        BudgetCloseOutput(close: try context.services.settlement.closeBudgets(year: input.year, actor: context.actor, asOf: try context.day()))
    }
}

/// `budget.closed`: a year's budget close as it was closed.
public enum GetBudgetClose: StoreOperation {
    public static let name = "budget.closed"
    public static let summary = "A year's budget close, as it was closed; null when the year is not closed. An institution reads its own line."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{year, closedOn, lines, summary} or null"
    public static let example: JSONObject = ["actor": "administrator:wang", "year": 2026]

    public struct Input: Params {
        @Param("year", "The year.") public var year: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> BudgetCloseOutput {
        BudgetCloseOutput(close: try context.services.settlement.budgetClose(year: input.year, actor: context.actor), year: input.year)
    }
}

/// A year's budget close, or none.
public struct BudgetCloseOutput: OperationOutput {
    public let close: BudgetClose?
    let year: Int

    init(close: BudgetClose) {
        self.close = close
        self.year = close.year
    }

    init(close: BudgetClose?, year: Int) {
        self.close = close
        self.year = year
    }

    public var json: JSONValue { close?.json ?? .null }

    public var text: String {
        guard let close else { return "\(year)'s budgets are not closed\n" }
        var table = TextTable(rightAligned: [1, 2, 3, 5, 6, 7, 8])
        table.header([("INSTITUTION", "机构"), ("BUDGET", "年度预算"), ("USED", "已用"), ("HELD", "暂扣"), ("RATING", "考核"),
                      ("RELEASED", "拨付"), ("KEPT", "不予拨付"), ("RETAINED", "结余留用")])
        for line in close.lines {
            table.append([line.institution, line.budget.grouped, line.used.grouped, line.held.grouped, line.rating ?? "—",
                          line.released.grouped, line.kept.grouped, line.retained.grouped])
        }
        return "\(close.year)'s budgets closed on \(close.closedOn); \(close.paid.grouped) paid on the next statements\n" + table.rendered()
    }

    public static var schema: JSONSchema {
        let money = RecordSchemas.money
        let line = JSONSchema.object([
            ("institution", .string()), ("budget", money), ("used", money), ("held", money), ("rating", JSONSchema.string().orNull),
            ("ratingShare", .number()), ("overspendShare", money), ("released", money), ("kept", money), ("retained", money),
        ], required: ["institution", "budget", "used", "held", "rating", "ratingShare", "overspendShare", "released", "kept", "retained"])
        let summary = JSONSchema.object([
            ("institutions", .integer()), ("held", money), ("released", money), ("kept", money), ("retained", money), ("paid", money),
        ], required: ["institutions", "held", "released", "kept", "retained", "paid"])
        return JSONSchema.object([("year", .integer()), ("closedOn", .string(format: "date")), ("lines", .array(line)), ("summary", summary)],
                                 required: ["year", "closedOn", "lines", "summary"]).orNull
    }
}
