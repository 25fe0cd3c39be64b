#if canImport(Glibc)
import Glibc
#endif
import LTCAssessment
import LTCCases
import LTCCore
import LTCOperations
@testable import LTCServer
import NIOHTTP1
import Synchronization
import Testing

/// A clock a test moves by hand.
final class HandClock: MonotonicClock {
    let now = Mutex(1_000.0)
    func seconds() -> Double { now.withLock { $0 } }
    func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
}

@Suite("The router: each route its method, every other path 404")
struct RouterTests {
    @Test("Routes and their values")
    func routes() {
        #expect(Router.route(.POST, "/rpc") == .rpc)
        #expect(Router.route(.POST, "/api/case.get") == .operation("case.get"))
        #expect(Router.route(.POST, "/logs") == .logs)
        #expect(Router.route(.GET, "/statements/2026-04") == .statement("2026-04"))
        #expect(Router.route(.POST, "/cases/12/evidence") == .evidence("12"))
        #expect(Router.route(.GET, "/healthz") == .health)
        #expect(Router.route(.GET, "/readyz") == .ready)
        #expect(Router.route(.GET, "/metrics") == .metrics)
        #expect(Router.route(.GET, "/openapi.json") == .openAPI)
    }

    @Test("A route's other methods are 405 naming the allowed one; anything else 404")
    func refusals() {
        #expect(Router.route(.GET, "/rpc") == .methodNotAllowed(allowed: "POST"))
        #expect(Router.route(.DELETE, "/statements/2026-04") == .methodNotAllowed(allowed: "GET"))
        #expect(Router.route(.GET, "/nothing") == .notFound)
        #expect(Router.route(.POST, "/api/") == .notFound)
        #expect(Router.route(.POST, "/cases/1/evidence/x") == .notFound)
        #expect(Router.route(.GET, "/etc/passwd") == .notFound)
    }

    @Test("Only the catalogue's routes and uploads need a credential; uploads are admitted before their body")
    func credentials() {
        let guarded: [Route] = [.rpc, .operation("x"), .logs, .statement("m"), .evidence("1")]
        let open: [Route] = [.health, .ready, .metrics, .openAPI, .notFound]
        #expect(guarded.filter { !$0.needsCredential } == [])
        #expect(open.filter { $0.needsCredential } == [])
        #expect(guarded.filter(\.isUpload) == [.logs, .evidence("1")])
    }

    @Test("A query is decoded: + and %XX")
    func query() {
        #expect(ServerRequest.query("kind=photo&name=%E5%BA%8A%E8%BE%B9+1.jpg&x") == ["kind": "photo", "name": "床边 1.jpg", "x": ""])
    }
}

@Suite("Credentials: a bearer token or nothing")
struct AuthenticationTests {
    @Test("One Authorization: Bearer header with a plain token, else none")
    func token() {
        #expect(Authentication.token(["Bearer abc123"]) == "abc123")
        #expect(Authentication.token(["bearer   abc123 "]) == "abc123")
        #expect(Authentication.token([]) == nil)
        #expect(Authentication.token(["Basic YWxhZGRpbjpvcGVuc2VzYW1l"]) == nil)
        #expect(Authentication.token(["Bearer a b"]) == nil)
        #expect(Authentication.token(["Bearer "]) == nil)
        #expect(Authentication.token(["Bearer a", "Bearer b"]) == nil)
        #expect(Authentication.token(["Bearer " + String(repeating: "x", count: 600)]) == nil)
    }

    @Test("A credential pins its actor, named by the credential's id")
    func caller() throws {
        let actor = try Actor("institution:I001").presenting(CredentialID(number: 7))
        #expect(Credential(actor).id == "C7")
        #expect(Credential(actor).caller == .pinned(try Actor("institution:I001"), by: "credential C7"))
    }
}

@Suite("The per-credential token bucket")
struct RateLimiterTests {
    @Test("A burst, then the rate; each credential its own bucket; Retry-After in whole seconds")
    func bucket() {
        let clock = HandClock()
        let limiter = RateLimiter(rate: 2, burst: 3, clock: clock)
        #expect((0..<3).map { _ in limiter.admit("a") } == [nil, nil, nil])
        #expect(limiter.admit("a") == 1)
        #expect(limiter.admit("b") == nil)
        clock.advance(0.5)
        #expect(limiter.admit("a") == nil)
        #expect(limiter.admit("a") == 1)
        clock.advance(60)
        #expect((0..<4).map { _ in limiter.admit("a") } == [nil, nil, nil, 1])
    }

    @Test("A batch takes as many places as it holds requests: it waits for them all, and a cost above the bucket takes the whole bucket")
    func cost() {
        let clock = HandClock()
        let limiter = RateLimiter(rate: 2, burst: 5, clock: clock)
        #expect(limiter.admit("a", cost: 4) == nil)
        #expect(limiter.admit("a", cost: 3) == 1)       // 1 left; 2 more come in a second
        clock.advance(1)
        #expect(limiter.admit("a", cost: 3) == nil)
        #expect(limiter.admit("a", cost: 50) == 3)      // as the whole bucket of 5: 3 s to refill from 0
    }

    @Test("A rate of 0 admits everything")
    func unlimited() {
        let limiter = RateLimiter(rate: 0, burst: 1, clock: HandClock())
        #expect((0..<1000).allSatisfy { _ in limiter.admit("a") == nil })
    }
}

@Suite("Documents and formats the server makes")
struct ServerDocumentTests {
    @Test("OpenAPI 3.1 has a path for every operation, with its params and result schemas, and the resource routes")
    func openAPI() throws {
        let catalogue = OperationCatalogue.standard()
        let document = OpenAPIDocument.make(catalogue)
        #expect(document["openapi"] == "3.1.0")
        let paths = try #require(document["paths"]?.objectValue)
        for entry in catalogue.entries {
            let post = try #require(paths["/api/\(entry.name)"]?["post"], "\(entry.name)")
            #expect(post["requestBody"]?["content"]?["application/json"]?["schema"] == .object(entry.paramsSchema.json))
            #expect(post["responses"]?["200"]?["content"]?["application/json"]?["schema"] == .object(entry.resultSchema.json))
            #expect(post["responses"]?["401"] != nil && post["responses"]?["403"] != nil && post["responses"]?["429"] != nil)
        }
        for path in ["/rpc", "/logs", "/statements/{month}", "/cases/{id}/evidence", "/healthz", "/readyz", "/metrics", "/openapi.json"] {
            #expect(paths[path] != nil, "\(path)")
        }
    }

    @Test("A statement as CSV: one row per statement; text cells guarded, numbers as they are")
    func statementCSV() {
        let statements: [JSONValue] = [
            ["institution": "I001", "logs": 3, "payable": .number("120.50"), "name": "=SUM(A1)"],
            ["institution": "I002", "logs": 0, "payable": .number("0.00"), "name": "a, b"],
        ]
        #expect(StatementRoute.csv(statements) == "institution,logs,payable,name\nI001,3,120.50,'=SUM(A1)\nI002,0,0.00,\"a, b\"\n")
    }

    @Test("Metrics are Prometheus text with the counters, the histogram and the pool")
    func metrics() {
        let metrics = ServerMetrics()
        metrics.observe(operation: "logs.submit", status: 200, seconds: 0.02)
        metrics.observe(operation: "logs.submit", status: 422, seconds: 3)
        metrics.submitted(accepted: 98, rejected: 2)
        let pool = WorkerPool(workers: [], capacity: 4, queueSeconds: 1, clock: HandClock())
        let text = metrics.render(pool: pool, connections: 7)
        #expect(text.contains("ltc_http_requests_total{operation=\"logs.submit\",status=\"422\"} 1"))
        #expect(text.contains("ltc_http_request_duration_seconds_bucket{operation=\"logs.submit\",le=\"0.025\"} 1"))
        #expect(text.contains("ltc_http_request_duration_seconds_bucket{operation=\"logs.submit\",le=\"+Inf\"} 2"))
        #expect(text.contains("ltc_logs_accepted_total 98") && text.contains("ltc_logs_rejected_total 2"))
        #expect(text.contains("ltc_db_pool_queue_capacity 4") && text.contains("ltc_http_connections 7"))
        pool.stop()
    }
}

func writeFile(_ path: String, _ text: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { throw InputError(source: path, message: "cannot write") }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}
