// ltc-server: ltc over HTTP for institutions, assessors and other systems.
// `ltc serve …` starts it; docs/deploy.md runs it as a service.

import ArgumentParser
import Foundation
import LTCCore
import LTCOperations
import LTCServer
import Logging

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ltc-server",
        abstract: "Serve ltc over HTTP/1.1: every operation at POST /api/{method}, JSON-RPC at POST /rpc, log uploads, statements and evidence.",
        discussion: """
            Every request but /healthz, /readyz, /metrics and /openapi.json carries Authorization: Bearer TOKEN, \
            a token ltc credential issue printed, and acts as that credential's actor. The database must be migrated first (ltc migrate --db …, as its \
            owner); the server refuses a schema that is behind. SIGTERM stops it gracefully. See docs/deploy.md.
            """
    )

    @Option(help: ArgumentHelp("The database: an SQLite file, or postgresql://USER@HOST:PORT/DBNAME; else $LTC_DB.", valueName: "path|uri"))
    var db: String?
    @Option(help: ArgumentHelp("Where to listen: HOST:PORT (port 0: any free one, said on standard error and in --port-file).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp("Write the port listened on to this file once listening (for scripts).", valueName: "file"))
    var portFile: String?
    @Option(help: "Worker threads, each with its own database connection (default: two per processor, at most 16).")
    var workers: Int?
    @Option(name: .customLong("forms"), help: ArgumentHelp("A folder of assessment forms besides the built-in ones; repeatable.", valueName: "dir"))
    var formDirectories: [String] = []
    @Option(help: "The largest body of a request other than an upload, in bytes (default 1 MiB).") var bodyLimit: Int?
    @Option(help: "The largest upload (POST /logs, evidence), in bytes (default 64 MiB).") var uploadLimit: Int?
    @Option(help: "Open connections at once (default 512).") var connections: Int?
    @Option(help: "Requests that may wait for a worker at once; one more gets 503 (default 256).") var queue: Int?
    @Option(help: "Requests a credential may make a second on average; 0 for no limit (default 50).") var rate: Double?
    @Option(help: "Requests a credential may make at once above its rate (default 100).") var burst: Double?
    @Option(help: "Requests in one JSON-RPC batch over /rpc, each counted against the rate; more get 413 (default 100).") var batchLimit: Int?
    @Option(help: "Seconds to receive a whole request (default 60).") var requestTimeout: Int64?
    @Option(help: "Seconds a keep-alive connection may stay idle (default 30).") var idleTimeout: Int64?
    @Option(help: "Seconds SIGTERM waits for requests in flight (default 30).") var shutdownGrace: Int64?
    @Option(help: "Seconds a verified bearer credential is trusted for operations that read nothing stored (default 1; 0: always ask the database).")
    var credentialCache: Double?
    @Option(help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM, the server's certificate first); with --tls-key.", valueName: "pem"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("The private key of --tls-cert (PEM).", valueName: "pem")) var tlsKey: String?
    @Option(help: ArgumentHelp("Ask clients for a certificate this authority signed (PEM); with --client-certificates.", valueName: "pem"))
    var clientCa: String?
    @Option(help: ArgumentHelp("Which credential each client certificate subject acts as: lines of 'C12 CN=…,O=…' (docs/deploy.md).", valueName: "file"))
    var clientCertificates: String?
    @Flag(help: "Mark web session cookies Secure without --tls-cert: behind a proxy that serves the pages over HTTPS.")
    var secureCookies = false

    func run() throws {
        guard let database = db ?? ProcessInfo.processInfo.environment["LTC_DB"] else {
            throw ValidationError("give the database: --db PATH|URI, or $LTC_DB")
        }
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65_535).contains(port) else {
            throw ValidationError("--listen is HOST:PORT, e.g. 127.0.0.1:8080")
        }
        var configuration = ServerConfiguration(database: database)
        configuration.tls = try tlsSettings()
        configuration.secureCookies = secureCookies
        configuration.host = String(listen[..<colon])
        configuration.port = port
        if let workers { configuration.workers = max(1, workers) }
        configuration.formDirectories = formDirectories
        if let bodyLimit { configuration.limits.bodyBytes = bodyLimit }
        if let uploadLimit { configuration.limits.uploadBytes = uploadLimit }
        if let connections { configuration.limits.connections = connections }
        if let queue { configuration.limits.queuedRequests = max(1, queue) }
        if let rate { configuration.limits.ratePerSecond = rate }
        if let burst { configuration.limits.rateBurst = burst }
        if let batchLimit { configuration.limits.batchRequests = max(1, batchLimit) }
        if let requestTimeout { configuration.limits.requestSeconds = requestTimeout }
        if let idleTimeout { configuration.limits.idleSeconds = idleTimeout }
        if let shutdownGrace { configuration.limits.shutdownSeconds = shutdownGrace }
        if let credentialCache { configuration.limits.credentialCacheSeconds = max(0, credentialCache) }

        // SIGTERM and SIGINT are taken by this thread alone (sigwait): blocked
        // here before any thread starts, so every thread started inherits the mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        signal(SIGPIPE, SIG_IGN)

        LoggingSystem.bootstrap { JSONLineLogHandler(label: $0) }
        let log = Logger(label: "ltc.server")
        let server: HTTPServer
        do {
            server = try HTTPServer.start(configuration, authenticator: StoredCredentials())
        } catch {
            log.error("not started", metadata: ["reason": .string("\(error)")])
            // 69 for a database that is unreachable or behind, 65 for a file that would not load, as ltc exits.
            throw ExitCode(ErrorClass.of(error).exitStatus)
        }
        if let portFile { try? String(server.port).write(toFile: portFile, atomically: true, encoding: .utf8) }
        log.notice("listening", metadata: ["address": .string("\(configuration.tls == nil ? "http" : "https")://\(configuration.host):\(server.port)"), "workers": .stringConvertible(configuration.workers)])
        var received: Int32 = 0
        sigwait(&signals, &received)
        log.notice("stopping", metadata: ["signal": .stringConvertible(received)])
        server.stop()
        log.notice("stopped")
        LogLineBuffer.standardError.flush()   // "stopped" wrote every line before it already; nothing is left behind
    }

    /// TLS from the options: the certificate and key together; client certificates only over TLS, the authority and the mapping together.
    func tlsSettings() throws -> TLSSettings? {
        guard let tlsCert, let tlsKey else {
            if tlsCert != nil || tlsKey != nil { throw ValidationError("--tls-cert and --tls-key go together") }
            if clientCa != nil || clientCertificates != nil { throw ValidationError("client certificates need TLS: give --tls-cert and --tls-key too") }
            return nil
        }
        var settings = TLSSettings(certificate: tlsCert, key: tlsKey)
        guard let clientCa, let clientCertificates else {
            if clientCa != nil || clientCertificates != nil { throw ValidationError("--client-ca and --client-certificates go together") }
            return settings
        }
        settings.clientAuthority = clientCa
        let text: String
        do {
            text = try String(contentsOfFile: clientCertificates, encoding: .utf8)
        } catch {
            throw ValidationError("\(clientCertificates): cannot be read as UTF-8 text")
        }
        do {
            settings.clientCertificates = try ClientCertificates(text: text, source: clientCertificates)
        } catch {
            throw ValidationError("\(error)")
        }
        return settings
    }
}

Threads.configure(Threads.Configuration(workers: Threads.Configuration.processors, stackSize: 8 << 20))
Serve.main()
