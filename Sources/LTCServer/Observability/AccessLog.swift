#if canImport(Glibc)
import Glibc
#endif
import LTCCore
import Logging
import Synchronization

/// The access log: one structured line per request, through swift-log
/// (label `ltc.access`): the request id, the credential id, the route, the
/// operation, the status, the body's size and the duration. Never a token,
/// a national ID, a name or a query string: nothing a request carries
/// beyond its route and who sent it. The lines are written in batches
/// (``JSONLineLogHandler``, ``LogLineBuffer``), never lost at shutdown.
///
/// ```
/// {"time":"2026-05-02T09:00:01.250Z","level":"info","logger":"ltc.access","message":"request","bytes":"27412","credential":"C12","method":"POST","ms":"84.2","operation":"logs.submit","request":"5f0c…","route":"/logs","status":"200"}
/// ```
public struct AccessLog: Sendable {
    public let logger: Logger

    public init(logger: Logger = Logger(label: "ltc.access")) {
        self.logger = logger
    }

    public func record(request id: String, credential: String?, method: String, route: String, operation: String, status: Int, bytes: Int,
                       seconds: Double) {
        logger.info("request", metadata: [
            "request": .string(id), "credential": .string(credential ?? "-"), "method": .string(method), "route": .string(route),
            "operation": .string(operation), "status": .stringConvertible(status), "bytes": .stringConvertible(bytes),
            "ms": .string(String(Double(Int(seconds * 10_000)) / 10)),
        ])
    }
}

/// A swift-log handler writing each entry as one JSON object on a line to
/// standard error (or another ``LogLineBuffer``), for journald or a log
/// shipper: `time`, `level`, `logger`, `message`, then the metadata by name.
/// Lines go out in batches (``LogLineBuffer``): an `info` line (the access
/// log's) within 50 ms, a `notice` or worse at once, with every line before it.
public struct JSONLineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let buffer: LogLineBuffer

    public init(label: String, buffer: LogLineBuffer = .standardError) {
        self.label = label
        self.buffer = buffer
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.isEmpty ? event.metadata ?? [:] : metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line += #"{"time":"#.utf8
        Self.appendTimestamp(to: &line)
        line += #","level":"#.utf8
        Self.append(event.level.rawValue, to: &line)
        line += #","logger":"#.utf8
        Self.append(label, to: &line)
        line += #","message":"#.utf8
        Self.append(event.message.description, to: &line)
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: ","))
            Self.append(key, to: &line)
            line.append(UInt8(ascii: ":"))
            Self.append(value.description, to: &line)
        }
        line += "}\n".utf8
        buffer.append(line, urgent: event.level >= .notice)
    }

    /// `text` as a JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as UTF-8.
    static func append(_ text: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): line += [UInt8(ascii: "\\"), byte]
            case 0x0A: line += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: line += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: line += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                line += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    /// Now in UTC, to the millisecond, as a JSON string: `"2026-05-02T09:00:01.250Z"`.
    static func appendTimestamp(to line: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ count: Int) {
            var divisor: Int32 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                line.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
                divisor /= 10
            }
        }
        line.append(UInt8(ascii: "\""))
        digits(parts.tm_year + 1900, 4)
        line.append(UInt8(ascii: "-"))
        digits(parts.tm_mon + 1, 2)
        line.append(UInt8(ascii: "-"))
        digits(parts.tm_mday, 2)
        line.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2)
        line.append(UInt8(ascii: ":"))
        digits(parts.tm_min, 2)
        line.append(UInt8(ascii: ":"))
        digits(parts.tm_sec, 2)
        line.append(UInt8(ascii: "."))
        digits(Int32(now.tv_nsec / 1_000_000), 3)
        line += "Z\"".utf8
    }
}
