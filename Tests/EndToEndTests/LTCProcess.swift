import Foundation
import LTCCore
import LTCStorage
import Testing

/// The package's root folder, where `Examples/` lives.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `ltc`, beside this test binary in the build folder.
func ltcExecutable() throws -> URL {
    let buildFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    let executable = buildFolder.appendingPathComponent("ltc")
    try #require(FileManager.default.isExecutableFile(atPath: executable.path),
                 "no ltc at \(executable.path); run `swift build` before `swift test`")
    return executable
}

/// What one run of `ltc` printed and how it ended.
struct Run {
    /// The exit status, or the number of the signal that ended it.
    var status: Int32
    var stdout: String
    var stderr: String
    /// The signal that ended the process, if one did.
    var signal: Int32?
}

/// Runs `ltc` with `arguments` from the package root (or `directory`),
/// feeding `input` on standard input; `environment` is added to this process's.
func ltc(_ arguments: [String], input: String = "", environment: [String: String] = [:], in directory: URL = packageRoot) throws -> Run {
    let process = Process()
    process.executableURL = try ltcExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    // The runner's own LTC_DB and LTC_ACTOR never reach the command: a test gives what it means.
    var inherited = ProcessInfo.processInfo.environment
    inherited["LTC_DB"] = nil
    inherited["LTC_ACTOR"] = nil
    process.environment = inherited.merging(environment) { _, given in given }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let feeder = Threads.start("test.feeder") {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
    }
    let errors = readingToEnd(stderr.fileHandleForReading)
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    feeder.join()
    return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: errors.join(),
               signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
}

/// Reads a pipe to its end on another thread, so that a full pipe never
/// blocks the process; `join()` gives the text.
func readingToEnd(_ handle: FileHandle) -> StartedThread<String> {
    Threads.start("test.pipe") { String(decoding: handle.readDataToEndOfFile(), as: UTF8.self) }
}

/// The temporary files and folders of one test, removed when the test
/// ends: suites hold one as a property, and Swift Testing makes a suite
/// instance per test.
final class Scratch: @unchecked Sendable {
    // Used by one test's thread at a time.
    private var paths: [String] = []
    private var schemas: [String] = []
    /// The owner's URI of each database this scratch made that ltc reaches as a runtime role.
    private var owners: [String: String] = [:]

    /// The PostgreSQL server for tests (`LTC_TEST_POSTGRES`), if one is given.
    static var postgresServer: String? {
        ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A new path in the temporary folder; it and its `-wal`, `-shm` and `.csv` companions are removed later.
    func path(_ name: String, _ suffix: String = "") -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ltc-e2e-\(name)-\(UUID().uuidString)\(suffix)").path
        paths.append(path)
        return path
    }

    /// A database that does not exist yet, on the engine under test
    /// (`LTC_TEST_ENGINE`): an SQLite path, or the URI of a new empty schema
    /// on the `LTC_TEST_POSTGRES` server.
    func database(_ name: String = "db") -> String {
        guard ProcessInfo.processInfo.environment["LTC_TEST_ENGINE"] == "postgresql", let database = postgresDatabase(name) else {
            return path(name, ".sqlite")
        }
        return database.uri
    }

    /// A new empty schema on the `LTC_TEST_POSTGRES` server, whatever the
    /// engine under test: the URI whose connections use it, and its name
    /// (dropped later); `nil` where no server is given.
    func postgresDatabase(_ name: String) -> (uri: String, schema: String)? {
        guard let server = Self.postgresServer else { return nil }
        // A schema name holds letters, digits and underscores only.
        let safe = String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" }).lowercased()
        let schema = "ltc_e2e_\(safe)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        do {
            try PostgresAdmin.run(on: server, "CREATE SCHEMA \(schema)")
        } catch {
            Issue.record("cannot create a schema on \(server): \(error)")
        }
        schemas.append(schema)
        let owner = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        guard let runtime = ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES_RUNTIME"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return (owner, schema)
        }
        // As a deployment runs ltc (docs/security.md): the owner migrates, ltc connects as a role that owns nothing.
        do {
            _ = try PostgresStore(uri: owner)
            let role = try PostgresAdmin.values(on: runtime, "SELECT current_user").first ?? nil
            try PostgresRuntimeRole.grant(role ?? "", on: owner)
        } catch {
            Issue.record("cannot prepare \(schema) for the runtime role: \(error)")
        }
        let uri = runtime + (runtime.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        owners[uri] = owner
        return (uri, schema)
    }

    /// `db` as its owner would reach it: the owner's URI where ltc reaches it as a runtime role, else `db`.
    func owner(of db: String) -> String {
        owners[db] ?? db
    }

    /// A new empty folder.
    func folder(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    deinit {
        if let server = ProcessInfo.processInfo.environment["LTC_TEST_POSTGRES"] {
            for schema in schemas { try? PostgresAdmin.run(on: server, "DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        }
        for path in paths {
            for suffix in ["", "-wal", "-shm", ".csv"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}

/// Registers `id` as the first administrator of the database at `db` (the
/// first step on a new database: only registered staff act).
func firstAdministrator(_ db: String, _ id: String = "wang") throws {
    let run = try ltc(["staff", "add", id, "--role", "administrator", "--db", db, "--actor", "administrator:\(id)"])
    try #require(run.status == 0, "staff add \(id): \(run.stderr)")
}
