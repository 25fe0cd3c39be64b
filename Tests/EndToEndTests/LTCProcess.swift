import Foundation
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
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `ltc` with `arguments` from the package root, feeding `input` on standard input.
func ltc(_ arguments: [String], input: String = "") throws -> Run {
    let process = Process()
    process.executableURL = try ltcExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let feeder = Thread {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
    }
    feeder.start()
    let errors = Reader(stderr.fileHandleForReading)
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: errors.text())
}

/// Reads a pipe to its end on another thread, so that a full pipe never blocks the process.
final class Reader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
