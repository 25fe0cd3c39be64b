// Writes a Swift file that holds the given form files, base64-encoded so that
// no content can break the literal. Used by the EmbedForms build-tool plugin.
//
//     embed-forms OUTPUT.swift FORM.json…

import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-forms OUTPUT.swift FORM.json…\n".utf8))
    exit(64)
}

var source = """
    // Generated at build time by the EmbedForms plugin from AssessmentForms/*.json.
    // Edit the JSON files, not this file.

    let embeddedFormFiles: [(name: String, base64: String)] = [

    """
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("embed-forms: cannot read \(path)\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    source += "    (\(String(reflecting: name)), \"\(data.base64EncodedString())\"),\n"
}
source += "]\n"

do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-forms: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
