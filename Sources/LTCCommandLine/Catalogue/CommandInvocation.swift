import Foundation
import LTCCore
import LTCOperations

/// A command line read against its spelling: the params it gives the
/// operation, the files it attaches, and the options of the command line alone.
struct CommandInvocation {
    let spelling: CommandSpelling
    let entry: CatalogueEntry
    var params: JSONObject
    var attachments: [String: Attachment]
    /// Values of the options of the command line alone, by flag.
    var extras: [String: [String]]
    /// `--db`: else $LTC_DB, else ./ltc.sqlite.
    var database: String?
    var json: Bool
    var formDirectories: [String]
    /// Files the command line names for attachable params, by param: opened
    /// (``openFiles()``) only when the command runs.
    var files: [String: String] = [:]
    /// Files of JSON the command line names for params, by param: read (``openFiles()``) only when the command runs.
    var jsonFiles: [String: String] = [:]
    /// Files this invocation opened, closed once it is done.
    var opened: [Int32] = []
    /// The progress line of long work, drawn while it runs and finished by the command's render step.
    var progressLine: ProgressLine?

    func extra(_ flag: String) -> String? { extras[flag]?.last }

    /// Opens the files the command line names, each as the attachment of its param
    /// (standard input for `-`); one that cannot be opened is an ``UnreadableFile``.
    mutating func openFiles() throws {
        for (param, path) in files.sorted(by: { $0.key < $1.key }) {
            if path == "-" {
                attachments[param] = Attachment(.descriptor(STDIN_FILENO), name: "-", size: 0)
                continue
            }
            // A regular file only: a FIFO or a device would never end, or hang the command.
            let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw UnreadableFile(path: path) }
            opened.append(descriptor)
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw UnreadableFile(path: path) }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            let size = Int(status.st_size)
            attachments[param] = Attachment(.descriptor(descriptor), name: path, size: size)
        }
        files = [:]
        for (param, path) in jsonFiles.sorted(by: { $0.key < $1.key }) {
            let bytes = try readInput(path)
            do {
                params.set(param, try JSONParser.parse(bytes))
            } catch {
                throw InputError(source: path, message: "not valid JSON: \(error)")
            }
        }
        jsonFiles = [:]
    }
    func flag(_ flag: String) -> Bool { extras[flag] != nil }

    /// The database path or URI the command works on.
    var databasePath: String {
        LTCCommandLine.databasePath(database)
    }

    /// The command as typed, for messages: `ltc case terminate`.
    var commandName: String { "ltc " + (spelling.path ?? entry.command.split(separator: " ").map(String.init)).joined(separator: " ") }
}

extension JSONObject {
    /// Sets the member at `path`, making the objects on the way.
    mutating func set(path: [String], _ value: JSONValue) {
        guard let first = path.first else { return }
        guard path.count > 1 else { return set(first, value) }
        var inner = self[first]?.objectValue ?? [:]
        inner.set(path: Array(path.dropFirst()), value)
        set(first, .object(inner))
    }
}
