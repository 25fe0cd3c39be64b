import Foundation
import LTCCases
import LTCCore
import LTCOperations
import LTCProviders
import LTCReports
import LTCStorage

/// The commands of institutions, agreements, caregivers, enrolments, logs, settlement, budgets and cash.
enum ProviderSpellings {
    static let agreement = Positional("agreement", value: "id", help: "The agreement id.")

    static let all: [CommandSpelling] = [
        CommandSpelling("institution.register", aliases: [["institution", "register"]],
                        arguments: [Positional("institution", value: "file", source: .jsonFile, help: "The institution as JSON, or - for standard input.")],
                        examples: ["ltc institution add institution.json --actor administrator:wang"],
                        abstract: "Register an institution from a JSON file.",
                        discussion: """
                            FILE: {"id", "name", "type" (\(Institution.Kind.allCases.map(\.rawValue).joined(separator: ", "))), "licence", \
                            "deliveries" (\(Institution.Delivery.allCases.map(\.rawValue).joined(separator: ", "))), "capacity", "address", \
                            "district", "contact", "principalId" (optional)}.
                            """),
        CommandSpelling("institution.list", abstract: "List the institutions."),

        CommandSpelling("agreement.apply",
                        options: ["modes": OptionSpelling(flag: "mode", value: "mode", help: "A service mode covered; none for an assessment agency."),
                                  "prices": OptionSpelling(flag: "price", value: "code=yuan", source: .pairs,
                                                           help: "An item's agreed price in yuan, e.g. S01=60 (repeat for more)."),
                                  "facts": OptionSpelling(value: "json", help: "For the admission criteria: a JSON object {legalPerson, caregivers, qualifiedCaregivers, administrators, beds, pledgedClean}.")],
                        examples: ["ltc agreement apply --institution I001 --scheme hours-home-care-2026 --start 2026-01-01 --end 2026-12-31 --mode home-visit --price S01=65 --capacity 50 --actor administrator:wang"],
                        abstract: "Record an institution's application with the proposed terms."),
        CommandSpelling("agreement.review", arguments: [agreement], examples: ["ltc agreement review AG-I001-1 --actor administrator:wang"],
                        abstract: "Record the agency's review of an application."),
        CommandSpelling("agreement.sign", arguments: [agreement], examples: ["ltc agreement sign AG-I001-1 --actor administrator:wang"],
                        abstract: "Sign a reviewed agreement: it covers services from its start or today."),
        CommandSpelling("agreement.amend", arguments: [agreement],
                        options: ["modes": OptionSpelling(flag: "mode", value: "mode", help: "The modes covered from then."),
                                  "prices": OptionSpelling(flag: "price", value: "code=yuan", source: .pairs, help: "The prices from then, code=yuan (repeat for more).")],
                        examples: ["ltc agreement amend AG-I001-1 --from 2026-07-01 --price S01=68 --actor administrator:wang",
                                   "ltc agreement amend AG-I001-1 --from 2026-12-01 --end 2027-12-31 --actor administrator:wang   # a renewal"],
                        abstract: "A new version of the terms from a date (renewal: a later --end)."),
        CommandSpelling("agreement.suspend", arguments: [agreement], options: ["from": OptionSpelling(help: "The first day suspended (default: --as-of).")],
                        examples: [#"ltc agreement suspend AG-I001-1 --from 2026-06-01 --reason "records missing" --actor administrator:wang"#],
                        abstract: "Suspend an agreement from a date: its institution's logs from then are rejected."),
        CommandSpelling("agreement.resume", arguments: [agreement], options: ["on": OptionSpelling(help: "The first day covered again (default: --as-of).")],
                        examples: ["ltc agreement resume AG-I001-1 --on 2026-07-01 --actor administrator:wang"],
                        abstract: "End a suspension: the agreement covers again from a date."),
        CommandSpelling("agreement.terminate", arguments: [agreement], options: ["on": OptionSpelling(help: "The last day covered (default: --as-of).")],
                        examples: [#"ltc agreement terminate AG-I001-1 --on 2026-09-30 --reason "closing" --actor administrator:wang"#],
                        abstract: "Terminate an agreement: it covers nothing after the date."),
        CommandSpelling("agreement.list", options: ["institution": OptionSpelling(help: "Only this institution's agreements.")],
                        abstract: "List the agreements with their current terms."),
        CommandSpelling("agreement.exits", abstract: "Suspended and terminated providers, published to every registered actor."),
        CommandSpelling("enrolment.transfer", options: ["on": OptionSpelling(help: "The first day with the new institution (default: --as-of).")],
                        examples: ["ltc agreement transfer --from I001 --to I002 --on 2026-10-01 --actor administrator:wang"],
                        abstract: "Move an institution's clients to another from a day, in the same modes, without a gap in care."),

        CommandSpelling("caregiver.register",
                        options: ["qualifications": OptionSpelling(flag: "qualification", value: "name", help: "A qualification."),
                                  "nationalId": OptionSpelling(value: "id")],
                        examples: ["ltc caregiver add --institution I001 --id C1 --name 张护理 --qualification caregiver --from 2026-01-01 --actor institution:I001",
                                   "ltc caregiver add --institution I001 --id C2 --name 李护理 --qualification nurse --from 2026-01-01 --national-id 11010519491231002X --actor institution:I001"],
                        abstract: "Register (or update) a caregiver of an institution."),
        CommandSpelling("caregiver.list",
                        options: ["institution": OptionSpelling(help: "Only this institution's caregivers."), "after": OptionSpelling(value: "institution/id")],
                        abstract: "List the caregivers, by institution and id."),
        CommandSpelling("enrolment.add", aliases: [["enrolment", "add"]],
                        arguments: [Positional("case", value: "case-id", help: "The case id.")],
                        options: ["from": OptionSpelling(help: "First day (default: --as-of)."),
                                  "home": OptionSpelling(value: "lat,lon", help: "The home's location for check-in distance, e.g. 31.2304,121.4737.")],
                        examples: ["ltc enrol 1 --institution I001 --mode home-visit --from 2026-03-17 --home 31.2304,121.4737 --actor administrator:wang"],
                        abstract: "Enrol a case's beneficiary with an institution in a service mode; the care plan follows the grade's package."),

        CommandSpelling("logs.submit",
                        arguments: [Positional("logs", value: "file", source: .file, help: "The logs file, or - for standard input.")],
                        extras: ProgressSpelling.options,
                        examples: ["ltc logs submit april-week-2.csv --actor institution:I001", "ltc logs submit - --json --actor institution:I001 < logs.jsonl"],
                        abstract: "Check and store a file of service logs (CSV with a header, or JSON Lines).",
                        discussion: "Prints a report by rule; exits 0 even when logs are rejected (the report says which), 65 when the file cannot be used at all.",
                        prepare: LogsSpelling.submitting, render: LogsSpelling.report),
        CommandSpelling("logs.check",
                        arguments: [Positional("logs", value: "file", source: .file, help: "The logs file, or - for standard input.")],
                        extras: ProgressSpelling.options,
                        examples: ["ltc logs check december.csv --actor institution:I001"],
                        abstract: "Check a file of service logs as submit would, and store nothing: the same report, as a dry run.",
                        discussion: "Exits 0 even when logs would be rejected (the report says which), 65 when the file cannot be used at all.",
                        prepare: LogsSpelling.submitting, render: LogsSpelling.report),
        CommandSpelling("logs.template",
                        options: ["clients": OptionSpelling(help: "One example line per client enrolled today (default: the first client's only).")],
                        examples: ["ltc logs template --institution I001 --actor institution:I001 > december.csv",
                                   "ltc logs template --clients --actor institution:I001"],
                        abstract: "Write a logs file to start from: the header and an example line intake would accept, from the institution's own clients and caregivers.",
                        discussion: "The file goes to standard output; the clients enrolled today, with their modes and planned items, and anything missing go to standard error. Edit the times, items and caregivers, then ltc logs check FILE and ltc logs submit FILE.",
                        render: LogsSpelling.template),
        CommandSpelling("catalogue.get", examples: ["ltc catalogue --actor institution:I001", "ltc catalogue --scheme hours-home-care-2026 --json --actor institution:I001"],
                        abstract: "List what a logs file may name: each item's unit, modes, qualifications, plausible minutes and price (an institution's agreed price beside it)."),
        CommandSpelling("logs.withdraw",
                        arguments: [Positional("logs", value: "file", source: .file, help: "The file naming the logs, or - for standard input.")],
                        examples: ["ltc logs withdraw mistaken.csv --actor institution:I001"],
                        abstract: "Withdraw accepted service logs: each is stored again as rejected (W01), and what it was paid in a settled month is recovered.",
                        render: LogsSpelling.report),
        CommandSpelling("logs.selfReport",
                        arguments: [Positional("logs", value: "file", source: .file, help: "The file naming the logs, or - for standard input.")],
                        examples: ["ltc logs self-report twice-billed.csv --reason \"two visits were billed twice\" --actor institution:I001"],
                        abstract: "Report and refund the institution's own errors: the logs are withdrawn and the report kept; it counts as mitigation."),
        CommandSpelling("logs.list", options: ["month": OptionSpelling(help: "The month of service, YYYY-MM."),
                                               "rule": OptionSpelling(value: "code", help: "Only the logs rejected by this rule, e.g. E01.")],
                        examples: ["ltc logs list --month 2026-04 --status rejected --rule E01 --actor institution:I002"],
                        abstract: "List an institution's logs of a month as stored, by log id, a page at a time (--status, --rule to narrow them)."),
        CommandSpelling("logs.submissions", abstract: "List the submissions of service logs, by number, a page at a time."),

        CommandSpelling("settlement.run", aliases: [["settlement", "run"]],
                        options: ["month": OptionSpelling(help: "The month, YYYY-MM.")],
                        extras: [ExtraOption("csv", help: "Print the statements as CSV.")],
                        examples: ["ltc settle --month 2026-04 --actor administrator:wang",
                                   "ltc settle --month 2026-04 --csv --actor administrator:wang > statements.csv"],
                        abstract: "Settle a month for every institution (once: a settled month is closed).",
                        discussion: "Prints each institution's statement and the fund's total; --csv for the statements as CSV. An actor who may not settle (an auditor, an institution) is shown the settled month as far as it may read it (settlement.get).",
                        prepare: SettleSpelling.readingForOthers, render: SettleSpelling.statements),
        CommandSpelling("settlement.get", options: ["month": OptionSpelling(help: "The settled month, YYYY-MM.")],
                        abstract: "A settled month as it was settled: every statement for administrators and auditors, an institution's own for it."),
        CommandSpelling("statement.get", options: ["month": OptionSpelling(help: "The month of service, YYYY-MM (default: this month, so far).")],
                        extras: [ExtraOption("csv", value: "dir", help: "Write each table as a CSV file in this folder (made if missing): \(RemittanceAdvice.tableNames.joined(separator: ", "))."),
                                 ExtraOption("table", value: "name", help: "Print one table as CSV: \(RemittanceAdvice.tableNames.joined(separator: ", "))."),
                                 ExtraOption("bom", help: "Begin CSV with a UTF-8 byte-order mark, for spreadsheet programs that need one."),
                                 ExtraOption("html", value: "file", help: "Write the statement as a self-contained HTML page.")],
                        examples: ["ltc statement --actor institution:I001",
                                   "ltc statement --month 2026-04 --actor institution:I001",
                                   "ltc statement --month 2026-04 --table lines --actor institution:I001 > april-lines.csv",
                                   "ltc statement --month 2026-04 --csv statements/ --html statements/I001-2026-04.html --actor institution:I001"],
                        abstract: "An institution's statement of a month with its lines: each log's fund and personal share or why it was rejected and what to do, subtotals by client, and each amount kept back with its rule.",
                        discussion: """
                            Prints the statement as text (with totals). --table NAME prints one table as CSV (\(RemittanceAdvice.tableNames.joined(separator: ", "))), \
                            --csv DIR writes each to a file of its own (statement-INSTITUTION-MONTH-TABLE.csv), --html FILE writes a printable page; \
                            a CSV table has no total row, so that its columns add up to the amounts once.
                            """,
                        prepare: { invocation, _ in
                            if let table = invocation.extra("table"), !RemittanceAdvice.tableNames.contains(table) {
                                throw InputError(source: "--table", message: "'\(table)' is not a table of the statement; use one of \(RemittanceAdvice.tableNames.joined(separator: ", "))")
                            }
                        },
                        render: StatementSpelling.render),
        CommandSpelling("enrolment.list"),
        CommandSpelling("settlement.adjustments",
                        options: ["month": OptionSpelling(help: "The settled month whose statements carried them, YYYY-MM.")],
                        abstract: "List the adjustments a settled month's statements carried, each with its reason.",
                        discussion: "Without --month, those the next month settled will carry."),
        CommandSpelling("budget.set", examples: ["ltc budget set --institution I001 --year 2026 --amount 1200000 --actor administrator:wang"],
                        abstract: "Set an institution's budget for a year (until the year is settled to its end)."),
        CommandSpelling("budget.list", abstract: "A year's budgets (an institution sees its own)."),
        CommandSpelling("budget.close", examples: ["ltc budget close --year 2026 --actor administrator:wang --as-of 2027-01-05"],
                        abstract: "Close a year's budgets: holds released or kept, surpluses retained, by the scheme's rule; once."),
        CommandSpelling("budget.closed", abstract: "A year's budget close as it was closed (an institution sees its own line)."),

        CommandSpelling("cash.payee", arguments: [Positional("case", value: "id", help: "The case id.")],
                        options: ["carer": OptionSpelling(value: "name"), "carerId": OptionSpelling(value: "number")],
                        examples: ["ltc cash payee 1 --account 6222020200112233 --actor administrator:wang",
                                   "ltc cash payee 1 --carer 陈小妹 --carer-id 110105198001010016 --trained-on 2026-02-20 --account 6222020200112233 --actor administrator:wang"],
                        abstract: "Record who receives a case's cash: the beneficiary (the default) or a family carer."),
        CommandSpelling("cash.run", options: ["month": OptionSpelling(help: "The month, YYYY-MM.")],
                        examples: ["ltc cash run --month 2026-04 --actor administrator:wang"],
                        abstract: "Pay a month's cash benefits (once: a run is closed), with adjustments of closed months."),
        CommandSpelling("cash.payments", options: ["month": OptionSpelling(help: "The run's month, YYYY-MM.")],
                        abstract: "List a run's payments, a page at a time (administrators and auditors)."),
    ]
}

/// `ltc logs submit|withdraw FILE`: the file read a block at a time, a
/// progress line, and the report.
enum LogsSpelling {
    /// A file this large (about 250,000 logs) is a bulk submission.
    static let bulkBytes = 16 << 20
    /// The page cache of a bulk submission: bounded, and within its 300 MB budget (README, Performance).
    static let bulkCacheKibibytes = 96 << 10

    /// A bar by bytes of the file's size (for standard input, the amount and
    /// the rate only), and a larger page cache for a bulk file.
    static let submitting: CommandSpelling.Prepare = { invocation, _ in
        guard let file = invocation.attachments["logs"] else { return }
        if file.size >= bulkBytes {
            // A bulk submission inserts all over the logs' index: a larger page cache saves rereading it.
            try OpenStores.store(path: invocation.databasePath).setCacheSize(kibibytes: bulkCacheKibibytes)
        }
        let line = ProgressLine(what: "lines", totalBytes: file.size, enabled: ProgressSpelling.enabled(invocation))
        invocation.progressLine = line
        invocation.attachments["logs"] = Attachment(file.source, name: file.name, size: file.size) { lines, bytes in
            line.update(count: lines, bytes: bytes)
        }
    }

    /// The logs file on standard output; on standard error, the clients it
    /// was built from and why a line is missing, so that `> FILE` keeps only the file.
    static let template: CommandSpelling.Render = { output, invocation in
        guard let template = (output as? LogTemplateOutput)?.template else { return invocation.json ? printJSON(output.json) : print(output.text) }
        if invocation.json { return printJSON(output.json) }
        print(template.csv, terminator: "")
        var table = TextTable()
        table.header([("CASE", "案件"), ("PERSON", "参保人"), ("MODE", "服务方式"), ("FROM", "起"), ("PLANNED A WEEK", "计划(每周)")])
        for client in template.clients {
            table.append([String(client.caseID), String(client.person), client.mode, client.enrolledFrom.description,
                          client.planned.isEmpty ? "no plan binding" : client.planned.map { "\($0.code)×\($0.perWeek)" }.joined(separator: " ")])
        }
        var note = template.clients.isEmpty ? "" : "clients of \(template.institution) enrolled on \(template.day):\n" + table.rendered() + "\n"
        if let missing = template.missing { note += "no example line: \(missing)\n" }
        FileHandle.standardError.write(Data(note.utf8))
    }

    /// The report as text, or as JSON written a rejected line at a time.
    static let report: CommandSpelling.Render = { output, invocation in
        guard let report = (output as? SubmissionOutput)?.report else { return invocation.json ? printJSON(output.json) : print(output.text) }
        invocation.progressLine?.finish(count: report.received, bytes: invocation.progressLine?.bytesRead ?? 0)
        if invocation.json { printReport(report) } else { print(report.text()) }
    }

    /// Prints the report as `printJSON(report.json)` would, writing its
    /// rejected lines one at a time: a month's bulk submission can have
    /// hundreds of thousands, and their JSON tree would cost more memory
    /// than the submission itself.
    static func printReport(_ report: SubmissionReport) {
        var summary = JSONWriter.string(.object(report.summaryJSON), style: .indented)
        summary.removeLast(2)   // "\n}"
        guard !report.rejected.isEmpty else {
            print(summary + ",\n  \"rejectedLines\": []\n}")
            return
        }
        print(summary + ",\n  \"rejectedLines\": [")
        for (index, line) in report.rejected.enumerated() {
            let text = JSONWriter.string(line.json, style: .indented).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
            print(text + (index == report.rejected.count - 1 ? "" : ","))
        }
        print("  ]\n}")
    }
}

/// `ltc settle --month`: administrators settle (or read the settled month
/// back); others read what they may of a settled month.
enum SettleSpelling {
    /// For an actor who may not settle, the settled month as `settlement.get`
    /// reads it, printed as the command prints a settlement; the command then ends.
    static let readingForOthers: CommandSpelling.Prepare = { invocation, session in
        let actor = try session.actor()
        guard !Access.allows(actor, .settle), let read = OperationCatalogue.shared.entry(named: GetSettlement.name) else { return }
        var params = invocation.params
        params.remove("asOf")   // reading a settled month takes no date
        let output = try read.invoke(params, caller: .trusting, in: session.environment)
        guard let settled = output as? SettledMonthOutput, settled.settlement.run != nil else {
            let month = invocation.params["month"]?.stringValue ?? ""
            throw CaseError(.notFound, "\(month) is not settled (only an administrator settles), or holds nothing \(actor) may read")
        }
        try statements(settled.settlement, invocation)
        throw ExitStatusError(status: 0)
    }

    /// The statements as text, as CSV with `--csv`, or as JSON.
    static let statements: CommandSpelling.Render = { output, invocation in
        if invocation.json {
            printJSON(output.json)
        } else if invocation.flag("csv"), let run = (output as? SettlementOutput)?.run {
            print(run.csv, terminator: "")
        } else {
            print(output.text)
        }
    }
}

/// `ltc statement --month`: one table as CSV, the tables as CSV files and
/// the page as HTML (saying what it wrote), else the statement as JSON or text.
enum StatementSpelling {
    static let render: CommandSpelling.Render = { output, invocation in
        guard let advice = (output as? StatementOutput)?.advice else { return invocation.json ? printJSON(output.json) : print(output.text) }
        let bom = invocation.flag("bom")
        if let name = invocation.extra("table"), let table = advice.table(name) {
            print(table.text(bom: bom), terminator: "")
            return
        }
        let csv = invocation.extra("csv"), html = invocation.extra("html")
        if let csv {
            do {
                try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true)
            } catch {
                throw InputError(source: "--csv", message: "\(csv) is not a folder that can be made or written: \(error.localizedDescription)")
            }
            for name in RemittanceAdvice.tableNames {
                guard let table = advice.table(name) else { continue }
                let path = URL(fileURLWithPath: csv).appendingPathComponent("statement-\(advice.institution)-\(advice.month)-\(name).csv").path
                try writeFile(table.text(bom: bom), to: path, what: "statement")
                print("wrote \(path)")
            }
        }
        if let html {
            try writeFile(advice.html, to: html, what: "statement")
            print("wrote \(html)")
        }
        if csv != nil || html != nil { return }
        invocation.json ? printJSON(output.json) : print(output.text)
    }
}
