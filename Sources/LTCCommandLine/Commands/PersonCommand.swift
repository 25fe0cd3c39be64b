import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore
import LTCSchemes

/// `ltc person add|show|list`: insured people (参保人).
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Register and look up insured people. ID numbers are masked unless --show-id.",
        subcommands: [Add.self, Import.self, Show.self, List.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Register many people from a JSON Lines file, all or none.",
            discussion: #"Each line: {"name": "…", "nationalId": "…", "insurance": "employee", "enrolledOn": "YYYY-MM-DD"}. Every line is checked first; one bad line refuses the whole file, naming every bad line."# + "\n\n" + examples("ltc person import people.jsonl --actor administrator:wang")
        )
        @Argument(help: ArgumentHelp("The file, or - for standard input.", valueName: "file")) var file: String
        @OptionGroup var progress: ProgressOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                var rows: [RegistryService.PersonRow] = []
                var problems: [String] = []
                let text = String(decoding: try readInput(file), as: UTF8.self)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where !line.allSatisfy(\.isWhitespace) {
                    do {
                        let value = try JSONParser.parse(String(line))
                        let fields = ["name", "nationalId", "insurance", "enrolledOn"].map { value[$0]?.stringValue }
                        guard value.objectValue?.count == 4, fields.allSatisfy({ $0 != nil }) else {
                            problems.append("line \(index + 1): expected an object with the strings name, nationalId, insurance and enrolledOn")
                            continue
                        }
                        rows.append(.init(line: index + 1, name: fields[0]!, nationalID: fields[1]!, insurance: fields[2]!, enrolledOn: fields[3]!))
                    } catch {
                        problems.append("line \(index + 1): not valid JSON: \(error)")
                    }
                }
                guard problems.isEmpty else {
                    throw InputError(source: file, message: "\(problems.count) lines refused, nothing imported: " + problems.prefix(20).joined(separator: "; "))
                }
                let line = ProgressLine(what: "people", totalCount: rows.count, enabled: progress.enabled)
                let count = try options.registry().importPeople(rows, actor: try options.actingAs(), asOf: try options.date()) { line.update(count: $0) }
                line.finish(count: count)
                if options.json { printJSON(["imported": .integer(count)]) } else { print("imported \(count) people") }
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register an insured person.", discussion: examples("ltc person add --name 陈老伯 --id-number 11010519491231002X --insurance employee --enrolled 2015-07-01 --actor administrator:wang"))
        @Option(help: "Full name.") var name: String
        @Option(name: .customLong("id-number"), help: "National ID number (18 characters, GB 11643).") var idNumber: String
        @Option(help: "employee or resident.") var insurance: String
        @Option(help: "The contribution tier, where the scheme has tiers (1–9).") var tier: Int?
        @Option(help: ArgumentHelp("Date of enrolment in the insurance (YYYY-MM-DD).", valueName: "date")) var enrolled: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let type = try parseInsurance(insurance, "--insurance")
                let person = try options.registry().addPerson(name: name, nationalID: idNumber, insurance: type, tier: tier,
                                                             enrolledOn: try parseDate(enrolled, "--enrolled"),
                                                             actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(person.json(fullID: false)) } else { print("registered " + CaseText.person(person, fullID: false)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an insured person.")
        @Argument(help: "The person's id.") var id: Int
        @Flag(name: .customLong("show-id"), help: "Show the full national ID number (administrators and auditors).") var showID = false
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let actor = try options.actingAs()
                if showID { try Access.require(actor, .readNationalIDs) }
                let person = try options.registry().person(id: id, actor: actor)
                if options.json { printJSON(person.json(fullID: showID)) } else { print(CaseText.person(person, fullID: showID)) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the insured people the actor may see.")
        @Flag(name: .customLong("show-id"), help: "Show full national ID numbers (administrators and auditors).") var showID = false
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let actor = try options.actingAs()
                if showID { try Access.require(actor, .readNationalIDs) }
                let people = try options.registry().people(actor: actor, page: try page.request())
                if options.json {
                    printJSON(["people": .array(people.items.map { $0.json(fullID: showID) }), "next": people.next.map(JSONValue.integer) ?? .null])
                } else {
                    print(CaseText.people(people.items, fullID: showID))
                    if let footer = PageOptions.footer(people.next) { print(footer) }
                }
            }
        }
    }
}
