/// How much one request, one connection and one credential may ask of the
/// server. Every limit has a default fit for a city's institutions on one
/// machine, and an `ltc-server` option to change it (docs/deploy.md).
///
/// ```swift
/// var limits = ServerLimits()
/// limits.uploadBytes = 256 << 20     // larger log files
/// ```
public struct ServerLimits: Sendable, Equatable {
    /// The body of a request other than an upload (`/rpc`, `/api/…`): held in
    /// memory, so kept small. 1 MiB.
    public var bodyBytes = 1 << 20
    /// The body of an upload (`POST /logs`, `POST /cases/{id}/evidence`):
    /// written to a temporary file as it arrives, never held in memory. 64 MiB
    /// (a month's logs of a large institution is a few MiB).
    public var uploadBytes = 64 << 20
    /// The request line's target. 4 KiB.
    public var uriBytes = 4 << 10
    /// All header names and values of a request together. 16 KiB.
    public var headerBytes = 16 << 10
    /// Seconds to receive a whole request, head and body, once it begins
    /// (against clients that send a byte at a time). 60 s.
    public var requestSeconds: Int64 = 60
    /// Seconds a keep-alive connection may stay idle between requests. 30 s.
    public var idleSeconds: Int64 = 30
    /// Seconds a request may wait in the queue for a worker before it is
    /// answered 503 without running. 10 s.
    public var queueSeconds: Double = 10
    /// Open connections at once; one more is answered 503 and closed. 512.
    public var connections = 512
    /// Requests waiting for a worker at once; one more is answered 503 with
    /// `Retry-After` (backpressure: no unbounded queue). 256.
    public var queuedRequests = 256
    /// Requests each credential may make a second, on average; 0: no limit. 50.
    public var ratePerSecond: Double = 50
    /// Requests a credential may make at once above that rate (the bucket's size). 100.
    public var rateBurst: Double = 100
    /// Requests in one JSON-RPC batch over `POST /rpc`, each counted against
    /// the credential's rate; a longer batch is answered 413 without running.
    /// 100 (a body of 1 MiB held 12,000 small requests and a 122 MB answer).
    public var batchRequests = 100
    /// Seconds a stopping server waits for requests in flight before it
    /// closes what is left (which the database rolls back). 30 s.
    public var shutdownSeconds: Int64 = 30
    /// Seconds a bearer credential the database let in is trusted without
    /// asking again, for operations that read nothing stored (``CredentialCache``):
    /// a revocation or deactivation stored by another process reaches them
    /// within this time (one made through the server, at once). 1 s; 0 asks
    /// the database on every request.
    public var credentialCacheSeconds: Double = 1

    public init() {}
}
