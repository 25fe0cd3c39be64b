import ArgumentParser
import LTCAssessment

/// `ltc forms list|show`: the assessment instruments ltc has loaded.
struct FormsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "List and show the assessment forms.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the loaded forms.")

        @OptionGroup var forms: FormOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            try reportingErrors {
                let catalog = try forms.catalog()
                if json {
                    printJSON(["forms": .array(catalog.forms.map(\.summaryJSON))])
                } else {
                    print(FormText.list(catalog.forms))
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a form's dimensions, items and options in zh and en.")

        @Argument(help: "The form id, e.g. cn-ltc-2021.") var id: String
        @OptionGroup var forms: FormOptions
        @Flag(help: "Print the form as JSON (the form-file format).") var json = false

        func run() throws {
            try reportingErrors {
                let form = try forms.catalog().form(id: id)
                if json {
                    printJSON(form.json)
                } else {
                    print(FormText.show(form))
                }
            }
        }
    }
}
