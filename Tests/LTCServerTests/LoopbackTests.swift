#if canImport(Glibc)
import Glibc
#endif
import LTCAssessment
import LTCCases
import LTCCore
import LTCOperations
@testable import LTCServer
import LTCStorage
import Logging
import LTCTestSupport
import Synchronization
import Testing

/// Sends `bytes` as they are on a socket of its own and reads until the server closes it.
func raw(_ port: Int, _ bytes: [UInt8]) throws -> String {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard connected == 0 else { throw InputError(source: "test", message: "cannot connect") }
    _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
    var answer: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = block.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        answer += block[0..<count]
    }
    return String(decoding: answer, as: UTF8.self)
}

/// One HTTP/1.1 exchange over a socket of its own (`Connection: close`): the status, the headers (lowercased names) and the body.
func exchange(_ port: Int, _ method: String, _ path: String, token: String? = nil, body: [UInt8] = [], headers: [String] = []) throws -> (status: Int, headers: [String: String], body: String) {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard connected == 0 else { throw InputError(source: "test", message: "cannot connect") }
    var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
    if let token { head += "Authorization: Bearer \(token)\r\n" }
    for header in headers { head += header + "\r\n" }
    let request = Array((head + "\r\n").utf8) + body
    var sent = 0
    while sent < request.count {
        let step = request.withUnsafeBytes { send(socket, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
        if step <= 0 { break }   // the server may answer (413) and close before reading it all
        sent += step
    }
    var answer: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = block.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        answer += block[0..<count]
    }
    let text = String(decoding: answer, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else { throw InputError(source: "test", message: "no answer: \(text)") }
    let lines = text[..<split.lowerBound].split(separator: "\r\n")
    let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
    var fields: [String: String] = [:]
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        fields[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].drop(while: { $0 == " " }))
    }
    return (status, fields, String(text[split.upperBound...]))
}

@Suite("The server over loopback: stored credentials, the pinned actor, limits, the rate, stopping", .serialized)
struct LoopbackTests {
    let scratch: TestStore
    let environment: OperationEnvironment
    let server: HTTPServer
    /// Tokens `credential.issue` printed: C1 for wang, C2 for li (administrators), C3 for zhao (an auditor).
    let wang: String, li: String, zhao: String

    init() throws {
        scratch = try TestStore()
        let forms = try FormCatalog.load()
        let clock = FixedClock(instant: "2026-03-01T02:00:00Z")!
        let location = scratch.location
        let environment = OperationEnvironment(forms: forms, clock: clock) {
            StoreServices(store: try StoreLocation(location).open(), forms: forms, clock: clock)
        }
        self.environment = environment
        for (id, role) in [("wang", "administrator"), ("li", "administrator"), ("zhao", "auditor")] {
            try Self.run("staff.add", ["actor": "administrator:wang", "id": .string(id), "role": .string(role), "name": "某"], in: environment)
        }
        func issue(_ holder: String) throws -> String {
            try Self.run("credential.issue", ["actor": "administrator:wang", "for": .string(holder)], in: environment)["token"]?.stringValue ?? ""
        }
        wang = try issue("administrator:wang")
        li = try issue("administrator:li")
        zhao = try issue("auditor:zhao")
        var configuration = ServerConfiguration(database: scratch.location)
        configuration.port = 0
        configuration.workers = 2
        configuration.limits.bodyBytes = 4096
        configuration.limits.ratePerSecond = 1
        configuration.limits.rateBurst = 8
        server = try HTTPServer.start(configuration, authenticator: StoredCredentials(),
                                      accessLog: AccessLog(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }), wallClock: clock)
    }

    /// An operation run directly, as an administrator at the console would.
    @discardableResult
    static func run(_ name: String, _ params: JSONObject, in environment: OperationEnvironment) throws -> JSONValue {
        try OperationCatalogue.standard().entry(named: name)!.invoke(params, caller: .trusting, in: environment).json
    }

    @discardableResult
    func run(_ name: String, _ params: JSONObject) throws -> JSONValue {
        try Self.run(name, params, in: environment)
    }

    @Test("Probes need no credential; every other route 401s without one, the same for missing, malformed, unknown, wrong, revoked and deactivated")
    func authentication() throws {
        defer { server.stop() }
        #expect(try exchange(server.port, "GET", "/healthz").status == 200)
        #expect(try exchange(server.port, "GET", "/readyz").body == #"{"status":"ready"}"#)
        let missing = try exchange(server.port, "POST", "/api/staff.list", body: Array("{}".utf8))
        #expect(missing.status == 401 && missing.headers["www-authenticate"] == #"Bearer realm="ltc""#)
        let wrongSecret = String(wang.dropLast()) + (wang.last == "0" ? "1" : "0")
        let unknownID = "ltc_C99_" + wang.split(separator: "_").last!
        for token in ["tok-nobody", wrongSecret, unknownID] {
            let refused = try exchange(server.port, "POST", "/api/staff.list", token: token, body: Array("{}".utf8))
            #expect(refused.status == 401 && refused.body == missing.body, "\(token)")
        }
        #expect(try exchange(server.port, "POST", "/logs", body: Array("log_id\n".utf8)).status == 401)
        #expect(try exchange(server.port, "GET", "/statements/2026-03").status == 401)
        #expect(try exchange(server.port, "POST", "/api/staff.list", token: li, body: Array("{}".utf8)).status == 200)
        try run("credential.revoke", ["actor": "administrator:wang", "credential": "C2"])
        let revoked = try exchange(server.port, "POST", "/api/staff.list", token: li, body: Array("{}".utf8))
        #expect(revoked.status == 401 && revoked.body == missing.body)
        #expect(try exchange(server.port, "POST", "/api/staff.list", token: zhao, body: Array("{}".utf8)).status == 200)
        try run("staff.deactivate", ["actor": "administrator:wang", "id": "zhao", "from": "2026-03-01", "reason": "left"])
        let deactivated = try exchange(server.port, "POST", "/api/staff.list", token: zhao, body: Array("{}".utf8))
        #expect(deactivated.status == 401 && deactivated.body == missing.body)
    }

    @Test("POST /logs checks the credential once, against the database, and refuses it revoked or its holder deactivated; the submission names it")
    func logsCredential() throws {
        defer { server.stop() }
        try run("staff.add", ["actor": "administrator:wang", "id": "sun", "role": "administrator", "name": "孙"])
        let sun = try run("credential.issue", ["actor": "administrator:wang", "for": "administrator:sun"])["token"]?.stringValue ?? ""
        let header = Array("log_id,institution,caregiver,person,item,start,end,mode\n".utf8)
        let missing = try exchange(server.port, "POST", "/api/staff.list", body: Array("{}".utf8))
        for token in [li, sun] {
            let sent = try exchange(server.port, "POST", "/logs", token: token, body: header)
            #expect(sent.status == 200 && sent.body.contains(#""received":0"#), "\(sent.body)")
        }
        let submissions = try scratch.store.read { tx in try tx.audit.events(subject: "submission:1") + tx.audit.events(subject: "submission:2") }
        #expect(submissions.map(\.credential) == ["C2", "C4"], "\(submissions)")
        try run("credential.revoke", ["actor": "administrator:wang", "credential": "C2"])
        let revoked = try exchange(server.port, "POST", "/logs", token: li, body: header)
        #expect(revoked.status == 401 && revoked.body == missing.body)
        try run("staff.deactivate", ["actor": "administrator:wang", "id": "sun", "from": "2026-03-01", "reason": "left"])
        let deactivated = try exchange(server.port, "POST", "/logs", token: sun, body: header)
        #expect(deactivated.status == 401 && deactivated.body == missing.body)
        #expect(try scratch.store.read { tx in try tx.audit.events(subject: "submission:3") }.isEmpty)
    }

    @Test("POST /logs refuses a credential revoked, or a holder deactivated, after its upload was admitted and before the logs are stored")
    func logsRevokedDuringUpload() throws {
        server.stop()
        try run("staff.add", ["actor": "administrator:wang", "id": "sun", "role": "administrator", "name": "孙"])
        let sun = try run("credential.issue", ["actor": "administrator:wang", "for": "administrator:sun"])["token"]?.stringValue ?? ""
        // The admission (at the request's head) lets the credential in; the change is stored while the body arrives.
        let changes: [String: (String, JSONObject)] = [
            "C2": ("credential.revoke", ["actor": "administrator:wang", "credential": "C2"]),
            "C4": ("staff.deactivate", ["actor": "administrator:wang", "id": "sun", "from": "2026-03-01", "reason": "left"])]
        var configuration = ServerConfiguration(database: scratch.location)
        configuration.port = 0
        configuration.workers = 2
        let changing = ChangingAfterCheck(environment: environment, changes: changes)
        let upload = try HTTPServer.start(configuration, authenticator: changing,
                                          accessLog: AccessLog(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }),
                                          wallClock: FixedClock(instant: "2026-03-01T02:00:00Z")!)
        defer { upload.stop() }
        let header = Array("log_id,institution,caregiver,person,item,start,end,mode\n".utf8)
        for token in [li, sun] {
            let sent = try exchange(upload.port, "POST", "/logs", token: token, body: header)
            #expect(sent.status == 403, "\(sent.status) \(sent.body)")
        }
        #expect(try scratch.store.read { tx in try tx.audit.events(subject: "submission:1") + tx.audit.events(subject: "submission:2") }.isEmpty)
    }

    @Test("An operation checks its actor's registration and credential; logs.submit does so in the submission's own transaction, storing nothing when refused")
    func actorChecked() throws {
        defer { server.stop() }
        let entry = OperationCatalogue.standard().entry(named: "staff.list")!
        // C9 was never issued: refused.
        let unissued = try Actor("administrator:wang").presenting(CredentialID("C9")!)
        #expect(throws: CaseError.self) { try entry.invoke([:], caller: .credential(unissued), in: environment) }
        let submit = OperationCatalogue.standard().entry(named: "logs.submit")!
        let logs: JSONObject = ["logs": "log_id,institution,caregiver,person,item,start,end,mode\n"]
        #expect(throws: CaseError.self) { try submit.invoke(logs, caller: .credential(unissued), in: environment) }
        #expect(try scratch.store.read { tx in try tx.audit.events(subject: "submission:1") }.isEmpty)
        let issued = try Actor("administrator:wang").presenting(CredentialID("C1")!)
        #expect(try submit.invoke(logs, caller: .credential(issued), in: environment).json["submission"]?.intValue == 1)
    }

    @Test("The actor is the credential's: a body naming another is 403 on a route, the error 1012 over /rpc; each audit event names the credential")
    func pinned() throws {
        defer { server.stop() }
        let other = try exchange(server.port, "POST", "/api/staff.list", token: wang, body: Array(#"{"actor":"administrator:li"}"#.utf8))
        #expect(other.status == 403 && other.body.contains("\"code\":1012"))
        let rpc = try exchange(server.port, "POST", "/rpc", token: wang,
                               body: Array(#"[{"jsonrpc":"2.0","id":1,"method":"staff.list","params":{"actor":"administrator:li"}},{"jsonrpc":"2.0","id":2,"method":"staff.list"}]"#.utf8))
        #expect(rpc.status == 200 && rpc.body.contains(#""id":1,"error":{"code":1012"#) && rpc.body.contains(#""id":2,"result""#))
        #expect(try exchange(server.port, "POST", "/rpc", token: wang, body: Array(#"{"jsonrpc":"2.0","method":"staff.list"}"#.utf8)).status == 204)
        let added = try exchange(server.port, "POST", "/api/staff.add", token: wang, body: Array(#"{"id":"qian","role":"auditor","name":"钱"}"#.utf8))
        #expect(added.status == 200, "\(added.body)")
        let byRPC = try exchange(server.port, "POST", "/rpc", token: wang,
                                 body: Array(#"{"jsonrpc":"2.0","id":1,"method":"staff.add","params":{"id":"sun","role":"auditor","name":"孙"}}"#.utf8))
        #expect(byRPC.body.contains(#""result""#), "\(byRPC.body)")
        let events = try scratch.store.read { tx in try ["staff:qian", "staff:sun"].flatMap { try tx.audit.events(subject: $0) } }
        #expect(events.count == 2 && events.allSatisfy { $0.actor == "administrator:wang" && $0.credential == "C1" }, "\(events)")
    }

    @Test("Pipelined requests on one connection are each answered, in order")
    func pipelined() throws {
        defer { server.stop() }
        let body = #"{"jsonrpc":"2.0","id":ID,"method":"forms.list"}"#
        var bytes: [UInt8] = []
        for id in 1...5 {
            let text = body.replacingOccurrences(of: "ID", with: String(id))
            bytes += Array("POST /rpc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(wang)\r\nContent-Length: \(text.utf8.count)\r\n\(id == 5 ? "Connection: close\r\n" : "")\r\n\(text)".utf8)
        }
        let answer = try raw(server.port, bytes)
        let ids = answer.components(separatedBy: #"{"jsonrpc":"2.0","id":"#).dropFirst().map { $0.prefix(while: \.isNumber) }
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 6 && ids == ["1", "2", "3", "4", "5"], "\(answer.prefix(400))")
    }

    @Test("A body past its limit is 413; a target past its limit 414; an unknown method 404; a bad body 400")
    func limits() throws {
        defer { server.stop() }
        let large = try exchange(server.port, "POST", "/api/staff.list", token: wang, body: [UInt8](repeating: 0x20, count: 5000))
        #expect(large.status == 413)
        #expect(try exchange(server.port, "GET", "/healthz?" + String(repeating: "a", count: 5000)).status == 414)
        #expect(try exchange(server.port, "POST", "/api/no.such", token: wang).status == 404)
        #expect(try exchange(server.port, "POST", "/api/staff.list", token: wang, body: Array("{".utf8)).status == 400)
        #expect(try exchange(server.port, "GET", "/rpc").status == 405)
    }

    @Test("A credential past its burst gets 429 with Retry-After; others are not held back")
    func rate() throws {
        defer { server.stop() }
        let statuses = try (0..<10).map { _ in try exchange(server.port, "POST", "/api/staff.list", token: wang).status }
        #expect(statuses.prefix(8).allSatisfy { $0 == 200 } && statuses.last == 429)
        let limited = try exchange(server.port, "POST", "/api/staff.list", token: wang)
        #expect(limited.status == 429 && Int(limited.headers["retry-after"] ?? "") ?? 0 >= 1)
        #expect(try exchange(server.port, "POST", "/api/staff.list", token: li).status == 200)
    }

    @Test("Stopped, the server takes no more connections")
    func stop() throws {
        #expect(try exchange(server.port, "GET", "/healthz").status == 200)
        server.stop()
        #expect(throws: (any Error).self) { try exchange(server.port, "GET", "/healthz") }
    }
}

/// The server's check of a credential, after which the credential is revoked or its holder
/// deactivated (once each): what another process may store while an upload's body arrives.
final class ChangingAfterCheck: Authenticator, @unchecked Sendable {
    let environment: OperationEnvironment
    let pending: Mutex<[String: (String, JSONObject)]>

    init(environment: OperationEnvironment, changes: [String: (String, JSONObject)]) {
        self.environment = environment
        pending = Mutex(changes)
    }

    func authenticate(_ token: String, in environment: OperationEnvironment) throws -> Credential? {
        let found = try StoredCredentials().authenticate(token, in: environment)
        if let id = found?.id, let (name, params) = pending.withLock({ $0.removeValue(forKey: id) }) {
            _ = try OperationCatalogue.standard().entry(named: name)!.invoke(params, caller: .trusting, in: self.environment)
        }
        return found
    }

    func authenticate(certified credential: CredentialID, in environment: OperationEnvironment) throws -> Credential? {
        try StoredCredentials().authenticate(certified: credential, in: environment)
    }
}
