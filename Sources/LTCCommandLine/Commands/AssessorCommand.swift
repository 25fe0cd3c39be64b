import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore

/// `ltc assessor add|list`: the assessor registry.
struct AssessorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessor",
        abstract: "Register and list assessors.",
        subcommands: [Add.self, List.self, Findings.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register an assessor.", discussion: examples("ltc assessor add --id A01 --name 李医生 --qualification medical --actor administrator:wang", "ltc assessor add --id A03 --name 王护士 --qualification care --employer I001 --actor administrator:wang", "ltc assessor add --id E01 --name 周主任 --qualification medical --expert --actor administrator:wang"))
        @Option(help: "The assessor's id, e.g. A01.") var id: String
        @Option(help: "Full name.") var name: String
        @Option(help: "medical, care or none.") var qualification: String
        @Option(help: "The care institution employing the assessor, if any (they may not assess its clients).") var employer: String?
        @Option(help: "The assessment agency the assessor works for.") var agency: String?
        @Option(name: .customLong("certificate-until"), help: ArgumentHelp("The last day the assessor's certificate is valid.", valueName: "date")) var certificateUntil: String?
        @Flag(help: "In the expert pool that decides objections (the scheme's reviewExperts).") var expert = false
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let kind = Assessor.Qualification(rawValue: qualification) else {
                    throw CaseError(.invalidInput, "--qualification '\(qualification)' is not accepted; use medical, care or none")
                }
                let assessor = try options.registry().addAssessor(id: id, name: name, qualification: kind, employer: employer, agency: agency,
                                                                 certificateUntil: try certificateUntil.map { text throws(CaseError) in try parseDate(text, "--certificate-until") },
                                                                 expert: expert, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(assessor.json) } else { print("registered assessor \(assessor.id) \(assessor.name) (\(assessor.qualification.rawValue))") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the assessors.")
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let assessors = try options.registry().assessors(actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["assessors": .array(assessors.items.map(\.json)), "next": assessors.next.map(JSONValue.string) ?? .null])
                } else {
                    print(CaseText.assessors(assessors.items))
                    if let footer = PageOptions.footer(assessors.next) { print(footer) }
                }
            }
        }
    }
}
