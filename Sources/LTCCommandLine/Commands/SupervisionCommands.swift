import LTCOperations
import ArgumentParser
import Foundation
import LTCCases
import LTCCore
import LTCProviders
import LTCReports

/// `ltc violation record|list`: violations found at institutions and their penalties.
struct ViolationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violation",
        abstract: "Record violations with their penalties, and list them.",
        subcommands: [Record.self, List.self]
    )

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record a violation and apply its penalty (through the agreement and the next statement).",
            discussion: "TYPE is a code of the scheme's negative list; PENALTY one of the penalties the list allows for it." + "\n\n" + examples("ltc violation record --institution I001 --type V02 --penalty recovery --amount 300 --evidence \"follow-up calls\" --actor administrator:wang")
        )
        @Option(help: "The institution id.") var institution: String
        @Option(help: ArgumentHelp("The violation type, e.g. V02.", valueName: "code")) var type: String
        @Option(help: ArgumentHelp("The penalty, e.g. recovery.", valueName: "id")) var penalty: String
        @Option(help: ArgumentHelp("The payments concerned, in yuan.", valueName: "yuan")) var amount: String = "0"
        @Option(help: ArgumentHelp("When it was found (default: --as-of).", valueName: "date")) var found: String?
        @Option(help: "The evidence (inspection report, complaint, data check).") var evidence: String
        @Option(help: "The caregiver concerned, if any.") var caregiver: String?
        @Option(help: "The insured person concerned, if any.") var person: Int?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let money = Money(text: amount) else {
                    throw CaseError(.invalidInput, "--amount '\(amount)' is not an amount, e.g. 1200 or 1200.50: \(Money.accepted)")
                }
                let service = try options.supervision()
                let asOf = try options.day()
                let violation = try service.recordViolation(institution: institution, caregiver: caregiver, person: person, type: type,
                                                            foundOn: try found.map { try parseDate($0, "--found") } ?? asOf, evidence: evidence,
                                                            amount: money, penalty: penalty, actor: try options.actingAs(), asOf: asOf)
                if options.json { printJSON(violation.json); return }
                var effects = ["credit −\(violation.credit)"]
                if violation.deducted.fen > 0 { effects.append("−\(violation.deducted) on the next statement") }
                if let until = violation.suspendedUntil { effects.append("agreement suspended until \(until)") }
                if let bar = violation.barredUntil { effects.append("agreement terminated; barred until \(bar)") }
                print("violation \(violation.id): \(violation.type) at \(violation.institution), \(violation.penalty): " + effects.joined(separator: ", "))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the violations recorded.")
        @Option(help: "Only this institution's violations.") var institution: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let listed = try options.supervision().violations(institution: institution, actor: try options.actingAs(), page: try page.request())
                let violations = listed.items
                if options.json {
                    printJSON(["violations": .array(violations.map(\.json)), "next": listed.next.map(JSONValue.integer) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("TYPE", "类型"), ("PENALTY", "处理"), ("DECIDED", "决定"), ("AMOUNT", "金额"), ("DEDUCTED", "扣减"), ("CREDIT", "信用")])
                for v in violations {
                    table.append([String(v.id), v.institution, v.type, v.penalty, v.decidedOn.description, "\(v.amount)", "\(v.deducted)", "−\(v.credit)"])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }
}

/// `ltc credit SUBJECT`: a credit score and its history.
struct CreditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit",
        abstract: "Show the credit score and history of institution:ID, caregiver:INSTITUTION/ID or person:ID."
    )
    @Argument(help: ArgumentHelp("Whose credit.", valueName: "subject")) var subject: String
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reading {
            let service = try options.supervision()
            let record = try service.credit(of: subject, actor: try options.actingAs(), asOf: try options.day())
            if options.json { printJSON(record.json); return }
            print("\(record.subject): credit \(record.score)" + (record.barred ? " (below the line for designation)" : record.closerChecks ? " (closer checks)" : ""))
            for entry in record.history {
                print("  \(entry.date)  \(entry.change > 0 ? "+" : "")\(entry.change)  → \(entry.score)  \(entry.reason)")
            }
        }
    }
}

/// `ltc performance`: an institution's performance assessment for a period.
struct PerformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performance",
        abstract: "Assess an institution's performance for a period and release or keep what was withheld.",
        discussion: "Indicators come from the scheme's supervision.assessment; give each inspector-scored one as --score ID=0..100." + "\n\n" + examples("ltc performance --institution I001 --from 2026-04-01 --to 2026-06-30 --score inspection=85 --actor administrator:wang")
    )
    @Option(help: "The institution id.") var institution: String
    @Option(help: ArgumentHelp("First day of the period.", valueName: "date")) var from: String
    @Option(help: ArgumentHelp("Last day of the period.", valueName: "date")) var to: String
    @Option(help: ArgumentHelp("An inspector's score, e.g. inspection=85 (repeat).", valueName: "id=score")) var score: [String] = []
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reportingErrors {
            var scores: [String: Int] = [:]
            for entry in score {
                let parts = entry.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let value = Int(parts[1]) else { throw CaseError(.invalidInput, "--score '\(entry)' is not ID=SCORE") }
                scores[String(parts[0])] = value
            }
            let service = try options.supervision()
            let result = try service.assessPerformance(institution: institution, from: try parseDate(from, "--from"), to: try parseDate(to, "--to"),
                                                       inspector: scores, actor: try options.actingAs(), asOf: try options.day())
            if options.json { printJSON(result.json); return }
            var table = TextTable()
            table.header([("INDICATOR", "指标"), ("", ""), ("VALUE", "数值"), ("SCORE", "得分"), ("WEIGHT", "权重"), ("CONTRIBUTION", "贡献")])
            for line in result.lines {
                table.append([line.indicator, line.name.zh, line.value, "\(line.score)", String(line.weight), "\(line.contribution)"])
            }
            print("\(result.institution), \(result.from) to \(result.to): \(result.total) points, rated \(result.rating)")
            print(table.rendered())
            print("withheld in the period: \(result.withheld); " + (result.released ? "released on the next statement" : "kept"))
        }
    }
}

/// `ltc report --month`: a settled month's fund use for the fund's managers.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A settled month's fund use by grade, mode, district and institution, the most rejected logs and the ratings.",
        discussion: """
            Prints a summary. --csv DIR writes each table to a CSV file of its own (report-MONTH-TABLE.csv: \
            \(FundReport.tableNames.joined(separator: ", "))), --table NAME prints one as CSV, and --html FILE \
            writes a self-contained page with charts; --csv and --html together write both.

            EXAMPLES:
              ltc report --month 2026-04 --actor administrator:wang
              ltc report --month 2026-04 --csv reports/ --html reports/2026-04.html --actor auditor:zhao
              ltc report --month 2026-04 --table district --bom --actor auditor:zhao > district.csv
            """
    )
    @Option(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month")) var month: String
    @Option(help: ArgumentHelp("Write each table as a CSV file in this folder (made if missing).", valueName: "dir")) var csv: String?
    @Option(help: ArgumentHelp("Print one table as CSV: \(FundReport.tableNames.joined(separator: ", ")).", valueName: "name")) var table: String?
    @Flag(help: "Begin CSV with a UTF-8 byte-order mark, for spreadsheet programs that need one.") var bom = false
    @Option(help: ArgumentHelp("Write the report as a self-contained HTML page.", valueName: "file")) var html: String?
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reading {
            guard let month = YearMonth(month) else { throw CaseError(.invalidInput, "--month '\(self.month)' is not YYYY-MM") }
            if let table, !FundReport.tableNames.contains(table) {
                throw InputError(source: "--table", message: "'\(table)' is not a table of the report; use one of \(FundReport.tableNames.joined(separator: ", "))")
            }
            let report = try options.reports().report(month: month, actor: try options.actingAs())
            if let table { print(report.table(table)!.text(bom: bom), terminator: ""); return }
            if let csv {
                do {
                    try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true)
                } catch {
                    throw InputError(source: "--csv", message: "\(csv) is not a folder that can be made or written: \(error.localizedDescription)")
                }
                for (name, table) in report.tables {
                    let path = URL(fileURLWithPath: csv).appendingPathComponent("report-\(month)-\(name).csv").path
                    try writeFile(table.text(bom: bom), to: path, what: "report")
                    print("wrote \(path)")
                }
            }
            if let html {
                try writeFile(report.html, to: html, what: "report")
                print("wrote \(html)")
            }
            if csv != nil || html != nil { return }
            if options.json { printJSON(report.json); return }
            print(Self.text(report))
        }
    }

    /// The report for people: each breakdown a table with a total row, headed in English and Chinese.
    static func text(_ report: FundReport) -> String {
        var lines = ["fund use \(report.month) 基金使用: fund share \(report.fund.grouped)"
                     + (report.adjustments == .zero ? "" : ", adjustments \(report.adjustments.grouped)")
                     + (report.subsidiesDeducted == .zero ? "" : ", other subsidies deducted \(report.subsidiesDeducted.grouped)")
                     + (report.netFund == report.fund ? "" : ", net \(report.netFund.grouped)")
                     + ", withheld \(report.settlement.statements.reduce(Money.zero) { $0 + $1.withheld }.grouped)"
                     + ", payable \(report.settlement.fundTotal.grouped)"
                     + (report.cash.map { "; cash paid \($0.total.grouped) (\(ProgressLine.grouped($0.payments)) payments), total spent \(report.totalSpent.grouped)" } ?? "")]
        for (english, chinese, rows) in [("GRADE", "等级", report.byGrade), ("MODE", "服务方式", report.byMode),
                                         ("DISTRICT", "区", report.byDistrict), ("INSTITUTION", "机构", report.byInstitution)] {
            var table = TextTable(rightAligned: [1, 2, 3])
            table.append([english, "LOGS", "ALLOWED", "FUND SHARE"])
            table.append([chinese, "日志", "核定", "基金支付"])
            for row in rows { table.append([row.key, ProgressLine.grouped(row.logs), row.allowed.grouped, row.fund.grouped]) }
            let logs = rows.reduce(0) { $0 + $1.logs }, allowed = rows.reduce(Money.zero) { $0 + $1.allowed }
            table.append(["TOTAL 合计", ProgressLine.grouped(logs), allowed.grouped, rows.reduce(Money.zero) { $0 + $1.fund }.grouped])
            lines.append("")
            lines.append(table.rendered())
        }
        if !report.mostRejected.isEmpty {
            var table = TextTable(rightAligned: [1, 2, 3])
            table.append(["MOST REJECTED", "RECEIVED", "REJECTED", "SHARE"])
            table.append(["拒付最多", "收到", "拒付", "比例"])
            for row in report.mostRejected {
                table.append([row.institution, ProgressLine.grouped(row.received), ProgressLine.grouped(row.rejected), "\(Points(hundredths: row.share)) %"])
            }
            lines.append("")
            lines.append(table.rendered())
        }
        if !report.outOfRegion.isEmpty {
            var table = TextTable(rightAligned: [1, 2, 3])
            table.append(["LIVING OUTSIDE THE REGION", "LOGS", "ALLOWED", "FUND SHARE"])
            table.append(["异地居住", "日志", "核定", "基金支付"])
            for row in report.outOfRegion {
                table.append([row.key, ProgressLine.grouped(row.logs), row.allowed.grouped, row.fund.grouped])
            }
            lines.append("")
            lines.append(table.rendered())
        }
        for statement in report.budgetWarnings {
            lines.append("budget warning 预算预警: \(statement.institution) has used \((statement.usedThisYear ?? .zero).grouped) of "
                         + "\((statement.budget ?? .zero).grouped) this year, reaching \(statement.warning?.description ?? "")"
                         + (statement.heldAboveBudget == .zero ? "" : "; \(statement.heldAboveBudget.grouped) held above the budget"))
        }
        return lines.joined(separator: "\n")
    }
}

/// `ltc inspection` and `ltc complaint`: supervision records.
struct InspectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "Record an on-site inspection with its score (0–100); it feeds the assessment, and a good one the credit.",
            discussion: examples("ltc inspection --institution I001 --score 92 --note \"records complete\" --actor administrator:wang")
    )
    @Option(help: "The institution id.") var institution: String
    @Option(help: "The inspector's score, 0–100.") var score: Int
    @Option(help: "The findings.") var note: String
    @Option(help: ArgumentHelp("The day of the inspection (default: --as-of).", valueName: "date")) var date: String?
    @Option(help: ArgumentHelp("The random draw that sent the inspectors (ltc inspections draw).", valueName: "id")) var draw: Int?
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reportingErrors {
            let service = try options.supervision()
            let asOf = try options.day()
            let record = try service.record(.inspection, institution: institution, date: try date.map { try parseDate($0, "--date") } ?? asOf,
                                            score: score, person: nil, note: note, draw: draw, actor: try options.actingAs(), asOf: asOf)
            if options.json { printJSON(record.json) } else { print("inspection \(record.id) of \(institution) on \(record.date): \(score)") }
        }
    }
}

struct ComplaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complaint",
        abstract: "Record a complaint about an institution; complaints count in its performance assessment.",
            discussion: examples("ltc complaint --institution I001 --note \"visits late\" --person 1 --actor administrator:wang")
    )
    @Option(help: "The institution id.") var institution: String
    @Option(help: "The complaint.") var note: String
    @Option(help: "The insured person who complained, if any.") var person: Int?
    @Option(help: ArgumentHelp("The day received (default: --as-of).", valueName: "date")) var date: String?
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reportingErrors {
            let service = try options.supervision()
            let asOf = try options.day()
            let record = try service.record(.complaint, institution: institution, date: try date.map { try parseDate($0, "--date") } ?? asOf,
                                            score: nil, person: person, note: note, actor: try options.actingAs(), asOf: asOf)
            if options.json { printJSON(record.json) } else { print("complaint \(record.id) about \(institution) on \(record.date)") }
        }
    }
}

/// `ltc inspections draw|results`: inspections by random draw (双随机一公开).
struct InspectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspections",
        abstract: "Inspections by random draw: institutions and inspectors drawn with a kept seed, and the results published.",
        subcommands: [Draw.self, Results.self]
    )

    struct Draw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draw", abstract: "Draw institutions with an agreement in force, and two inspectors each from the staff registry.",
            discussion: "The seed and both pools are kept: the same seed and pools give the same draw." + "\n\n"
                + examples("ltc inspections draw --count 3 --actor administrator:wang", "ltc inspections draw --count 3 --seed 42 --actor administrator:wang"))
        @Option(help: "How many institutions.") var count: Int
        @Option(help: "A seed to draw with (else one is made and kept).") var seed: UInt64?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let draw = try options.supervision().drawInspections(count: count, seed: seed, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(draw.json); return }
                print("inspection draw \(draw.id) on \(draw.drawnOn), seed \(draw.seed): \(draw.picks.count) of \(draw.institutionPool.count) institutions, inspectors from \(draw.inspectorPool.count)")
                for pick in draw.picks { print("  \(pick.institution): \(pick.inspectors.joined(separator: ", "))") }
            }
        }
    }

    struct Results: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "results", abstract: "A draw and its inspections' results, published to every registered actor.")
        @Argument(help: "The draw's id.") var id: Int
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let (draw, results) = try options.supervision().inspectionResults(draw: id, actor: try options.actingAs())
                if options.json {
                    printJSON(["draw": draw.json, "results": .array(results.map(\.json))])
                    return
                }
                var table = TextTable(rightAligned: [2])
                table.header([("INSTITUTION", "机构"), ("INSPECTORS", "检查人员"), ("SCORE", "得分"), ("DATE", "日期"), ("FINDINGS", "结果")])
                for pick in draw.picks {
                    let found = results.filter { $0.institution == pick.institution }
                    if found.isEmpty { table.append([pick.institution, pick.inspectors.joined(separator: ", "), "—", "not yet", ""]) }
                    for record in found {
                        table.append([pick.institution, pick.inspectors.joined(separator: ", "), record.score.map(String.init) ?? "", record.date.description, record.note])
                    }
                }
                print("inspection draw \(draw.id) on \(draw.drawnOn), seed \(draw.seed)")
                print(table.rendered())
            }
        }
    }
}
