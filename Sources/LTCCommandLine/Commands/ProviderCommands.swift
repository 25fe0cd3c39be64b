import LTCOperations
import ArgumentParser
import Foundation
import Synchronization
import LTCCases
import LTCCore
import LTCProviders
import LTCStorage

/// `ltc institution add|list`: the registry of care institutions.
struct InstitutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institution",
        abstract: "Register and list care institutions.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Register an institution from a JSON file.",
            discussion: """
                FILE: {"id", "name", "type" (nursingHome, homeCare, medicalCare, community), "licence", \
                "deliveries" (home, family, community, institution, medical), "capacity", "address", "district", "contact"}.
                """ + "\n\n" + examples("ltc institution add institution.json --actor administrator:wang")
        )
        @Argument(help: ArgumentHelp("The institution as JSON, or - for standard input.", valueName: "file")) var file: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let json: JSONValue
                do { json = try JSONParser.parse(try readInput(file)) } catch let error as JSONParseError {
                    throw InputError(source: file, message: "not valid JSON: \(error)")
                }
                let log = JSONProblemLog()
                let institution = log.fields(of: json, at: .root, accepting: Institution.fields).flatMap(Institution.read)
                guard let institution, log.problems.isEmpty else {
                    throw InputError(source: file, message: log.problems.map(\.description).joined(separator: "; "))
                }
                let service = try options.agreements()
                let saved = try service.register(institution, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(saved.json) } else { print("registered institution \(saved.id) \(saved.name)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the institutions.")
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let listed = try options.agreements().institutions(page: try page.request())
                let institutions = listed.items
                if options.json {
                    printJSON(["institutions": .array(institutions.map(\.json)), "next": listed.next.map(JSONValue.string) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("ID", "编号"), ("TYPE", "类型"), ("DISTRICT", "区"), ("CAPACITY", "容量"), ("NAME", "名称")])
                for institution in institutions {
                    table.append([institution.id, institution.type.rawValue, institution.district, String(institution.capacity), institution.name])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }
}

/// `ltc agreement …`: designation agreements and their life.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Apply for, review, sign, amend, suspend, resume, terminate and list designation agreements.",
        subcommands: [Apply.self, Review.self, Sign.self, Amend.self, Suspend.self, Resume.self, Terminate.self, List.self, Exits.self, Transfer.self]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "apply", abstract: "Record an institution's application with the proposed terms.", discussion: examples("ltc agreement apply --institution I001 --scheme hours-home-care-2026 --start 2026-01-01 --end 2026-12-31 --mode home-visit --price S01=65 --capacity 50 --actor administrator:wang"))
        @Option(help: "The institution id.") var institution: String
        @Option(help: "The scheme id.") var scheme: String
        @Option(help: ArgumentHelp("First day of the term.", valueName: "date")) var start: String
        @Option(help: ArgumentHelp("Last day of the term.", valueName: "date")) var end: String
        @Option(help: ArgumentHelp("A service mode covered (repeat for more; none for an assessment agency).", valueName: "mode")) var mode: [String] = []
        @Option(help: ArgumentHelp("An item's agreed price in yuan, e.g. S01=60 (repeat for more).", valueName: "code=yuan")) var price: [String] = []
        @Option(help: "Clients the agreement allows at once.") var capacity: Int
        @Option(help: ArgumentHelp("For the admission criteria: a JSON object {legalPerson, caregivers, qualifiedCaregivers, administrators, beds, pledgedClean}.", valueName: "json")) var facts: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                let declared = try facts.map { text throws -> AdmissionFacts in
                    guard let json = try? JSONParser.parse(text), let facts = AdmissionFacts(json: json) else {
                        throw CaseError(.invalidInput, "--facts needs a JSON object with legalPerson and pledgedClean (true or false) and caregivers, qualifiedCaregivers, administrators, beds (whole numbers)")
                    }
                    return facts
                }
                let agreement = try service.applyForAgreement(
                    institution: institution, schemeID: scheme, start: try parseDate(start, "--start"), end: try parseDate(end, "--end"),
                    modes: mode, prices: try prices(price), capacity: capacity, facts: declared, actor: try options.actingAs(), asOf: try options.day())
                show(agreement, options)
            }
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "review", abstract: "Record the agency's review of an application.", discussion: examples("ltc agreement review AG-I001-1 --actor administrator:wang"))
        @Argument(help: "The agreement id.") var id: String
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                show(try service.review(agreement: id, actor: try options.actingAs(), asOf: try options.day()), options)
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign a reviewed agreement: it covers services from its start or today.", discussion: examples("ltc agreement sign AG-I001-1 --actor administrator:wang"))
        @Argument(help: "The agreement id.") var id: String
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                show(try service.sign(agreement: id, actor: try options.actingAs(), asOf: try options.day()), options)
            }
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "amend", abstract: "A new version of the terms from a date (renewal: a later --end).", discussion: examples("ltc agreement amend AG-I001-1 --from 2026-07-01 --price S01=68 --actor administrator:wang", "ltc agreement amend AG-I001-1 --from 2026-12-01 --end 2027-12-31 --actor administrator:wang   # a renewal"))
        @Argument(help: "The agreement id.") var id: String
        @Option(help: ArgumentHelp("The first day of the new version.", valueName: "date")) var from: String
        @Option(help: ArgumentHelp("A new last day of the term.", valueName: "date")) var end: String?
        @Option(help: ArgumentHelp("The modes covered from then (repeat).", valueName: "mode")) var mode: [String] = []
        @Option(help: ArgumentHelp("The prices from then, code=yuan (repeat).", valueName: "code=yuan")) var price: [String] = []
        @Option(help: "The capacity from then.") var capacity: Int?
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                show(try service.amend(agreement: id, effectiveFrom: try parseDate(from, "--from"), end: try end.map { try parseDate($0, "--end") },
                                       modes: mode.isEmpty ? nil : mode, prices: price.isEmpty ? nil : try prices(price), capacity: capacity,
                                       actor: try options.actingAs(), asOf: try options.day()), options)
            }
        }
    }

    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend an agreement from a date: its institution's logs from then are rejected.", discussion: examples("ltc agreement suspend AG-I001-1 --from 2026-06-01 --reason \"records missing\" --actor administrator:wang"))
        @Argument(help: "The agreement id.") var id: String
        @Option(help: ArgumentHelp("The first day suspended (default: --as-of).", valueName: "date")) var from: String?
        @Option(help: "Why.") var reason: String
        @Option(help: ArgumentHelp("voluntary (the provider's own, 3 months' notice), impersonation, lending-qualification, fraud, violation or other.", valueName: "ground")) var ground = "other"
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                let asOf = try options.day()
                show(try service.suspend(agreement: id, from: try from.map { try parseDate($0, "--from") } ?? asOf, reason: reason,
                                         ground: try ExitGround(named: ground), actor: try options.actingAs(), asOf: asOf), options)
            }
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resume", abstract: "End a suspension: the agreement covers again from a date.", discussion: examples("ltc agreement resume AG-I001-1 --on 2026-07-01 --actor administrator:wang"))
        @Argument(help: "The agreement id.") var id: String
        @Option(help: ArgumentHelp("The first day covered again (default: --as-of).", valueName: "date")) var on: String?
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                let asOf = try options.day()
                show(try service.resume(agreement: id, on: try on.map { try parseDate($0, "--on") } ?? asOf, actor: try options.actingAs(), asOf: asOf), options)
            }
        }
    }

    struct Terminate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "terminate", abstract: "Terminate an agreement: it covers nothing after the date.", discussion: examples("ltc agreement terminate AG-I001-1 --on 2026-09-30 --reason \"closing\" --actor administrator:wang"))
        @Argument(help: "The agreement id.") var id: String
        @Option(help: ArgumentHelp("The last day covered (default: --as-of).", valueName: "date")) var on: String?
        @Option(help: "Why.") var reason: String
        @Option(help: ArgumentHelp("voluntary or non-renewal (the provider's own, 3 months' notice), impersonation, lending-qualification, fraud, violation or other.", valueName: "ground")) var ground = "other"
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                let asOf = try options.day()
                show(try service.terminate(agreement: id, on: try on.map { try parseDate($0, "--on") } ?? asOf, reason: reason,
                                           ground: try ExitGround(named: ground), actor: try options.actingAs(), asOf: asOf), options)
            }
        }
    }

    struct Exits: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exits", abstract: "Suspended and terminated providers, published to every registered actor.")
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reading {
                _ = try options.actingAs()
                let listed = try options.agreements().exits(page: try page.request())
                if options.json {
                    printJSON(["agreements": .array(listed.items.map(\.json)), "next": listed.next.map(JSONValue.string) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("AGREEMENT", "协议"), ("INSTITUTION", "机构"), ("STATUS", "状态"), ("FROM", "起"), ("GROUND", "原因")])
                for agreement in listed.items {
                    let from = agreement.status == .terminated ? agreement.terminatedOn.map { "after \($0)" } : agreement.suspensions.last.map { "\($0.from)" }
                    table.append([agreement.id, agreement.institution, agreement.status.rawValue, from ?? "", agreement.exitGround?.rawValue ?? ""])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transfer", abstract: "Move an institution's clients to another from a day, in the same modes, without a gap in care.",
            discussion: examples("ltc agreement transfer --from I001 --to I002 --on 2026-10-01 --actor administrator:wang"))
        @Option(help: "The institution leaving.") var from: String
        @Option(help: "The institution taking its clients.") var to: String
        @Option(help: ArgumentHelp("The first day with the new institution (default: --as-of).", valueName: "date")) var on: String?
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reportingErrors {
                let asOf = try options.day()
                let moved = try options.agreements().transferClients(from: from, to: to, on: try on.map { try parseDate($0, "--on") } ?? asOf,
                                                                      actor: try options.actingAs(), asOf: asOf)
                if options.json { printJSON(["enrolments": .array(moved.map(\.json))]); return }
                print("\(moved.count) client\(moved.count == 1 ? "" : "s") moved from \(from) to \(to): " + moved.map { "case \($0.caseID) (\($0.mode))" }.joined(separator: ", "))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the agreements with their current terms.")
        @Option(help: "Only this institution's agreements.") var institution: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reading {
                let listed = try options.agreements().agreements(institution: institution, actor: try options.actingAs(), page: try page.request())
                let agreements = listed.items
                if options.json {
                    printJSON(["agreements": .array(agreements.map(\.json)), "next": listed.next.map(JSONValue.string) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("STATUS", "状态"), ("VERSION", "版本"), ("TERM", "协议期"), ("MODES", "服务方式"), ("PRICES", "价格")])
                for agreement in agreements {
                    let terms = agreement.current
                    table.append([agreement.id, agreement.institution, agreement.status.rawValue, String(terms.version),
                                  "\(terms.start) to \(terms.end)", terms.modes.joined(separator: ","),
                                  terms.prices.keys.sorted().map { "\($0)=\(terms.prices[$0]!)" }.joined(separator: " ")])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }

    static func show(_ agreement: Agreement, _ options: CaseOptions) {
        if options.json { printJSON(agreement.json) } else {
            print("agreement \(agreement.id) (\(agreement.institution)): \(agreement.status.rawValue), version \(agreement.current.version), term \(agreement.current.start) to \(agreement.current.end)")
        }
    }

    /// `S01=60` → S01: 60 yuan.
    static func prices(_ given: [String]) throws -> [String: Money] {
        var prices: [String: Money] = [:]
        for entry in given {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let money = Money(text: String(parts[1])) else {
                throw CaseError(.invalidInput, "--price '\(entry)' is not CODE=YUAN, e.g. S01=60 or S01=60.50 (\(Money.accepted))")
            }
            prices[String(parts[0])] = money
        }
        return prices
    }
}

private func show(_ agreement: Agreement, _ options: CaseOptions) { AgreementCommand.show(agreement, options) }
private func prices(_ given: [String]) throws -> [String: Money] { try AgreementCommand.prices(given) }

/// `ltc caregiver add|list`: caregivers registered by real name with an institution.
struct CaregiverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caregiver",
        abstract: "Register and list caregivers.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register (or update) a caregiver of an institution.", discussion: examples("ltc caregiver add --institution I001 --id C1 --name 张护理 --qualification caregiver --from 2026-01-01 --actor institution:I001", "ltc caregiver add --institution I001 --id C2 --name 李护理 --qualification nurse --from 2026-01-01 --national-id 11010519491231002X --actor institution:I001"))
        @Option(help: "The institution id.") var institution: String
        @Option(help: "The caregiver's id within the institution.") var id: String
        @Option(help: "Full name.") var name: String
        @Option(help: ArgumentHelp("A qualification: nurse, caregiver or rehabilitation (repeat for more).", valueName: "name")) var qualification: [String]
        @Option(help: ArgumentHelp("First day employed.", valueName: "date")) var from: String
        @Option(help: ArgumentHelp("Last day employed, if it has ended.", valueName: "date")) var to: String?
        @Option(name: .customLong("national-id"), help: ArgumentHelp("The caregiver's national ID: bars follow the person to any institution.", valueName: "id"))
        var nationalID: String?
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let service = try options.agreements()
                var caregiver = Caregiver(id: id, name: name, institution: institution, qualifications: qualification,
                                          employment: [DatePeriod(from: try parseDate(from, "--from"), to: try to.map { try parseDate($0, "--to") })])
                caregiver.nationalID = try nationalID.map { text throws(CaseError) in try NationalID(text) }
                let saved = try service.register(caregiver, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(saved.json) } else { print("registered caregiver \(saved.institution)/\(saved.id) \(saved.name)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the caregivers, by institution and id.")
        @Option(help: "Only this institution's caregivers.") var institution: String?
        @Option(help: ArgumentHelp("At most this many (1–10000).", valueName: "n")) var limit: Int = PageRequest<Int>.defaultLimit
        @Option(help: ArgumentHelp("Only those after this caregiver: the next the last page printed.", valueName: "institution/id")) var after: String?
        @OptionGroup var options: CaseOptions
        func run() throws {
            try reading {
                let cursor = try after.map { text throws(InputError) -> CaregiverKey in
                    guard let key = CaregiverKey(text) else { throw InputError(source: "--after", message: "'\(text)' is not INSTITUTION/ID") }
                    return key
                }
                let listed = try options.agreements().caregivers(institution: institution, actor: try options.actingAs(), page: try PageRequest(after: cursor, limit: limit))
                let caregivers = listed.items
                if options.json {
                    printJSON(["caregivers": .array(caregivers.map(\.json)), "next": listed.next.map { .string($0.description) } ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("INSTITUTION", "机构"), ("ID", "编号"), ("NAME", "姓名"), ("QUALIFICATIONS", "资质"), ("EMPLOYED", "在职")])
                for caregiver in caregivers {
                    table.append([caregiver.institution, caregiver.id, caregiver.name, caregiver.qualifications.joined(separator: ","),
                                  caregiver.employment.map { "\($0.from) to \($0.to?.description ?? "now")" }.joined(separator: "; ")])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }
}

/// `ltc enrol`: a beneficiary's enrolment with an institution.
struct EnrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol",
        abstract: "Enrol a case's beneficiary with an institution in a service mode; the care plan follows the grade's package.",
            discussion: examples("ltc enrol 1 --institution I001 --mode home-visit --from 2026-03-17 --home 31.2304,121.4737 --actor administrator:wang")
    )
    @Argument(help: "The case id.") var caseID: Int
    @Option(help: "The institution id.") var institution: String
    @Option(help: "The service mode.") var mode: String
    @Option(help: ArgumentHelp("First day (default: --as-of).", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("The home's location for check-in distance, e.g. 31.2304,121.4737.", valueName: "lat,lon")) var home: String?
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reportingErrors {
            let service = try options.agreements()
            let asOf = try options.day()
            var point: GeoPoint?
            if let home {
                guard let parsed = GeoPoint(text: Substring(home)) else { throw CaseError(.invalidInput, "--home '\(home)' is not latitude,longitude in decimal degrees") }
                point = parsed
            }
            let enrolment = try service.enrol(caseID: caseID, institution: institution, mode: mode,
                                              from: try from.map { try parseDate($0, "--from") } ?? asOf, home: point,
                                              actor: try options.actingAs(), asOf: asOf)
            if options.json { printJSON(enrolment.json) } else {
                let plan = enrolment.weeklyMinutes.map { "\($0 / 60) h a week" } ?? enrolment.weeklyVisits.map { "\($0) visits a week" } ?? "no weekly limit"
                print("enrolment \(enrolment.id): case \(caseID) with \(institution) in \(mode) from \(enrolment.period.from); plan: \(plan)")
            }
        }
    }
}

/// `ltc logs submit`: service-log intake.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Submit, withdraw and list service logs.",
        subcommands: [Submit.self, Withdraw.self, List.self, Submissions.self]
    )

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Check and store a file of service logs (CSV with a header, or JSON Lines).",
            discussion: """
                CSV columns: log_id,institution,caregiver,person,item,start,end,mode[,latitude,longitude]; \
                times as 2026-04-06T09:00. The whole file is one transaction; sending it again does not count \
                logs twice, and changed logs are corrections. Prints a report by rule; exits 0 even when logs \
                are rejected (the report says which), 65 when the file cannot be used at all.
                """ + "\n\n" + examples("ltc logs submit april-week-2.csv --actor institution:I001", "ltc logs submit - --json --actor institution:I001 < logs.jsonl")
        )
        @Argument(help: ArgumentHelp("The logs file, or - for standard input.", valueName: "file")) var file: String
        @OptionGroup var progress: ProgressOptions
        @OptionGroup var options: CaseOptions

        /// A file this large (about 250,000 logs) is a bulk submission.
        static let bulkBytes = 16 << 20
        /// The page cache of a bulk submission: bounded, and within its 300 MB budget (README, Performance).
        static let bulkCacheKibibytes = 96 << 10

        func run() throws {
            try reportingErrors {
                let service = try options.intake()
                // A file is read a block at a time, never held whole.
                var isDirectory: ObjCBool = false
                let descriptor: Int32 = file == "-" ? STDIN_FILENO : open(file, O_RDONLY)
                guard file == "-" || (FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && !isDirectory.boolValue), descriptor >= 0 else {
                    throw UnreadableFile(path: file)
                }
                defer { if file != "-" { close(descriptor) } }
                let size = file == "-" ? 0 : ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0)
                if size >= Self.bulkBytes {
                    // A bulk submission inserts all over the logs' index: a larger page cache saves rereading it.
                    try options.store().setCacheSize(kibibytes: Self.bulkCacheKibibytes)
                }
                // A bar by bytes of the file's size; for standard input, the amount and the rate only.
                let line = ProgressLine(what: "lines", totalBytes: size, enabled: progress.enabled)
                let checked = Mutex((lines: 0, bytes: 0))
                let report = try service.submit(.descriptor(descriptor), size: size, actor: try options.actingAs(), asOf: try options.day()) { lines, bytes in
                    checked.withLock { $0 = (lines, bytes) }
                    line.update(count: lines, bytes: bytes)
                }
                line.finish(count: report.received, bytes: checked.withLock { $0.bytes })
                if options.json { Self.printJSON(report) } else { print(report.text()) }
            }
        }

        /// Prints the report as `printJSON(report.json)` would, writing its
        /// rejected lines one at a time: a month's bulk submission can have
        /// hundreds of thousands, and their JSON tree would cost more memory
        /// than the submission itself.
        static func printJSON(_ report: SubmissionReport) {
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
}

extension LogsCommand {
    /// `ltc logs withdraw FILE`: takes accepted logs back.
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw accepted service logs: each is stored again as rejected (W01), and what it was paid in a settled month is recovered.",
            discussion: """
                The file names the logs by log id and institution, in the format of `ltc logs submit` (the lines \
                as they were sent will do). A log of a settled month cannot be moved to another month by a \
                correction (T04): withdraw it, then send the service as a new log. One transaction; the report \
                lists log ids with no accepted log to withdraw.
                """ + "\n\n" + examples("ltc logs withdraw mistaken.csv --actor institution:I001")
        )
        @Argument(help: ArgumentHelp("The file naming the logs, or - for standard input.", valueName: "file")) var file: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let report = try options.intake().withdraw(try readInput(file), actor: try options.actingAs(), asOf: try options.day())
                if options.json { Submit.printJSON(report) } else { print(report.text()) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List an institution's logs of a month as stored, by log id, a page at a time.",
            discussion: "Each log's current version with its outcome: accepted with its money, or the rule that rejected it."
        )
        @Option(help: "The institution id.") var institution: String
        @Option(help: ArgumentHelp("The month of service, YYYY-MM.", valueName: "month")) var month: String
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let listed = try options.intake().logs(institution: institution, month: try parseMonth(month, "--month"),
                                                       actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["logs": .array(listed.items.map(\.json)), "next": listed.next.map(JSONValue.string) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("LOG", "日志"), ("CAREGIVER", "护理员"), ("PERSON", "参保人"), ("ITEM", "项目"), ("START", "开始"), ("END", "结束"), ("STATUS", "状态"), ("FUND", "基金支付")])
                for stored in listed.items {
                    let log = stored.log
                    table.append([log.logID, log.caregiver, String(log.person), log.item, log.start.description, log.end.description,
                                  stored.rule.map { "rejected \($0.code)" } ?? "accepted", stored.money.map { "\($0.fund)" } ?? ""])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }
}

extension LogsCommand {
    struct Submissions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submissions",
            abstract: "List the submissions of service logs, by number, a page at a time.",
            discussion: "An institution lists its own; administrators and auditors every institution's, or one's with --institution."
        )
        @Option(help: "Only this institution's.") var institution: String?
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let listed = try options.intake().submissions(institution: institution, actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["submissions": .array(listed.items.map(\.json)), "next": listed.next.map(JSONValue.integer) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("SUBMISSION", "批次"), ("INSTITUTION", "机构"), ("ACTOR", "操作人"), ("AS OF", "业务日"), ("RECORDED (UTC)", "记录时间"), ("RECEIVED", "收到"), ("ACCEPTED", "通过"), ("REJECTED", "拒付")])
                for submission in listed.items {
                    let count = { (key: String) in submission.summary[key]?.intValue.map(String.init) ?? "" }
                    table.append([String(submission.id), submission.institution ?? "(several)", submission.actor, submission.asOf.description,
                                  submission.recordedAt, count("received"), count("accepted"), count("rejected")])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(listed.next) { print(footer) }
            }
        }
    }
}

/// `ltc settle --month`: the monthly settlement.
struct SettleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract: "Settle a month for every institution (once: a settled month is closed).",
        discussion: "Prints each institution's statement and the fund's total; --csv for the statements as CSV." + "\n\n" + examples("ltc settle --month 2026-04 --actor administrator:wang", "ltc settle --month 2026-04 --csv --actor administrator:wang > statements.csv")
    )
    @Option(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month")) var month: String
    @Flag(help: "Print the statements as CSV.") var csv = false
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reportingErrors {
            guard let month = YearMonth(month) else { throw CaseError(.invalidInput, "--month '\(self.month)' is not YYYY-MM") }
            let service = try options.settlement(), actor = try options.actingAs()
            // Administrators settle (or read the settled month back); others read what they may of a settled month.
            let run: SettlementRun
            if (try? Access.require(actor, .settle)) != nil {
                run = try service.settle(month: month, actor: actor, asOf: try options.day())
            } else {
                guard let settled = try service.settlement(month: month, actor: actor) else {
                    throw CaseError(.notFound, "\(month) is not settled (only an administrator settles), or holds nothing \(actor) may read")
                }
                run = settled
            }
            if options.json { printJSON(run.json) } else if csv { print(run.csv, terminator: "") } else {
                print(Self.text(run))
                // Cash is paid by its own run; beside the statements, what it paid for the month (for those who read everything).
                if Access.allows(actor, .readAll) {
                    let cash = try CashService(store: try options.store(), clock: SystemClock()).run(month: month, actor: actor)
                    print(cash.map { "cash \(month): \($0.total.grouped) in \(ProgressLine.grouped($0.payments)) payments (ltc cash payments --month \(month))" }
                          ?? "cash \(month): not run yet (ltc cash run --month \(month))")
                }
            }
        }
    }

    /// The statements as a table, headed in English and Chinese, with a total row.
    /// The amounts keep one name everywhere: fund share (the fund's part of
    /// what is allowed), withheld (kept until the performance assessment),
    /// payable (fund share + adjustments − withheld).
    static func text(_ run: SettlementRun) -> String {
        var table = TextTable(rightAligned: Set(1...9))
        table.append(["INSTITUTION", "LOGS", "BILLED", "ALLOWED", "FUND SHARE", "PERSONAL", "OVER CAP", "ADJUSTMENTS", "WITHHELD", "PAYABLE"])
        table.append(["机构", "日志", "申报", "核定", "基金支付", "个人负担", "超限", "调整", "预留", "应付"])
        var total = (logs: 0, billed: Money.zero, allowed: Money.zero, fund: Money.zero, personal: Money.zero, overCap: Money.zero,
                     adjustments: Money.zero, withheld: Money.zero, payable: Money.zero)
        for s in run.statements {
            table.append([s.institution, ProgressLine.grouped(s.logs), s.billed.grouped, s.allowed.grouped, s.fund.grouped, s.personal.grouped,
                          s.overCap.grouped, s.adjustments.grouped, s.withheld.grouped, s.payable.grouped])
            total = (total.logs + s.logs, total.billed + s.billed, total.allowed + s.allowed, total.fund + s.fund, total.personal + s.personal,
                     total.overCap + s.overCap, total.adjustments + s.adjustments, total.withheld + s.withheld, total.payable + s.payable)
        }
        table.append(["TOTAL 合计", ProgressLine.grouped(total.logs), total.billed.grouped, total.allowed.grouped, total.fund.grouped,
                      total.personal.grouped, total.overCap.grouped, total.adjustments.grouped, total.withheld.grouped, total.payable.grouped])
        let deducted = run.statements.reduce(Money.zero) { $0 + $1.subsidiesDeducted }
        var text = "settlement \(run.month) (run \(run.settledOn)): \(run.statements.count) institutions, \(ProgressLine.grouped(run.logCount)) logs; "
            + "fund share \(total.fund.grouped), withheld \(total.withheld.grouped)"
            + (deducted == .zero ? "" : ", other subsidies deducted \(deducted.grouped)")
            + ", payable \(run.fundTotal.grouped)\n" + table.rendered()
        let budgeted = run.statements.filter { $0.budget != nil }
        for s in run.statements where s.subsidiesDeducted != .zero {
            text += "\n\(s.institution): other subsidies its clients hold deducted from LTCI, \(s.subsidiesDeducted.grouped) (paid by the clients)"
        }
        if !budgeted.isEmpty {
            var budgets = TextTable(rightAligned: [1, 2, 3, 4])
            budgets.header([("INSTITUTION", "机构"), ("BUDGET", "年度预算"), ("USED THIS YEAR", "累计使用"), ("SHARE", "使用率"),
                            ("HELD ABOVE BUDGET", "超预算暂缓"), ("WARNING", "预警")])
            for s in budgeted {
                let budget = s.budget ?? .zero, used = s.usedThisYear ?? .zero
                let share = budget == .zero ? "—" : Points(hundredths: Int(used.fen * 10_000 / max(budget.fen, 1))).description + "%"
                budgets.append([s.institution, budget.grouped, used.grouped, share, s.heldAboveBudget.grouped,
                                s.warning.map { "reached \($0)" } ?? ""])
            }
            text += "\n\nbudgets \(run.month.year) 总额预算\n" + budgets.rendered()
        }
        return text
    }
}

/// `ltc budget set|list`: institutions' yearly budgets (总额预算).
struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget", abstract: "Institutions' yearly budgets, which settlement measures use against.",
        subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set an institution's budget for a year (until the year is settled to its end).",
            discussion: examples("ltc budget set --institution I001 --year 2026 --amount 1200000 --actor administrator:wang"))
        @Option(help: "The institution.") var institution: String
        @Option(help: "The year.") var year: Int
        @Option(help: ArgumentHelp("The budget in yuan.", valueName: "yuan")) var amount: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let money = Money(text: amount) else { throw CaseError(.invalidInput, "--amount '\(amount)' is not an amount in yuan with at most two decimals") }
                try options.settlement().setBudget(institution: institution, year: year, amount: money, actor: try options.actingAs(), asOf: try options.day())
                print("budget \(year) of \(institution): \(money.grouped)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "A year's budgets (an institution sees its own).")
        @Option(help: "The year.") var year: Int
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let budgets = try options.settlement().budgets(year: year, actor: try options.actingAs())
                if options.json {
                    printJSON(["year": .integer(year), "budgets": .array(budgets.keys.sorted().map { ["institution": .string($0), "amount": budgets[$0]!.json] })])
                    return
                }
                var table = TextTable(rightAligned: [1])
                table.header([("INSTITUTION", "机构"), ("BUDGET", "年度预算")])
                for institution in budgets.keys.sorted() { table.append([institution, budgets[institution]!.grouped]) }
                print(table.rendered())
            }
        }
    }
}

/// `ltc adjustments`: what the statements' adjustment totals are made of.
struct AdjustmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjustments",
        abstract: "List the adjustments a settled month's statements carried, each with its reason.",
        discussion: """
            Corrections and withdrawals of a settled month's logs, services after a case ended (B03), and penalties. \
            Without --month, those the next month settled will carry. An institution lists its own (--institution).
            """
    )
    @Option(help: ArgumentHelp("The settled month whose statements carried them, YYYY-MM.", valueName: "month")) var month: String?
    @Option(help: "Only this institution's.") var institution: String?
    @OptionGroup var page: PageOptions
    @OptionGroup var options: CaseOptions

    func run() throws {
        try reading {
            let listed = try options.settlement().adjustments(month: try month.map { try parseMonth($0, "--month") }, institution: institution,
                                                              actor: try options.actingAs(), page: try page.request())
            if options.json {
                printJSON(["adjustments": .array(listed.items.map(\.json)), "next": listed.next.map(JSONValue.integer) ?? .null])
                return
            }
            var table = TextTable()
            table.header([("ID", "编号"), ("INSTITUTION", "机构"), ("LOG", "日志"), ("OF MONTH", "服务月"), ("AMOUNT", "金额"), ("REASON", "原因")])
            for adjustment in listed.items {
                table.append([String(adjustment.id), adjustment.institution, adjustment.logID, adjustment.serviceMonth.description,
                              "\(adjustment.amount)", adjustment.reason])
            }
            print(table.rendered())
            if let footer = PageOptions.footer(listed.next) { print(footer) }
        }
    }
}
