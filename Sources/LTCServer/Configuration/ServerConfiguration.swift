import LTCCore

/// What an `ltc-server` process serves, where, and with what limits.
///
/// ```swift
/// var configuration = ServerConfiguration(database: "ltc.sqlite")
/// configuration.port = 8080
/// ```
public struct ServerConfiguration: Sendable {
    /// The database: an SQLite file, or a `postgresql://` URI.
    public var database: String
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests); the server says which it bound.
    public var port = 8080
    /// Worker threads, each with its own database connection: the pool every
    /// request shares. Default: two per processor, at most 16 (a worker
    /// waits on the database much of the time).
    public var workers = max(2, min(16, 2 * Threads.Configuration.processors))
    /// Event-loop threads of SwiftNIO, which read and write sockets and
    /// answer the operations that read nothing stored (scoring, the forms)
    /// themselves: one per processor.
    public var eventLoops = max(1, Threads.Configuration.processors)
    /// Assessment form folders besides the built-in ones.
    public var formDirectories: [String] = []
    public var limits = ServerLimits()
    /// Native TLS and client certificates; `nil`: plain HTTP (behind a proxy that terminates TLS).
    public var tls: TLSSettings?
    /// Web session cookies are `Secure` even without native TLS: behind a
    /// proxy that serves the pages over HTTPS (`--secure-cookies`). With
    /// native TLS they are always.
    public var secureCookies = false

    public init(database: String) {
        self.database = database
    }
}
