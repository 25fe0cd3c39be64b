import LTCOperations
import ArgumentParser
import LTCAssessment

/// `--forms DIR`: extra folders of form files, on every command that uses forms.
struct FormOptions: ParsableArguments {
    @Option(name: .customLong("forms"), help: ArgumentHelp("A folder of extra form files (*.json); repeatable.", valueName: "dir"))
    var directories: [String] = []

    func catalog() throws -> FormCatalog {
        try FormCatalog.load(directories: directories)
    }
}
