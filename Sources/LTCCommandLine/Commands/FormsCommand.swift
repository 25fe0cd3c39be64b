import ArgumentParser
import LTCAssessment

/// `ltc forms list|show|check`: the assessment instruments ltc has loaded,
/// and the authoring check for a form file.
struct FormsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forms",
        abstract: "List and show the assessment forms.",
        subcommands: [List.self, Show.self, Export.self, Check.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the loaded forms.")

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
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a form's dimensions, items and options in zh and en.")

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

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a form as a form file, or as a FHIR R4 Questionnaire with --fhir.",
            discussion: """
                The Questionnaire has a group per dimension, a choice question per item whose \
                answer options carry the score (itemWeight extension) and English text \
                (translation extension), quantity questions for frequency items, and a read-only \
                result group. A response to it is scored by `ltc score RESPONSE.json`.
                """
        )

        @Argument(help: "The form id, e.g. cn-ltc-2021.") var id: String
        @OptionGroup var forms: FormOptions
        @Flag(help: "Write a FHIR R4 Questionnaire.") var fhir = false

        func run() throws {
            try reportingErrors {
                let form = try forms.catalog().form(id: id)
                printJSON(fhir ? form.fhirQuestionnaire : form.json)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a form file: its problems, and how bands and tables cover the reachable scores.",
            discussion: """
                Prints, for every dimension, the scores its items can reach and whether its bands \
                cover them with no gap and no overlap; for a grading table, whether every reachable \
                cell has a grade; for a total, the totals reachable and whether the first threshold \
                covers the lowest. Exits 0 when the file has no problems, 65 otherwise.
                """
        )

        @Argument(help: ArgumentHelp("The form file, or - for standard input.", valueName: "file")) var file: String
        @Flag(help: "Print the report as JSON.") var json = false

        func run() throws {
            try reportingErrors {
                let check = AssessmentForm.check(text: try readInput(file), source: file)
                if json {
                    printJSON(FormCheckText.json(check))
                } else {
                    print(FormCheckText.render(check))
                }
                if !check.problems.isEmpty { throw ExitCode(ExitStatus.dataError) }
            }
        }
    }
}
