#if canImport(Glibc)
import Glibc
#endif
import LTCCore
@testable import LTCServer
import Logging
import Testing

@Suite("The access log is written in batches, in order, and nothing is lost when the server stops")
struct LogLineBufferTests {
    /// A pipe whose read end is non-blocking: what has been written to it so far.
    final class Pipe {
        let read: Int32, write: Int32
        init() {
            var ends: [Int32] = [0, 0]
            precondition(pipe(&ends) == 0)
            (read, write) = (ends[0], ends[1])
            _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
        }
        deinit {
            close(read)
            close(write)
        }
        func written() -> String {
            var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                bytes += chunk[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test("An info line waits for the flush; a notice writes everything before it, in order")
    func batches() {
        let pipe = Pipe()
        let buffer = LogLineBuffer(descriptor: pipe.write, interval: nil)
        let logger = Logger(label: "ltc.access") { JSONLineLogHandler(label: $0, buffer: buffer) }
        logger.info("request", metadata: ["request": "r1", "status": "200"])
        logger.info("request", metadata: ["request": "r2", "status": "401"])
        #expect(pipe.written().isEmpty)
        #expect(buffer.pendingBytes > 0)
        Logger(label: "ltc.server") { JSONLineLogHandler(label: $0, buffer: buffer) }.notice("stopping")
        let lines = pipe.written().split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""request":"r1""#) && lines[1].contains(#""request":"r2""#) && lines[2].contains(#""message":"stopping""#))
        #expect(buffer.pendingBytes == 0)
        logger.info("request", metadata: ["request": "r3"])
        buffer.flush()
        #expect(pipe.written().contains(#""request":"r3""#))
    }

    @Test("A full batch is written at once, whatever its lines' level")
    func limit() {
        let pipe = Pipe()
        let buffer = LogLineBuffer(descriptor: pipe.write, interval: nil, limit: 1_000)
        let logger = Logger(label: "ltc.access") { JSONLineLogHandler(label: $0, buffer: buffer) }
        for number in 1...20 { logger.info("request", metadata: ["request": "\(number)"]) }
        let written = pipe.written()
        #expect(!written.isEmpty)
        #expect(buffer.pendingBytes < 1_000)
        buffer.flush()
        #expect((written + pipe.written()).split(separator: "\n").count == 20)
    }

    @Test("Each line is one JSON object: time, level, logger, message, then the metadata by name, escaped")
    func format() throws {
        let pipe = Pipe()
        let buffer = LogLineBuffer(descriptor: pipe.write, interval: nil)
        AccessLog(logger: Logger(label: "ltc.access") { JSONLineLogHandler(label: $0, buffer: buffer) })
            .record(request: "r\"1\n", credential: "C12", method: "POST", route: "/logs", operation: "logs.submit", status: 200, bytes: 27_412, seconds: 0.0842)
        buffer.flush()
        let line = pipe.written()
        #expect(line.hasSuffix("}\n"))
        let object = try #require(try JSONParser.parse(Array(line.utf8.dropLast())).objectValue)
        #expect(object.keys == ["time", "level", "logger", "message", "bytes", "credential", "method", "ms", "operation", "request", "route", "status"])
        #expect(object["request"] == .string("r\"1\n") && object["credential"] == .string("C12") && object["ms"] == .string("84.2"))
        let time = try #require(object["time"]?.stringValue)
        #expect(time.count == 24 && time.hasSuffix("Z") && time.dropFirst(10).first == "T")
    }
}
