import LTCOperations
import ArgumentParser
import LTCCases
import LTCCore
import LTCSchemes

/// `ltc scheme load|list`: the schemes (a city's rules for a period) in the database.
struct SchemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheme",
        abstract: "Load and list schemes: a city's LTCI rules for a period.",
        subcommands: [Load.self, List.self]
    )

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load", abstract: "Validate a scheme file and store it.",
            discussion: """
                A path that holds no file names a built-in example scheme by its file name: \(BuiltInSchemes.names.joined(separator: ", ")).

                EXAMPLES:
                  ltc scheme load Examples/schemes/tianjin-style-2026.json --actor administrator:wang
                  ltc scheme load hours-home-care-2026 --actor administrator:wang      # built in
                """)
        @Argument(help: ArgumentHelp("The scheme file (JSON, format ltc-scheme/1), or a built-in example's name.", valueName: "file")) var file: String
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reportingErrors {
                let scheme = try loadScheme(file)
                let loaded = try options.registry().load(scheme, actor: try options.actingAs(), asOf: try options.date())
                if options.json { printJSON(loaded.summaryJSON) } else {
                    print("loaded scheme \(loaded.id): \(loaded.name.zh) / \(loaded.name.en), \(loaded.region), \(loaded.effectiveFrom) to \(loaded.effectiveTo)")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stored schemes.")
        @OptionGroup var page: PageOptions
        @OptionGroup var options: CaseOptions

        func run() throws {
            try reading {
                _ = try options.actingAs()
                let schemes = try options.registry().schemes(page: try page.request())
                if options.json {
                    printJSON(["schemes": .array(schemes.items.map(\.summaryJSON)), "next": schemes.next.map(JSONValue.string) ?? .null])
                    return
                }
                var table = TextTable()
                table.header([("ID", "编号"), ("REGION", "地区"), ("FROM", "起"), ("TO", "止"), ("NAME", "名称")])
                for scheme in schemes.items {
                    table.append([scheme.id, scheme.region, scheme.effectiveFrom.description, scheme.effectiveTo.description, scheme.name.bilingual])
                }
                print(table.rendered())
                if let footer = PageOptions.footer(schemes.next) { print(footer) }
            }
        }
    }
}
