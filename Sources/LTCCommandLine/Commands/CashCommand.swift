import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore
import LTCProviders

/// `ltc cash payee|run|payments`: cash benefits paid out.
struct CashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cash",
        abstract: "Cash benefits paid out: payees and the monthly payment run.",
        subcommands: [Payee.self, Run.self, Payments.self]
    )

    struct Payee: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payee", abstract: "Record who receives a case's cash: the beneficiary (the default) or a family carer.",
            discussion: "Accounts are shown masked. Where the scheme requires it, a carer needs --trained-on." + "\n\n"
                + examples("ltc cash payee 1 --account 6222020200112233 --actor administrator:wang",
                           "ltc cash payee 1 --carer 陈小妹 --carer-id 110105198001010016 --trained-on 2026-02-20 --account 6222020200112233 --actor administrator:wang"))
        @Argument(help: "The case id.") var id: Int
        @Option(help: ArgumentHelp("A family carer's name: the carer is paid.", valueName: "name")) var carer: String?
        @Option(name: .customLong("carer-id"), help: ArgumentHelp("The carer's national ID number.", valueName: "number")) var carerID: String?
        @Option(name: .customLong("trained-on"), help: ArgumentHelp("The day the carer completed training (YYYY-MM-DD).", valueName: "date")) var trainedOn: String?
        @Option(help: ArgumentHelp("The account paid into.", valueName: "account")) var account: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let payee = try CashService(store: try options.store(), clock: SystemClock()).registerPayee(
                    caseID: id, kind: carer == nil && carerID == nil ? .beneficiary : .carer, name: carer, nationalID: carerID, account: account,
                    trainedOn: try trainedOn.map { text throws(CaseError) in try parseDate(text, "--trained-on") },
                    actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(payee.json); return }
                let who = payee.kind == .carer ? "the carer \(payee.name ?? "")" : "the beneficiary"
                print("case \(id): cash is paid to \(who), account \(payee.maskedAccount ?? "not given")")
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Pay a month's cash benefits (once: a run is closed), with adjustments of closed months.",
            discussion: examples("ltc cash run --month 2026-04 --actor administrator:wang"))
        @Option(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month")) var month: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let run = try CashService(store: try options.store(), clock: SystemClock())
                    .run(month: try parseMonth(month, "--month"), actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(run.json); return }
                print("cash for \(run.month), run on \(run.runOn): \(ProgressLine.grouped(run.payments)) payments, total \(run.total.grouped)")
            }
        }
    }

    struct Payments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payments", abstract: "List a run's payments, a page at a time (administrators and auditors).")
        @Option(help: ArgumentHelp("The run's month, YYYY-MM.", valueName: "month")) var month: String
        @Option(name: .customLong("case"), help: "Only this case's.") var caseID: Int?
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let listed = try CashService(store: try options.store(), clock: SystemClock())
                    .payments(month: try parseMonth(month, "--month"), caseID: caseID, actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["payments": .array(listed.items.map(\.json)), "next": listed.next.map(JSONValue.integer) ?? .null])
                    return
                }
                var table = TextTable(rightAligned: [0, 1, 5, 6, 7])
                table.header([("LINE", "序号"), ("CASE", "案件"), ("FOR", "所属月"), ("PAYEE", "收款人"), ("ACCOUNT", "账户"),
                              ("CASH", "现金待遇"), ("DEDUCTED", "抵扣"), ("PAID", "支付")])
                for payment in listed.items {
                    table.append([String(payment.line), String(payment.caseID), payment.forMonth.description, payment.payee.rawValue,
                                  payment.account ?? "—", payment.cash.grouped, payment.deducted.grouped, payment.amount.grouped])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }
}
