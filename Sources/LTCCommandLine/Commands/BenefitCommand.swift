import LTCOperations
import Foundation
import ArgumentParser
import LTCAssessment
import LTCBenefits
import LTCCases
import LTCCore
import LTCReports
import LTCSchemes
import LTCStorage

/// Where a command finds its scheme: a scheme file, or a scheme stored in the database.
struct SchemeSource: ParsableArguments {
    @Option(name: .customLong("scheme-file"), help: ArgumentHelp("A scheme file, or a built-in example's name.", valueName: "file")) var file: String?
    @Option(help: ArgumentHelp("The id of a scheme stored in the database, else of a built-in example.", valueName: "id")) var scheme: String?
    @Option(help: ArgumentHelp("The database (for --scheme): an SQLite file or postgresql://USER@HOST:PORT/DBNAME; else $LTC_DB, else ./ltc.sqlite.", valueName: "path|uri")) var db: String?

    func load() throws -> Scheme {
        switch (file, scheme) {
        case (let file?, nil):
            return try loadScheme(file)
        case (nil, let id?):
            return try stored(id) ?? BuiltInSchemes.scheme(named: id) ?? { throw CaseError(.noSchemeInForce, "no stored scheme '\(id)' and no built-in one; built in: \(BuiltInSchemes.names.joined(separator: ", "))") }()
        default:
            throw CaseError(.invalidInput, "name the scheme with exactly one of --scheme-file FILE and --scheme ID")
        }
    }

    /// The scheme stored as `id` in the database, if there is a database and it holds one.
    private func stored(_ id: String) throws -> Scheme? {
        let path = CaseOptions.databasePath(db)
        if case .sqlite(let file) = StoreLocation(path), !FileManager.default.fileExists(atPath: file) { return nil }
        return try OpenStores.$existingOnly.withValue(true) {
            try RegistryService(store: try OpenStores.store(path: path), clock: SystemClock()).storedScheme(id: id)
        }
    }
}

/// An insured group named on the command line.
func parseInsurance(_ text: String, _ option: String) throws(CaseError) -> InsuranceType {
    guard let type = InsuranceType(rawValue: text) else {
        throw CaseError(.invalidInput, "\(option) '\(text)' is not an insurance type; accepted: \(InsuranceType.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return type
}

func parseMonth(_ text: String, _ option: String) throws(CaseError) -> YearMonth {
    guard let month = YearMonth(text) else { throw CaseError(.invalidInput, "\(option) '\(text)' is not a month; use YYYY-MM") }
    return month
}

/// `ltc benefit quote|entitlement`: what a grade and mode earn, and what a case is owed.
struct BenefitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benefit",
        abstract: "Benefits by grade and service mode, and a case's monthly entitlement.",
        subcommands: [Quote.self, EntitlementCommand.self]
    )

    struct Quote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quote", abstract: "What a grade earns in a service mode in a month, line by line.",
            discussion: examples("ltc benefit quote --scheme nanjing-style-2026 --grade 4 --mode home-visit --month 2026-03",
                                 "ltc benefit quote --scheme urumqi-2022 --grade 5 --mode home-visit --insured resident --month 2026-03"))
        @OptionGroup var source: SchemeSource
        @Option(help: "The disability grade.") var grade: Int
        @Option(help: "The service mode id.") var mode: String
        @Option(help: ArgumentHelp("The insured group (employee or resident), where the scheme prices groups apart.", valueName: "group")) var insured: String?
        @Option(help: "The contribution tier within the group, where the scheme prices tiers.") var tier: Int?
        @Option(help: ArgumentHelp("The month (YYYY-MM).", valueName: "month")) var month: String
        @Option(help: "Days of the month in force (default: all).") var days: Int?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() throws {
            try reportingErrors {
                guard tier == nil || insured != nil else { throw CaseError(.invalidInput, "--tier is a tier of an insured group: give --insured too") }
                let quote = try BenefitQuote(scheme: try source.load(), grade: grade, mode: mode,
                                             insured: try insured.map { text throws(CaseError) in InsuredGroup(try parseInsurance(text, "--insured"), tier: tier) },
                                             month: try parseMonth(month, "--month"), days: days)
                if json { printJSON(quote.json); return }
                print(quote.lines.joined(separator: "\n"))
                var summary = "entitled: eligible cost \(quote.eligibleCost), fund \(quote.fundShare), person \(quote.personalShare)"
                if quote.cash > .zero || quote.pricing == .cash { summary += ", cash \(quote.cash)" }
                print(summary)
            }
        }
    }

    struct EntitlementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "entitlement", abstract: "A stored case's entitlement for a month, day by day.")
        @Argument(help: "The case id.") var id: Int
        @Option(help: ArgumentHelp("The month (YYYY-MM).", valueName: "month")) var month: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let result = try options.cases().entitlement(caseID: id, month: try parseMonth(month, "--month"), actor: try options.actingAs())
                if options.json { printJSON(result.json) } else { print(result.lines.joined(separator: "\n")) }
            }
        }
    }
}

/// `ltc fund project`: outlay, contributions and balance.
struct FundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund",
        abstract: "Fund projections.",
        subcommands: [Project.self]
    )

    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project",
            abstract: "Project the fund's outlay, contribution income and balance for a month and the year from it.",
            discussion: #"The input file: {"beneficiaries": [{"grade": 3, "mode": "home-visit", "count": 1200}, …] (add "insured": "employee" or "resident" where the scheme prices groups apart), "insured": [{"type": "employee", "count": 500000, "averageMonthlyBase": 6000}, …]}. With --stored, the beneficiaries are the stored cases in force on the first day of the month (needs --actor)."#
        )
        @OptionGroup var source: SchemeSource
        @Option(help: ArgumentHelp("The first month (YYYY-MM).", valueName: "month")) var from: String
        @Option(help: ArgumentHelp("Counts of beneficiaries and insured people (JSON).", valueName: "file")) var input: String
        @Flag(help: "Take the beneficiaries from the stored cases instead of the file.") var stored = false
        @Option(help: ArgumentHelp("Who is acting, for --stored.", valueName: "role:id")) var actor: String?
        @Flag(help: "Print CSV.") var csv = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try reportingErrors {
                let scheme = try source.load()
                let month = try parseMonth(from, "--from")
                let document: JSONValue
                do { document = try JSONParser.parse(try readInput(input)) } catch let error as JSONParseError {
                    throw InputError(source: input, message: "not valid JSON: \(error)")
                }
                let log = JSONProblemLog()
                let fields = log.fields(of: document, at: .root, accepting: ["beneficiaries", "insured"])
                var groups: [FundProjection.Group] = []
                if !stored {
                    groups = fields?.array("beneficiaries")?.compactMap { value, path -> FundProjection.Group? in
                        guard let row = log.fields(of: value, at: path, accepting: ["grade", "mode", "insured", "tier", "count"]),
                              let grade = row.int("grade"), let mode = row.string("mode"), let count = row.int("count") else { return nil }
                        var insured: InsuredGroup?
                        if let name = row.optionalString("insured") {
                            insured = InsuranceType(rawValue: name).map { InsuredGroup($0, tier: row.optionalInt("tier")) }
                            if insured == nil { log.report(row.path.appending("insured"), "'\(name)' is not employee or resident") }
                        } else if row.has("tier") {
                            log.report(row.path.appending("tier"), "a tier is of an insured group: give 'insured' too")
                        }
                        return FundProjection.Group(grade: grade, mode: mode, insured: insured, count: count)
                    } ?? []
                }
                let insured = fields?.array("insured")?.compactMap { value, path -> FundProjection.Insured? in
                    guard let row = log.fields(of: value, at: path, accepting: ["type", "count", "averageMonthlyBase"]),
                          let typeName = row.string("type"), let count = row.int("count") else { return nil }
                    guard let type = InsuranceType(rawValue: typeName) else {
                        log.report(row.path.appending("type"), "'\(typeName)' is not employee or resident")
                        return nil
                    }
                    guard let base = row.object["averageMonthlyBase"].flatMap(Money.init(json:)) else {
                        log.report(row.path.appending("averageMonthlyBase"), "needs an amount in yuan")
                        return nil
                    }
                    return FundProjection.Insured(type: type, count: count, averageMonthlyBase: base)
                } ?? []
                guard log.problems.isEmpty else {
                    throw InputError(source: input, message: log.problems.map(\.description).joined(separator: "; "))
                }
                if stored {
                    guard let actor else { throw CaseError(.invalidInput, "--stored needs --actor") }
                    let store = try OpenStores.store(path: CaseOptions.databasePath(source.db))
                    let service = CaseService(store: store, forms: try FormCatalog.load(), clock: SystemClock())
                    groups = try service.population(on: month.firstDay, schemeID: scheme.id, actor: try CaseOptions.registered(actor, in: store))
                }
                let projection = try FundProjection(scheme: scheme, from: month, beneficiaries: groups, insured: insured)
                if csv { print(projection.csv); return }
                // Beside a projection of the stored cases, what the fund actually spent in the month, once settled and paid.
                var actual: JSONValue?
                if stored, let actor {
                    let store = try OpenStores.store(path: CaseOptions.databasePath(source.db))
                    let who = try CaseOptions.registered(actor, in: store)
                    if Access.allows(who, .readAll) { actual = try FundReportService(store: store).spending(month: month, actor: who) }
                }
                if json {
                    guard var object = projection.json.objectValue, let actual else { printJSON(projection.json); return }
                    object.set("actual", actual)
                    printJSON(.object(object))
                    return
                }
                var table = TextTable()
                table.header([("GRADE", "等级"), ("MODE", "服务方式"), ("COUNT", "人数"), ("PER PERSON", "人均"), ("\(month)", "本月"), ("12 MONTHS", "12个月")])
                for row in projection.outlay {
                    table.append([String(row.group.grade), row.group.mode, String(row.group.count), row.perPersonMonth.description,
                                  row.month.description, row.year.description])
                }
                table.append(["", "outlay", "", "", projection.monthlyOutlay.description, projection.yearlyOutlay.description])
                for row in projection.income {
                    table.append(["", "income \(row.insured.type.rawValue)", String(row.insured.count), row.perPersonYear.description + "/yr", "", row.year.description])
                }
                table.append(["", "balance", "", "", "", projection.yearlyBalance.description])
                print("scheme \(scheme.id), \(month) and the 12 months from it (yuan)")
                print(table.rendered())
                if let actual, let total = actual["total"].flatMap(Money.init(json:)) {
                    let part = { (key: String) in actual[key].flatMap(Money.init(json:))?.description ?? "not yet" }
                    print("actual \(month): care \(part("care")) + cash \(part("cash")) = \(total), against the projected \(projection.monthlyOutlay)")
                }
            }
        }
    }
}
