import LTCCases
import LTCCore
import LTCProviders

/// `cash.payee`: who receives a case's cash benefit.
public enum RecordCashPayee: StoreOperation {
    public static let name = "cash.payee"
    public static let summary = "Record who receives a case's cash: the beneficiary (the default), or a family carer with name, ID number and, where the scheme requires it, training."
    public static let discussion = "Accounts and ID numbers are shown masked. Where the scheme requires it, a carer needs trainedOn."
    public static let access = AccessRule.permission(.manageCases)
    public static let effect = OperationEffect.writes
    public static let result = "{case, kind, name?, nationalId?, account, trainedOn?, registeredOn}"
    public static let example: JSONObject = ["actor": "administrator:wang", "case": 1, "account": "6222020200112233"]

    public struct Input: Params {
        @Param("case", "The case id.") public var caseID: Int
        @Param("carer", "A family carer's name: the carer is paid.") public var carer: String?
        @Param("carerId", "The carer's national ID number.", .text(.id)) public var carerID: String?
        @Param("trainedOn", "The day the carer completed training.") public var trainedOn: CalendarDate?
        @Param("account", "The account paid into (shown masked).", .text(.id)) public var account: String?
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CashPayeeOutput {
        let kind: CashPayee.Kind = input.carer == nil && input.carerID == nil ? .beneficiary : .carer
        return CashPayeeOutput(payee: try context.services.cash.registerPayee(
            caseID: input.caseID, kind: kind, name: input.carer, nationalID: input.carerID, account: input.account, trainedOn: input.trainedOn,
            actor: context.actor, asOf: try context.day()))
    }
}

/// `cash.run`: a month's cash benefits paid, once.
public enum RunCash: StoreOperation {
    public static let name = "cash.run"
    public static let summary = "Pay a month's cash benefits (once; a run is closed), with adjustments of closed months for cases changed since the run before."
    public static let discussion = "Each case is paid its month's cash less the subsidies deducted from it. A month already run returns the stored run; months are run in order."
    public static let access = AccessRule.permission(.settle)
    public static let effect = OperationEffect.writes
    public static let result = "{month, runOn, payments, total}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The month.") public var month: YearMonth
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> CashRunOutput {
        CashRunOutput(run: try context.services.cash.run(month: input.month, actor: context.actor, asOf: try context.day()))
    }
}

/// `cash.payments`: a cash run's payment lines.
public enum ListCashPayments: StoreOperation {
    public static let name = "cash.payments"
    public static let summary = "A cash run's payment lines, by line, a page at a time (administrators and auditors)."
    public static let access = AccessRule.permission(.readAll)
    public static let effect = OperationEffect.reads
    public static let result = "{payments: [{month, line, case, forMonth, person, payee, account, cash, deducted, amount}], next}"
    public static let example: JSONObject = ["actor": "administrator:wang", "month": "2026-04"]

    public struct Input: Params {
        @Param("month", "The run's month.") public var month: YearMonth
        @Param("case", "Only this case's.") public var caseID: Int?
        @ParamGroup public var page: PageParams<Int>
        public init() {}
    }

    public static func run(_ input: Input, _ context: StoreContext) throws -> Listing<CashPayment> {
        Listing(try context.services.cash.payments(month: input.month, caseID: input.caseID, actor: context.actor, page: try input.page.request()))
    }
}

/// Who a case's cash is paid to.
public struct CashPayeeOutput: OperationOutput {
    public let payee: CashPayee
    public var json: JSONValue { payee.json }
    public var text: String {
        let who = payee.kind == .carer ? "the carer \(payee.name ?? "")" : "the beneficiary"
        return "case \(payee.caseID): cash is paid to \(who), account \(payee.maskedAccount ?? "not given")"
    }
    public static var schema: JSONSchema { RecordSchemas.cashPayee }
}

/// A month's cash run.
public struct CashRunOutput: OperationOutput {
    public let run: CashRun
    public var json: JSONValue { run.json }
    public var text: String {
        "cash for \(run.month), run on \(run.runOn): \(Thousands.grouped(run.payments)) payments, total \(run.total.grouped)"
    }
    public static var schema: JSONSchema { RecordSchemas.cashRun }
}

extension CashPayment: Listable {
    public static let listName = "payments"
    public static var itemSchema: JSONSchema { RecordSchemas.cashPayment }
    public static func cursorJSON(_ cursor: Int) -> JSONValue { .integer(cursor) }
    public var listJSON: JSONValue { json }

    public static func table(_ payments: [CashPayment]) -> String {
        var table = TextTable(rightAligned: [0, 1, 5, 6, 7])
        table.header([("LINE", "序号"), ("CASE", "案件"), ("FOR", "所属月"), ("PAYEE", "收款人"), ("ACCOUNT", "账户"),
                      ("CASH", "现金待遇"), ("DEDUCTED", "抵扣"), ("PAID", "支付")])
        for payment in payments {
            table.append([String(payment.line), String(payment.caseID), payment.forMonth.description, payment.payee.rawValue,
                          payment.account ?? "—", payment.cash.grouped, payment.deducted.grouped, payment.amount.grouped])
        }
        return table.rendered()
    }
}
