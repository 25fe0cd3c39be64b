import LTCAssessment
import LTCCases
import LTCCore
import LTCOperations
import LTCProviders
@testable import LTCServer
import LTCStorage
import Logging
import LTCTestSupport
import Synchronization
import Testing

/// A count of access changes a test moves by hand (the process's own, `AccessChanges`, moves with every test that revokes).
final class HandCount: Sendable {
    let value = Mutex(0)
    func current() -> Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }
}

@Suite("A verified credential is trusted for a second at most, and not past a revocation made through the server")
struct CredentialCacheTests {
    let credential = Credential(try! Actor("institution:I001").presenting(CredentialID(number: 7)))

    @Test("Remembered for less than its seconds; then the database is asked again")
    func bound() {
        let clock = HandClock(), count = HandCount()
        let cache = CredentialCache(seconds: 1, clock: clock, changes: count.current)
        #expect(cache.credential(for: "ltc_C7_x") == nil)
        #expect(cache.verify("ltc_C7_x") { credential } == credential)
        #expect(cache.verify("ltc_C7_y") { nil } == nil)
        clock.advance(0.9)
        #expect(cache.credential(for: "ltc_C7_x") == credential)
        #expect(cache.credential(for: "ltc_C7_y") == nil)
        #expect(cache.credential(for: "ltc_C7_X") == nil)
        clock.advance(0.1)
        #expect(cache.credential(for: "ltc_C7_x") == nil)
    }

    @Test("An access change in this process (a revocation, a deactivation) forgets every entry, even one made during the change")
    func changes() {
        let clock = HandClock(), count = HandCount()
        let cache = CredentialCache(seconds: 1, clock: clock, changes: count.current)
        _ = cache.verify("ltc_C7_x") { credential }
        count.add()
        #expect(cache.credential(for: "ltc_C7_x") == nil)
        // The database said yes before a revocation committed, and the cache heard of it after.
        _ = cache.verify("ltc_C7_x") { count.add(); return credential }
        #expect(cache.credential(for: "ltc_C7_x") == nil)
    }

    @Test("Off at 0 seconds; full, the oldest half is let go")
    func offAndFull() {
        let clock = HandClock(), count = HandCount()
        let off = CredentialCache(seconds: 0, clock: clock, changes: count.current)
        _ = off.verify("ltc_C7_x") { credential }
        #expect(off.credential(for: "ltc_C7_x") == nil && off.count == 0)
        let small = CredentialCache(seconds: 1, capacity: 4, clock: clock, changes: count.current)
        for number in 0..<4 {
            _ = small.verify("ltc_C7_\(number)") { credential }
            clock.advance(0.01)
        }
        _ = small.verify("ltc_C7_new") { credential }
        #expect(small.count <= 4 && small.credential(for: "ltc_C7_new") == credential && small.credential(for: "ltc_C7_0") == nil)
    }
}

@Suite("Operations that read nothing stored are answered on the event loop, from a credential verified a moment ago", .serialized)
struct ComputeOnLoopTests {
    let scratch: TestStore
    let environment: OperationEnvironment
    let clock = HandClock()

    init() throws {
        scratch = try TestStore()
        let forms = try FormCatalog.load()
        let wall = FixedClock(instant: "2026-03-01T02:00:00Z")!
        let location = scratch.location
        environment = OperationEnvironment(forms: forms, clock: wall) {
            StoreServices(store: try StoreLocation(location).open(), forms: forms, clock: wall)
        }
        for (id, role) in [("wang", "administrator"), ("zhao", "auditor"), ("qian", "auditor")] {
            try run("staff.add", ["actor": "administrator:wang", "id": .string(id), "role": .string(role), "name": "某"])
        }
    }

    @discardableResult
    func run(_ name: String, _ params: JSONObject) throws -> JSONValue {
        try OperationCatalogue.standard().entry(named: name)!.invoke(params, caller: .trusting, in: environment).json
    }

    func issue(_ holder: String) throws -> (id: String, token: String) {
        let issued = try run("credential.issue", ["actor": "administrator:wang", "for": .string(holder)])
        return (issued["credential"]?["id"]?.stringValue ?? issued["id"]?.stringValue ?? "", issued["token"]?.stringValue ?? "")
    }

    func start() throws -> HTTPServer {
        var configuration = ServerConfiguration(database: scratch.location)
        configuration.port = 0
        configuration.workers = 1
        configuration.limits.ratePerSecond = 0
        return try HTTPServer.start(configuration, authenticator: StoredCredentials(), clock: clock,
                                    accessLog: AccessLog(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }),
                                    wallClock: FixedClock(instant: "2026-03-01T02:00:00Z")!)
    }

    static let score = Array(#"{"jsonrpc":"2.0","id":1,"method":"forms.list"}"#.utf8)

    @Test("A revocation through the server refuses the next compute-only request at once")
    func revokedHere() throws {
        let server = try start()
        defer { server.stop() }
        let (id, token) = try issue("auditor:zhao")
        for _ in 0..<3 {
            let answer = try exchange(server.port, "POST", "/rpc", token: token, body: Self.score)
            #expect(answer.status == 200 && answer.body.contains(#""result""#), "\(answer.body)")
            #expect(try exchange(server.port, "POST", "/api/forms.list", token: token, body: []).status == 200)
        }
        try run("credential.revoke", ["actor": "administrator:wang", "credential": .string(id)])
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: Self.score).status == 401)
        #expect(try exchange(server.port, "POST", "/api/forms.list", token: token, body: []).status == 401)
    }

    @Test("A deactivation through the server refuses the next compute-only request at once")
    func deactivatedHere() throws {
        let server = try start()
        defer { server.stop() }
        let (_, token) = try issue("auditor:qian")
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: Self.score).status == 200)
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: Self.score).status == 200)
        try run("staff.deactivate", ["actor": "administrator:wang", "id": "qian", "from": "2026-03-01", "reason": "left"])
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: Self.score).status == 401)
    }

    @Test("A revocation stored by another process: refused at once where the database is read, within the cache's second where nothing is")
    func revokedElsewhere() throws {
        let server = try start()
        defer { server.stop() }
        let (id, token) = try issue("administrator:wang")
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: Self.score).status == 200)
        // Straight into the database, as `ltc credential revoke` in another process does: this process counts no change.
        try scratch.store.write { (tx: any ProviderTransaction) in
            try tx.credentials.revoke(CredentialID(id)!, LTCProviders.Credential.Revocation(at: "2026-03-01T02:00:00Z", by: try Actor("administrator:wang")))
        }
        #expect(try exchange(server.port, "POST", "/api/staff.list", token: token, body: []).status == 401)
        let staffByRPC = Array(#"{"jsonrpc":"2.0","id":1,"method":"staff.list"}"#.utf8)
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: staffByRPC).status == 401)
        clock.advance(1)
        #expect(try exchange(server.port, "POST", "/rpc", token: token, body: Self.score).status == 401)
        #expect(try exchange(server.port, "POST", "/api/forms.list", token: token, body: []).status == 401)
    }
}
