// Writes a Swift file that holds the given form files, base64-encoded so that
// no content can break the literal. Used by the EmbedForms build-tool plugin.
//
//     embed-forms OUTPUT.swift FOLDER
//
// Every *.json file in FOLDER is embedded, in name order.

import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let output = arguments.first, let folder = arguments.last else {
    FileHandle.standardError.write(Data("usage: embed-forms OUTPUT.swift FOLDER\n".utf8))
    exit(64)
}
let names: [String]
do {
    names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
} catch {
    FileHandle.standardError.write(Data("embed-forms: cannot list \(folder): \(error)\n".utf8))
    exit(1)
}

var source = """
    // Generated at build time by the EmbedForms plugin from AssessmentForms/*.json.
    // Edit the JSON files, not this file.

    let embeddedFormFiles: [(name: String, base64: String)] = [

    """
for path in names.map({ folder + "/" + $0 }) {
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
