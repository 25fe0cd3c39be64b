import LTCCases
import LTCCore
import LTCProviders

/// `settlement.run`: a month settled for every institution, once and for all.
public enum RunSettlement: StoreOperation {
    public static let name = "settlement.run"
    public static let summary = "Settle a month for every institution (once; a settled month is closed)."
    public static let discussion = "A settled month returns the stored run. Each statement: logs, billed, allowed, fund share, personal, over the cap, adjustments, withheld (until the performance assessment), held above the budget, other subsidies deducted, and payable."
    public static let command = "settle"
    public static let access = AccessRule.permission(.settle)
    public static let effect = OperationEffect.writes
    public static let result = "{month, settledOn, statements, summary}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The month.") public var month: YearMonth
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SettlementOutput {
        let run = try context.services.settlement.settle(month: input.month, actor: context.actor, asOf: try context.day())
        return SettlementOutput(month: input.month, run: run, cash: try SettlementOutput.cash(of: input.month, context))
    }
}

/// `settlement.get`: a settled month as it was settled.
public enum GetSettlement: StoreOperation {
    public static let name = "settlement.get"
    public static let summary = "A settled month, as it was settled."
    public static let discussion = "An institution reads its own statement; null when the month is not settled."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{month, settledOn, statements, summary} or null"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The month.") public var month: YearMonth
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> SettledMonthOutput {
        let run = try context.services.settlement.settlement(month: input.month, actor: context.actor)
        return SettledMonthOutput(settlement: SettlementOutput(month: input.month, run: run,
                                                               cash: run == nil ? nil : try SettlementOutput.cash(of: input.month, context)))
    }
}

/// `settlement.adjustments`: what the statements' adjustment totals are made of.
public enum ListAdjustments: StoreOperation {
    public static let name = "settlement.adjustments"
    public static let summary = "The adjustments a settled month's statements carried, each with its reason (corrections and withdrawals of settled logs, services after a case ended, penalties); without month, those the next settlement will carry; by id, a page at a time."
    public static let discussion = "Corrections and withdrawals of a settled month's logs, services after a case ended (B03), and penalties. An institution lists its own."
    public static let command = "adjustments"
    public static let access = AccessRule.record(roles: [.administrator, .auditor, .institution], rule: "an institution its own")
    public static let effect = OperationEffect.reads
    public static let result = "{adjustments: [{id, institution, logId, serviceMonth, amount, reason, settledMonth}], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-05"]

    public struct Input: Params {
        @Param("month", "The settled month whose statements carried them.") public var month: YearMonth?
        @Param("institution", "Only this institution's (an institution reads only its own).", .text(.id)) public var institution: String?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<SettlementAdjustment> {
        Listing(try context.services.settlement.adjustments(month: input.month, institution: input.institution, actor: context.actor,
                                                            page: try input.page.request()))
    }
}

/// `budget.set`: an institution's budget for a year (总额预算).
public enum SetBudget: StoreOperation {
    public static let name = "budget.set"
    public static let summary = "Set an institution's budget for a year (总额预算), until the year is settled to its end."
    public static let discussion = "Settlement measures each statement's use against it, and warns at the scheme's levels."
    public static let access = AccessRule.permission(.settle)
    public static let effect = OperationEffect.writes
    public static let result = "{institution, year, amount}"
    public static let example: JSONObject = ["actor": "administrator:wang", "institution": "I001", "year": 2026, "amount": 1200000]

    public struct Input: Params {
        @Param("institution", "The institution.", .text(.id)) public var institution: String
        @Param("year", "The year.") public var year: Int
        @Param("amount", "The budget in yuan.") public var amount: Money
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> BudgetOutput {
        try context.services.settlement.setBudget(institution: input.institution, year: input.year, amount: input.amount, actor: context.actor,
                                                  asOf: try context.day())
        return BudgetOutput(institution: input.institution, year: input.year, amount: input.amount)
    }
}

/// `budget.list`: a year's budgets.
public enum ListBudgets: StoreOperation {
    public static let name = "budget.list"
    public static let summary = "A year's budgets: every institution's, or an institution's own."
    public static let access = AccessRule.registered
    public static let effect = OperationEffect.reads
    public static let result = "{year, budgets: [{institution, amount}]}"
    public static let example: JSONObject = ["actor": "administrator:wang", "year": 2026]

    public struct Input: Params {
        @Param("year", "The year.") public var year: Int
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> BudgetsOutput {
        BudgetsOutput(year: input.year, budgets: try context.services.settlement.budgets(year: input.year, actor: context.actor))
    }
}

/// A settled month (or none), with what the month's cash run paid beside it
/// for those who read everything.
public struct SettlementOutput: OperationOutput {
    public let month: YearMonth
    public let run: SettlementRun?
    /// The month's cash run: `nil` when not shown (the actor does not read
    /// everything), `.some(nil)` when it has not run yet.
    public let cash: CashRun??

    public var json: JSONValue { run?.json ?? .null }

    public var text: String {
        guard let run else { return "\(month) is not settled" }
        var lines = [SettlementText.statements(run)]
        // Cash is paid by its own run; beside the statements, what it paid for the month.
        if let cash {
            lines.append(cash.map { "cash \(month): \($0.total.grouped) in \(Thousands.grouped($0.payments)) payments (ltc cash payments --month \(month))" }
                         ?? "cash \(month): not run yet (ltc cash run --month \(month))")
        }
        return lines.joined(separator: "\n")
    }

    public static var schema: JSONSchema { RecordSchemas.settlementRun }

    /// The month's cash run for an actor who reads everything; `nil` for others.
    static func cash(of month: YearMonth, _ context: StoreContext) throws -> CashRun?? {
        guard Access.allows(context.actor, .readAll) else { return nil }
        return .some(try context.services.cash.run(month: month, actor: context.actor))
    }
}

/// A month as stored: its settlement, or null when it is not settled.
public struct SettledMonthOutput: OperationOutput {
    public let settlement: SettlementOutput
    public var json: JSONValue { settlement.json }
    public var text: String { settlement.text }
    public static var schema: JSONSchema { RecordSchemas.settlementRun.orNull }
}

/// A budget just set.
public struct BudgetOutput: OperationOutput {
    public let institution: String
    public let year: Int
    public let amount: Money
    public var json: JSONValue { ["institution": .string(institution), "year": .integer(year), "amount": amount.json] }
    public var text: String { "budget \(year) of \(institution): \(amount.grouped)" }
    public static var schema: JSONSchema {
        .object(["institution": .string(), "year": .integer(), "amount": RecordSchemas.money], required: ["institution", "year", "amount"])
    }
}

/// A year's budgets by institution.
public struct BudgetsOutput: OperationOutput {
    public let year: Int
    public let budgets: [String: Money]

    public var json: JSONValue {
        ["year": .integer(year), "budgets": .array(budgets.sorted { NaturalOrder.less($0.key, $1.key) }.map { ["institution": .string($0.key), "amount": $0.value.json] })]
    }

    public var text: String {
        var table = TextTable(rightAligned: [1])
        table.header([("INSTITUTION", "机构"), ("BUDGET", "年度预算")])
        for (institution, amount) in budgets.sorted(by: { NaturalOrder.less($0.key, $1.key) }) { table.append([institution, amount.grouped]) }
        return table.rendered()
    }

    public static var schema: JSONSchema {
        .object(["year": .integer(), "budgets": .array(.object(["institution": .string(), "amount": RecordSchemas.money], required: ["institution", "amount"]))],
                required: ["year", "budgets"])
    }
}

extension SettlementAdjustment: Listable {
    public static let listName = "adjustments"
    public static var itemSchema: JSONSchema { RecordSchemas.adjustment }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ adjustments: [SettlementAdjustment]) -> String {
        var table = TextTable()
        table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("LOG", "日志"), ("OF MONTH", "服务月"), ("AMOUNT", "金额"), ("REASON", "原因")])
        for adjustment in adjustments {
            table.append([String(adjustment.id), adjustment.institution, adjustment.logID, adjustment.serviceMonth.description,
                          "\(adjustment.amount)", adjustment.reason])
        }
        return table.rendered()
    }
}
