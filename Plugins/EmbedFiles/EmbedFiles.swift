import Foundation
import PackagePlugin

/// Embeds the package's data files into the target it is applied to, so
/// that the built `ltc` carries them wherever the binary is copied:
/// `AssessmentForms/*.json` into `LTCAssessment` as `embeddedFormFiles`,
/// and into `LTCSchemes` the example schemes `Examples/schemes/*.json` as
/// `embeddedSchemeFiles` and the official holiday calendars
/// `Calendars/*.json` as `embeddedCalendarFiles`.
@main
struct EmbedFiles: BuildToolPlugin {
    /// What each target embeds: folders of JSON files, each with the name of its generated array.
    static let embedded: [String: [(folder: String, variable: String)]] = [
        "LTCAssessment": [("AssessmentForms", "embeddedFormFiles")],
        "LTCSchemes": [("Examples/schemes", "embeddedSchemeFiles"), ("Calendars", "embeddedCalendarFiles")],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let folders = Self.embedded[target.name] else {
            Diagnostics.error("EmbedFiles: nothing to embed for target \(target.name); name its folder in EmbedFiles.embedded")
            return []
        }
        return try folders.map { path, variable in
            let folder = context.package.directoryURL.appending(path: path)
            let files = try FileManager.default
                .contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
            let output = context.pluginWorkDirectoryURL.appending(path: "Embedded-\(variable).swift")
            return .buildCommand(
                displayName: "Embedding \(files.count) files of \(path)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path, folder.path, variable],
                // The folder too: adding a file changes its time stamp, and the tool lists it
                // afresh. (After deleting a file, touch Package.swift so that SwiftPM plans again.)
                inputFiles: [folder] + files,
                outputFiles: [output]
            )
        }
    }
}
