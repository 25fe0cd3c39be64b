import Foundation
import PackagePlugin

/// Embeds the package's data files into the target it is applied to, so
/// that the built `ltc` carries them wherever the binary is copied:
/// `AssessmentForms/*.json` into `LTCAssessment` as `embeddedFormFiles`, and
/// the example schemes `Examples/schemes/*.json` into `LTCSchemes` as
/// `embeddedSchemeFiles`.
@main
struct EmbedFiles: BuildToolPlugin {
    /// What each target embeds: the folder of JSON files, and the name of the generated array.
    static let embedded: [String: (folder: String, variable: String)] = [
        "LTCAssessment": ("AssessmentForms", "embeddedFormFiles"),
        "LTCSchemes": ("Examples/schemes", "embeddedSchemeFiles"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let (path, variable) = Self.embedded[target.name] else {
            Diagnostics.error("EmbedFiles: nothing to embed for target \(target.name); name its folder in EmbedFiles.embedded")
            return []
        }
        let folder = context.package.directoryURL.appending(path: path)
        let files = try FileManager.default
            .contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded-\(variable).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files of \(path)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path, folder.path, variable],
                // The folder too: adding a file changes its time stamp, and the tool lists it
                // afresh. (After deleting a file, touch Package.swift so that SwiftPM plans again.)
                inputFiles: [folder] + files,
                outputFiles: [output]
            ),
        ]
    }
}
