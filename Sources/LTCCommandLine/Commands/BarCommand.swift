import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore
import LTCProviders

/// `ltc bar …`: people barred from LTCI work, by national ID (the 2024 rules).
struct BarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bar",
        abstract: "Bar a person behind a provider from LTCI work, and list the bars.",
        discussion: "A principal is barred 60 months; other responsible staff 3–12 months, 12–36 in serious cases. "
            + "The bar follows the national ID: no caregiver registration or principal role anywhere while it runs.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Bar a person; their caregiver employment at every institution ends the day before.",
            discussion: examples("ltc bar add --national-id 11010519491231002X --name 赵某 --role principal --months 60 --from 2026-06-01 --institution I001 --reason \"fraud confirmed\" --actor administrator:wang",
                                 "ltc bar add --national-id 11010519491231002X --name 赵某 --role staff --months 6 --from 2026-06-01 --institution I001 --reason \"false logs\" --actor administrator:wang"))
        @Option(name: .customLong("national-id"), help: ArgumentHelp("The person's national ID.", valueName: "id")) var nationalID: String
        @Option(help: "Full name.") var name: String
        @Option(help: "principal, staff or staff-serious.") var role: String
        @Option(help: "How many months.") var months: Int
        @Option(help: ArgumentHelp("The first day of the bar.", valueName: "date")) var from: String
        @Option(help: "The institution whose case led to it.") var institution: String
        @Option(help: "The violation that led to it.") var reason: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                guard let role = PersonBar.Role(rawValue: role) else {
                    throw CaseError(.invalidInput, "--role '\(role)' is not accepted; use \(PersonBar.Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let outcome = try options.supervision().bar(nationalID: nationalID, name: name, role: role, months: months, from: try parseDate(from, "--from"), institution: institution,
                         reason: reason, actor: try options.actingAs(), asOf: try options.day())
                if options.json { printJSON(outcome.json); return }
                let bar = outcome.bar
                print("bar \(bar.id): \(bar.name) \(bar.nationalID.masked) barred as \(bar.role.rawValue) from \(bar.from) to \(bar.until)")
                for key in outcome.endedEmployment { print("  employment of caregiver \(key) ends \(bar.from.adding(days: -1))") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bars, IDs masked.")
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                let bars = try options.supervision().bars(actor: try options.actingAs(), page: try page.request())
                if options.json {
                    printJSON(["bars": .array(bars.items.map(\.json)), "next": bars.next.map(JSONValue.integer) ?? .null])
                    return
                }
                if bars.items.isEmpty { print("no bars") }
                for bar in bars.items {
                    print("\(bar.id)\t\(bar.name)\t\(bar.nationalID.masked)\t\(bar.role.rawValue)\t\(bar.from)–\(bar.until)\t\(bar.institution)\t\(bar.reason)")
                }
                if let footer = PageOptions.footer(bars.next) { print(footer) }
            }
        }
    }
}
