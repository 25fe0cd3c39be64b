// Writes a Swift file that holds the given data files, base64-encoded so that
// no content can break the literal. Used by the EmbedFiles build-tool plugin.
//
//     embed-files OUTPUT.swift FOLDER VARIABLE
//
// Every *.json file in FOLDER is embedded, in name order, in the array VARIABLE.

import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-files OUTPUT.swift FOLDER VARIABLE\n".utf8))
    exit(64)
}
let (output, folder, variable) = (arguments[0], arguments[1], arguments[2])
let names: [String]
do {
    names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
} catch {
    FileHandle.standardError.write(Data("embed-files: cannot list \(folder): \(error)\n".utf8))
    exit(1)
}

var source = """
    // Generated at build time by the EmbedFiles plugin from \(URL(fileURLWithPath: folder).lastPathComponent)/*.json.
    // Edit the JSON files, not this file.

    let \(variable): [(name: String, base64: String)] = [

    """
for path in names.map({ folder + "/" + $0 }) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("embed-files: cannot read \(path)\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    source += "    (\(String(reflecting: name)), \"\(data.base64EncodedString())\"),\n"
}
source += "]\n"

do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-files: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
