#if canImport(Glibc)
import Glibc
#endif
import LTCAssessment
import LTCCore
import LTCOperations
import LTCProtocol
import LTCStorage
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The HTTP/1.1 server (keep-alive and pipelining included) on SwiftNIO,
/// over TLS where ``ServerConfiguration/tls`` is set (swift-nio-ssl):
/// SwiftNIO's event loops read and write the sockets; a ``WorkerPool`` runs
/// the operations, each worker on its own database connection.
///
/// ```swift
/// let server = try HTTPServer.start(configuration, authenticator: StoredCredentials())
/// print(server.port)
/// server.stop()      // graceful: requests in flight finish, then the process may exit
/// ```
public final class HTTPServer: Sendable {
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let context: ServerContext

    /// Starts serving, or throws: the database's schema behind this ltc's
    /// (``SchemaBehind``: run `ltc migrate` as the owner), the address taken.
    public static func start(_ configuration: ServerConfiguration, authenticator: any Authenticator,
                             clock: any MonotonicClock = SystemMonotonicClock(), accessLog: AccessLog = AccessLog(),
                             wallClock: any WallClock = SystemClock()) throws -> HTTPServer {
        let location = StoreLocation(configuration.database)
        try location.requireCurrent()
        let tls = try configuration.tls?.context()
        let database = configuration.database
        let workers = try (0..<configuration.workers).map { number -> Worker in
            let forms = try FormCatalog.load(directories: configuration.formDirectories)
            let environment = OperationEnvironment(forms: forms, clock: wallClock) {
                StoreServices(store: try location.open(migrate: false), forms: forms, clock: wallClock, vault: location.evidenceVault)
            }
            let catalogue = OperationCatalogue.standard()
            let rpc = RPCServer(catalogue: catalogue, environment: environment, caller: .trusting, about: ["actors": actorModel])
            return Worker(number: number, environment: environment, catalogue: catalogue, rpc: rpc)
        }
        let limits = configuration.limits
        let pool = WorkerPool(workers: workers, capacity: limits.queuedRequests, queueSeconds: limits.queueSeconds, clock: clock)
        let metrics = ServerMetrics()
        let limiter = RateLimiter(rate: limits.ratePerSecond, burst: limits.rateBurst, clock: clock)
        let sessions = WebSessions(clock: clock, secure: configuration.tls != nil || configuration.secureCookies)
        let credentials = CredentialCache(seconds: limits.credentialCacheSeconds, clock: clock)
        let chain = MiddlewareChain([
            Authentication(authenticator, certificates: configuration.tls?.clientCertificates ?? ClientCertificates(),
                           sessions: sessions, cache: credentials),
            RateLimit(limiter),
        ])
        let connections = ConnectionRegistry(limit: limits.connections)
        let context = ServerContext(pool: pool, chain: chain, routes: RouteTable(database: database, metrics: metrics, limiter: limiter, batchLimit: limits.batchRequests,
                                                                                               web: WebPages(sessions: sessions, uploadLimit: min(limits.uploadBytes, 64 << 20))), connections: connections,
                                    limits: limits, clock: clock, metrics: metrics, accessLog: accessLog,
                                    spoolFolder: ProcessInfoLite.temporaryFolder,
                                    openAPI: Array(JSONWriter.string(OpenAPIDocument.make(.standard())).utf8),
                                    credentials: credentials, loopWorker: try loopWorker(configuration, clock: wallClock))
        var decoderLimits = NIOHTTPDecoderLimitConfiguration()
        decoderLimits.maxHeaderListSize = limits.headerBytes
        decoderLimits.maxHeaderFieldSize = limits.headerBytes
        decoderLimits.maxHeaderFieldCount = 100
        let idle = limits.idleSeconds
        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.eventLoops)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    guard connections.admit(channel) else {
                        try pipeline.addHandler(OverLimitHandler())
                        return
                    }
                    if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true, withOutboundHeaderValidation: true,
                                                             withEncoderConfiguration: .init(), withDecoderLimitConfiguration: decoderLimits)
                    try pipeline.addHandler(IdleStateHandler(readTimeout: .seconds(idle)))
                    try pipeline.addHandler(HTTPHandler(server: context))
                }
            }
        let listener: any Channel
        do {
            listener = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        } catch {
            pool.stop()
            try? group.syncShutdownGracefully()
            throw InputError(source: "--listen", message: "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        return HTTPServer(port: listener.localAddress?.port ?? configuration.port, group: group, listener: listener, context: context)
    }

    /// The event loops' worker: the forms and the catalogue, with no database
    /// (an operation that needs one is never sent to it, and would be told so).
    private static func loopWorker(_ configuration: ServerConfiguration, clock: any WallClock) throws -> Worker {
        let environment = OperationEnvironment(forms: try FormCatalog.load(directories: configuration.formDirectories), clock: clock)
        let catalogue = OperationCatalogue.standard()
        return Worker(number: -1, environment: environment, catalogue: catalogue,
                      rpc: RPCServer(catalogue: catalogue, environment: environment, caller: .trusting, about: ["actors": actorModel]))
    }

    private init(port: Int, group: MultiThreadedEventLoopGroup, listener: any Channel, context: ServerContext) {
        self.port = port
        self.group = group
        self.listener = listener
        self.context = context
    }

    /// How `rpc.describe` over HTTP says actors are trusted.
    static let actorModel: JSONValue = [
        "model": "Each request acts as the actor of the bearer credential it presents: a request may leave out actor or name that one; another is refused.",
        "pinned": .null,
    ]

    /// Stops gracefully: no new connection; idle connections closed; each
    /// request in flight answered (its connection closed after) within
    /// ``ServerLimits/shutdownSeconds``; then what is left is closed, and the
    /// workers finish the jobs they hold, so a submission is stored whole or
    /// (its connection gone before its body arrived) not at all.
    public func stop() {
        context.connections.drain()
        try? listener.close().wait()
        let deadline = context.clock.seconds() + Double(context.limits.shutdownSeconds)
        // A wait with a deadline, which a Handoff has not: checked every 20 ms.
        while context.connections.busy > 0 && context.clock.seconds() < deadline { usleep(20_000) }
        context.connections.closeAll()
        context.pool.stop()
        try? group.syncShutdownGracefully()
    }
}

/// Answers a connection over the limit with a 503 and closes it, before any HTTP handler reads it.
final class OverLimitHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        let text = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}

/// The folder for temporary files: `$TMPDIR`, else `/tmp`.
enum ProcessInfoLite {
    static var temporaryFolder: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }
}
