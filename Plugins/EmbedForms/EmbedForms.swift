import Foundation
import PackagePlugin

/// Embeds every `AssessmentForms/*.json` file of the package into the target
/// it is applied to, as the generated `embeddedFormFiles` array, so that the
/// built `ltc` carries its instruments wherever the binary is copied.
@main
struct EmbedForms: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "AssessmentForms")
        let files = try FileManager.default
            .contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedForms.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) assessment forms",
                executable: try context.tool(named: "embed-forms").url,
                arguments: [output.path, folder.path],
                // The folder too: adding a form changes its time stamp, and the tool lists it
                // afresh. (After deleting a form, touch Package.swift so that SwiftPM plans again.)
                inputFiles: [folder] + files,
                outputFiles: [output]
            ),
        ]
    }
}
