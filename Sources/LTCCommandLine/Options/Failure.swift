import LTCOperations
import ArgumentParser
import Foundation
import LTCCases
import LTCCore
import LTCProtocol
import LTCSchemes

/// Exit statuses of `ltc`, after BSD `sysexits.h`: 0 success, 64 a wrong
/// command line, 65 input data that cannot be used, 66 an input file that
/// cannot be opened, 74 an I/O failure, 77 refused to this actor. A storage
/// failure ends with its kind's status, from the one table of
/// ``StorageFailureKind/exitStatus``: 69 the database server cannot be
/// reached, 75 try again (busy, conflicts, disk full), 65 otherwise.
enum ExitStatus {
    /// A command line that is not one the command takes.
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let ioError: Int32 = 74
    /// A fault in ltc itself (EX_SOFTWARE).
    static let software: Int32 = 70
    /// The actor may not do or see this, or is not registered (EX_NOPERM).
    static let forbidden: Int32 = 77
}

/// Runs a command's body; an ``LTCError`` becomes `error: …` on standard
/// error (with `--json`, the JSON-RPC error object: the same code, message
/// and data `ltc rpc` would answer) and the exit status ``ExitStatus/of(_:)``
/// gives, never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as any LTCError {
        throw fail(error, ExitStatus.of(error), message: ExitStatus.message(for: error))
    }
}

extension ExitStatus {
    /// The exit status of a command that failed with `error`, from the one
    /// table of ``ErrorClass``: a storage failure's kind says its own (69
    /// unreachable, 75 try again); 77 refused to the actor, 66 a file that
    /// cannot be opened, 64 a request of the wrong shape, 65 any other
    /// unusable input, 70 a fault in ltc.
    static func of(_ error: any Error) -> Int32 {
        ErrorClass.of(error).exitStatus
    }

    /// The line a person reads where it says more than the error's own description.
    static func message(for error: any Error) -> String? {
        guard let error = error as? any StorageFailure, let advice = error.storage.advice else { return nil }
        return "\(advice) (\(error.description))"
    }
}

/// Says what went wrong on standard error, as text or, with `--json`, as
/// the JSON-RPC error object; returns the exit status to throw.
func fail(_ error: any LTCError, _ status: Int32, message: String? = nil) -> ExitCode {
    if jsonRequested {
        var rpc = RPCError(error)
        if let message { rpc.message = message }
        FileHandle.standardError.write(Data((JSONWriter.string(rpc.json) + "\n").utf8))
    } else {
        printError(message ?? error.description)
    }
    return ExitCode(status)
}

/// Whether the command line asks for JSON (`--json`): errors are then JSON too.
var jsonRequested: Bool { CommandLine.arguments.dropFirst().contains("--json") }

/// Runs a command that only reads, as ``reportingErrors(_:)``: it opens an
/// existing database and never creates one, so a mistyped `--db` says there
/// is no database there instead of answering from an empty new one.
func reading(_ body: () throws -> Void) throws {
    try OpenStores.$existingOnly.withValue(true) { try reportingErrors(body) }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// An input file that does not exist or cannot be read.
struct UnreadableFile: LTCError {
    var path: String
    var description: String { "\(path): cannot open the file (no such file, or no permission)" }
    var kind: String { "unreadableFile" }
    var details: JSONObject { ["file": .string(path)] }
}

/// The bytes of `path`, or of standard input when `path` is `-`.
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
          let data = FileManager.default.contents(atPath: path)
    else { throw UnreadableFile(path: path) }
    return Array(data)
}

/// Prints a JSON value, indented, for `--json`.
func printJSON(_ value: JSONValue) {
    print(JSONWriter.string(value, style: .indented))
}

/// The scheme a command names by `argument`: the file at that path (or
/// standard input for `-`); where there is no file, the built-in example
/// scheme of that name (`hours-home-care-2026`, or a path ending in
/// `hours-home-care-2026.json`), so that the examples work from any folder.
func loadScheme(_ argument: String) throws -> Scheme {
    if argument == "-" || FileManager.default.fileExists(atPath: argument) {
        return try Scheme.decode(text: try readInput(argument), source: argument)
    }
    if let scheme = try BuiltInSchemes.scheme(named: argument) { return scheme }
    throw InputError(source: argument, message: "no scheme file there, and no built-in scheme of that name; built in: \(BuiltInSchemes.names.joined(separator: ", "))")
}

/// Writes `text` to the file at `path` (the report, the letter); a path that
/// cannot be written is an input error naming it, not a Foundation error.
func writeFile(_ text: String, to path: String, what: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
        throw InputError(source: path, message: "cannot write the \(what): \(error.localizedDescription)")
    }
}
