import Foundation
import LTCCore
import LTCOperations
import LTCReports

/// The commands of supervision: violations, credit, inspections, complaints, performance, the fund report.
enum SupervisionSpellings {
    static let all: [CommandSpelling] = [
        CommandSpelling("violation.record",
                        options: ["type": OptionSpelling(value: "code", help: "The violation type, e.g. V02."),
                                  "penalty": OptionSpelling(value: "id", help: "The penalty, e.g. recovery."),
                                  "found": OptionSpelling(help: "When it was found (default: --as-of).")],
                        examples: ["ltc violation record --institution I001 --type V02 --penalty recovery --amount 300 --evidence \"follow-up calls\" --actor administrator:wang"],
                        abstract: "Record a violation and apply its penalty (through the agreement and the next statement)."),
        CommandSpelling("violation.list", abstract: "List the violations recorded."),
        CommandSpelling("credit.get", arguments: [Positional("subject", value: "subject", help: "Whose credit.")],
                        abstract: "Show the credit score and history of institution:ID, caregiver:INSTITUTION/ID or person:ID."),
        CommandSpelling("inspection.record",
                        options: ["date": OptionSpelling(help: "The day of the inspection (default: --as-of)."),
                                  "draw": OptionSpelling(value: "id", help: "The random draw that sent the inspectors (ltc inspections draw)."),
                                  "type": OptionSpelling(value: "type", help: "routine (default), special, joint or flight."),
                                  "matter": OptionSpelling(value: "matter", help: "The matter inspected (default: the type's name).")],
                        examples: ["ltc inspection --institution I001 --score 92 --note \"records complete\" --actor administrator:wang",
                                   "ltc inspection --institution I001 --score 80 --note \"sign-off sheets missing\" --type flight --matter billing --actor administrator:wang"],
                        abstract: "Record an on-site inspection with its score (0–100); it feeds the assessment, and a good one the credit."),
        CommandSpelling("inspection.draw",
                        options: ["seed": OptionSpelling(help: "A seed to draw with (else one is made and kept).")],
                        examples: ["ltc inspections draw --count 3 --actor administrator:wang", "ltc inspections draw --count 3 --seed 42 --actor administrator:wang"],
                        abstract: "Draw institutions with an agreement in force, and two inspectors each from the staff registry."),
        CommandSpelling("inspection.results", arguments: [Positional("draw", value: "id")],
                        abstract: "A draw and its inspections' results, published to every registered actor."),
        CommandSpelling("inspection.coverage",
                        examples: ["ltc inspections coverage --year 2026 --actor auditor:zhao"],
                        abstract: "List the institutions with an agreement in force and no on-site inspection in the year."),
        CommandSpelling("penalty.notify",
                        options: ["type": OptionSpelling(value: "code", help: "The violation type, e.g. V02."),
                                  "penalty": OptionSpelling(value: "id", help: "The penalty intended, e.g. refusal."),
                                  "found": OptionSpelling(help: "When it was found (default: --as-of)."),
                                  "selfReports": OptionSpelling(flag: "self-report", value: "id", help: "A self-report of the institution that covers the matter (repeat).")],
                        examples: ["ltc penalty notify --institution I001 --type V02 --penalty refusal --amount 300 --facts \"4 visits billed twice\" --grounds \"agreement art. 12\" --actor administrator:wang"],
                        abstract: "Notify an institution of an intended penalty, with the facts and grounds; nothing takes effect until the decision."),
        CommandSpelling("penalty.get", arguments: [Positional("notice", value: "id")],
                        examples: ["ltc penalty show 1 --actor institution:I001"],
                        abstract: "Show a penalty notice with its statement and decision (an institution, its own)."),
        CommandSpelling("penalty.notices", examples: ["ltc penalty notices --actor institution:I001"],
                        abstract: "List penalty notices (an institution, its own)."),
        CommandSpelling("penalty.defend", arguments: [Positional("notice", value: "id")],
                        examples: ["ltc penalty defend 1 --statement \"the visits took 2 hours; sign-off sheets attached\" --actor institution:I001"],
                        abstract: "State the institution's defence to a notice addressed to it, within the defence period."),
        CommandSpelling("penalty.decide", arguments: [Positional("notice", value: "id")],
                        options: ["penalty": OptionSpelling(value: "id", help: "The penalty decided, if not the one notified (never heavier).")],
                        examples: ["ltc penalty decide 1 --actor administrator:wang"],
                        abstract: "Decide a notice: the violation is recorded and its penalty takes effect; the appeal deadlines are set."),
        CommandSpelling("violation.typical", arguments: [Positional("violation", value: "id")],
                        examples: ["ltc violation typical 1 --summary \"hours billed twice over a month; refused and recovered\" --actor administrator:wang"],
                        abstract: "Mark a decided violation as a typical case for publication, with its summary (naming no person)."),
        CommandSpelling("disclosure.violations", examples: ["ltc disclosure violations --actor institution:I002", "ltc disclosure violations --typical --actor institution:I002"],
                        abstract: "Decided violations, published: institution, type, decision and date."),
        CommandSpelling("disclosure.exits", examples: ["ltc disclosure exits --actor institution:I002"],
                        abstract: "Institutions' exits (agreements ended), published."),
        CommandSpelling("fund.income",
                        options: ["month": OptionSpelling(help: "The month, YYYY-MM."),
                                  "source": OptionSpelling(value: "source", help: "employer, individual, government, medical-insurance-transfer, interest, other or opening.")],
                        examples: ["ltc fund income add --month 2026-04 --source opening --amount 500000 --actor administrator:wang",
                                   "ltc fund income add --month 2026-04 --source employer --amount 120000.50 --actor administrator:wang"],
                        abstract: "Record an amount of the fund's income for a month, by source."),
        CommandSpelling("fund.notice",
                        options: ["month": OptionSpelling(help: "The month, YYYY-MM.")],
                        examples: ["ltc fund notice --month 2026-04 --actor institution:I001"],
                        abstract: "A month's public notice of the fund: income by source, spending, the balance carried and the risk warning."),
        CommandSpelling("complaint.record",
                        options: ["date": OptionSpelling(help: "The day received (default: --as-of).")],
                        examples: ["ltc complaint --institution I001 --note \"visits late\" --person 1 --actor administrator:wang"],
                        abstract: "Record a complaint about an institution; complaints count in its performance assessment."),
        CommandSpelling("performance.assess",
                        options: ["scores": OptionSpelling(flag: "score", value: "id=score", source: .pairs, help: "An inspector's score, e.g. inspection=85 (repeat).")],
                        examples: ["ltc performance --institution I001 --from 2026-04-01 --to 2026-06-30 --score inspection=85 --actor administrator:wang"],
                        abstract: "Assess an institution's performance for a period and release or keep what was withheld.",
                        discussion: "Give each inspector-scored indicator as --score ID=0..100."),
        CommandSpelling("report.fund",
                        options: ["month": OptionSpelling(help: "The month, YYYY-MM."), "format": .hidden],
                        extras: [ExtraOption("csv", value: "dir", help: "Write each table as a CSV file in this folder (made if missing)."),
                                 ExtraOption("table", value: "name", help: "Print one table as CSV: \(FundReport.tableNames.joined(separator: ", "))."),
                                 ExtraOption("bom", help: "Begin CSV with a UTF-8 byte-order mark, for spreadsheet programs that need one."),
                                 ExtraOption("html", value: "file", help: "Write the report as a self-contained HTML page.")],
                        examples: ["ltc report --month 2026-04 --actor administrator:wang",
                                   "ltc report --month 2026-04 --csv reports/ --html reports/2026-04.html --actor auditor:zhao",
                                   "ltc report --month 2026-04 --table district --bom --actor auditor:zhao > district.csv"],
                        discussion: """
                            Prints a summary. --csv DIR writes each table to a CSV file of its own (report-MONTH-TABLE.csv: \
                            \(FundReport.tableNames.joined(separator: ", "))), --table NAME prints one as CSV, and --html FILE \
                            writes a self-contained page with charts; --csv and --html together write both.
                            """,
                        prepare: { invocation, _ in
                            if let table = invocation.extra("table"), !FundReport.tableNames.contains(table) {
                                throw InputError(source: "--table", message: "'\(table)' is not a table of the report; use one of \(FundReport.tableNames.joined(separator: ", "))")
                            }
                        },
                        render: renderReport),
    ]

    /// `ltc report`: one table as CSV, the tables as CSV files and the page
    /// as HTML (saying what it wrote), else the report as JSON or text.
    static let renderReport: CommandSpelling.Render = { output, invocation in
        guard let report = (output as? FundReportOutput)?.report else { return invocation.json ? printJSON(output.json) : print(output.text) }
        let bom = invocation.flag("bom")
        if let name = invocation.extra("table"), let table = report.table(name) {
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
            for (name, table) in report.tables {
                let path = URL(fileURLWithPath: csv).appendingPathComponent("report-\(report.month)-\(name).csv").path
                try writeFile(table.text(bom: bom), to: path, what: "report")
                print("wrote \(path)")
            }
        }
        if let html {
            try writeFile(report.html, to: html, what: "report")
            print("wrote \(html)")
        }
        if csv != nil || html != nil { return }
        invocation.json ? printJSON(output.json) : print(output.text)
    }
}
