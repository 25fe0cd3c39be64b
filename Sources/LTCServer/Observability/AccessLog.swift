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
/// beyond its route and who sent it.
///
/// ```
/// {"time":"2026-05-02T09:00:01.250Z","level":"info","message":"request","request":"5f0c…","credential":"c-i001","method":"POST","route":"/logs","operation":"logs.submit","status":"200","bytes":"27412","ms":"84.2"}
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
/// standard error (or a file descriptor), for journald or a log shipper.
public struct JSONLineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let descriptor: Int32

    public init(label: String, descriptor: Int32 = 2) {
        self.label = label
        self.descriptor = descriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: JSONObject = ["time": .string(Self.timestamp()), "level": .string(event.level.rawValue), "logger": .string(label),
                                  "message": .string(event.message.description)]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            object.set(key, .string(value.description))
        }
        let line = Array((JSONWriter.string(.object(object)) + "\n").utf8)
        line.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Now in UTC, to the millisecond: `2026-05-02T09:00:01.250Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
