import LTCAssessment
import LTCCases
import LTCCore
import LTCOperations
@testable import LTCServer
import LTCStorage
import LTCTestSupport
import Logging
import NIOHTTP1
import Testing

@Suite("Web sessions: a credential pasted once, a cookie that ends")
struct WebSessionTests {
    @Test("A session is found by its cookie until it ends, signs out, or is pushed out past the table's size")
    func lifetime() {
        let clock = HandClock()
        let sessions = WebSessions(clock: clock, lifetime: 60, capacity: 2)
        let first = sessions.start(credential: CredentialID("C1")!)
        #expect(sessions.session(first.id) == first)
        #expect(first.id.count == 64 && first.csrf.count == 64 && first.id != first.csrf)
        clock.advance(59)
        #expect(sessions.session(first.id) != nil)
        clock.advance(2)
        #expect(sessions.session(first.id) == nil, "past its lifetime")
        let second = sessions.start(credential: CredentialID("C2")!)
        sessions.end(second.id)
        #expect(sessions.session(second.id) == nil, "signed out")
        let a = sessions.start(credential: CredentialID("C3")!)
        clock.advance(1)
        let b = sessions.start(credential: CredentialID("C4")!)
        let c = sessions.start(credential: CredentialID("C5")!)
        #expect(sessions.session(a.id) == nil, "the oldest goes first when the table is full")
        #expect(sessions.session(b.id) != nil && sessions.session(c.id) != nil)
    }

    @Test("Signing in over and over with one credential ends only that credential's own oldest sessions, never anyone else's")
    func oneCredentialCannotSignEveryoneOut() {
        let clock = HandClock()
        let sessions = WebSessions(clock: clock, lifetime: 3600, capacity: 6, perCredential: 3)
        let clerk = sessions.start(credential: CredentialID("C2")!)
        clock.advance(1)
        let assessor = sessions.start(credential: CredentialID("C4")!)
        var attacker: [WebSession] = []
        for _ in 0..<100 {
            clock.advance(1)
            attacker.append(sessions.start(credential: CredentialID("C9")!))
        }
        #expect(sessions.session(clerk.id) != nil && sessions.session(assessor.id) != nil, "others' sessions survive")
        #expect(attacker.suffix(3).allSatisfy { sessions.session($0.id) != nil }, "the credential's newest three")
        #expect(attacker.dropLast(3).allSatisfy { sessions.session($0.id) == nil }, "its older ones ended")
        // Full table: the credentials holding the most give up their oldest first.
        let other = (0..<2).map { _ in sessions.start(credential: CredentialID("C8")!) }
        let newcomer = sessions.start(credential: CredentialID("C3")!)
        #expect(sessions.session(newcomer.id) != nil && sessions.session(clerk.id) != nil && sessions.session(assessor.id) != nil)
        #expect(sessions.session(attacker[97].id) == nil, "C9 held the most: its oldest went")
        #expect(other.allSatisfy { sessions.session($0.id) != nil })
    }

    @Test("The cookie is HttpOnly, SameSite=Strict, with a Max-Age; Secure over TLS")
    func cookie() {
        let clock = HandClock()
        let plain = WebSessions(clock: clock, lifetime: 3600)
        let session = plain.start(credential: CredentialID("C1")!)
        #expect(plain.cookie(for: session) == "ltc_session=\(session.id); Path=/; Max-Age=3600; HttpOnly; SameSite=Strict")
        let secure = WebSessions(clock: clock, lifetime: 3600, secure: true)
        #expect(secure.cookie(for: secure.start(credential: CredentialID("C1")!)).hasSuffix("; Secure"))
        #expect(plain.clearingCookie.contains("Max-Age=0"))
    }

    @Test("A cookie's value is read only if it is a token of ours")
    func cookies() {
        #expect(WebCookies.value(named: "ltc_session", in: ["a=1; ltc_session=00ff; b=2"]) == "00ff")
        #expect(WebCookies.value(named: "ltc_session", in: ["ltc_session=<script>"]) == nil)
        #expect(WebCookies.value(named: "ltc_session", in: ["other=1"]) == nil)
        #expect(WebCookies.value(named: "ltc_session", in: ["ltc_session=" + String(repeating: "a", count: 129)]) == nil)
    }

    @Test("CSRF tokens compare whole, and an empty one never matches")
    func csrf() {
        #expect(WebSessions.same("abc", "abc"))
        #expect(!WebSessions.same("abc", "abd"))
        #expect(!WebSessions.same("abc", "abcd"))
        #expect(!WebSessions.same("", ""))
    }
}

@Suite("Web forms and pages: fields, uploads, escaping, headers")
struct WebFormTests {
    func request(_ type: String, _ body: String) -> ServerRequest {
        ServerRequest(id: "t", method: .POST, path: "/web/logs", query: [:], headers: HTTPHeaders([("Content-Type", type)]), route: .web("/web/logs"),
                      body: .bytes(Array(body.utf8)))
    }

    @Test("A urlencoded form and a multipart one with a file, its name without a path")
    func forms() {
        let plain = WebForm.read(request("application/x-www-form-urlencoded", "csrf=ab&place=%E5%AE%B6+1"), limit: 1000)
        #expect(plain["csrf"] == "ab" && plain["place"] == "家 1")
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nab\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"logs\"; filename=\"C:\\\\week.csv\"\r\nContent-Type: text/csv\r\n\r\nlog_id\r\nV1\r\n--XyZ--\r\n"
        let form = WebForm.read(request("multipart/form-data; boundary=XyZ", body), limit: 1000)
        #expect(form["csrf"] == "ab")
        #expect(form.files["logs"]?.name == "week.csv")
        #expect(form.files["logs"].map { String(decoding: $0.bytes, as: UTF8.self) } == "log_id\r\nV1")
        #expect(WebForm.read(request("text/plain", "csrf=ab"), limit: 1000).fields.isEmpty)
    }

    @Test("A part whose blank line runs into the next boundary is skipped, not read past its end (that trapped the server from the sign-in form)")
    func truncatedPart() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n--b--\r\n"
        let form = WebForm.read(request("multipart/form-data; boundary=b", body), limit: 1000)
        #expect(form.fields.isEmpty && form.files.isEmpty)
        let headless = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n--b\r\nContent-Disposition: form-data; name=\"y\"\r\n\r\n1\r\n--b--\r\n"
        #expect(WebForm.read(request("multipart/form-data; boundary=b", headless), limit: 1000).fields == ["y": "1"])
    }

    @Test("A body over the limit is no form, in memory as on disk; so is one of more fields than any form has")
    func bounded() {
        #expect(WebForm.read(request("application/x-www-form-urlencoded", "csrf=" + String(repeating: "a", count: 5000)), limit: 4096).fields.isEmpty)
        let many = (0...WebForm.partLimit).map { "answer.x\($0)=1" }.joined(separator: "&")
        #expect(WebForm.read(request("application/x-www-form-urlencoded", many), limit: 1 << 20).fields.isEmpty)
        let parts = (0...WebForm.partLimit).map { "--b\r\nContent-Disposition: form-data; name=\"f\($0)\"\r\n\r\n1\r\n" }.joined() + "--b--\r\n"
        #expect(WebForm.read(request("multipart/form-data; boundary=b", parts), limit: 1 << 20).fields.isEmpty)
        let dashes = String(repeating: "-", count: 190) + "x"
        let long = "--\(dashes)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + String(repeating: "-", count: 1 << 16) + "\r\n--\(dashes)--\r\n"
        #expect(WebForm.read(request("multipart/form-data; boundary=\(dashes)", long), limit: 1 << 20)["a"]?.count == 1 << 16)
    }

    @Test("Whatever a page shows is escaped; the layout carries the CSRF token and the security headers")
    func escaping() {
        let page = WebView.page("error", title: ("错", "<i>x</i>"), context: ["message": "<script>alert('x')</script> & \"q\""],
                                chrome: ["csrf": "t0k", "session": ["who": "<b>", "csrf": "t0k"]], operation: "test")
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        #expect(html.contains("&lt;i&gt;x&lt;/i&gt;") && !html.contains("<i>x</i>") && !html.contains("<b>"))
        #expect(html.contains("name=\"csrf\" value=\"t0k\""))
        let headers = Dictionary(page.headers, uniquingKeysWith: { a, _ in a })
        #expect(headers["Content-Security-Policy"]?.contains("frame-ancestors 'none'") == true)
        #expect(headers["Content-Security-Policy"]?.contains("unsafe-inline") == false)
        #expect(headers["X-Content-Type-Options"] == "nosniff" && headers["Referrer-Policy"] == "no-referrer")
    }

    @Test("Every template parses, and a chart escapes its labels")
    func templates() {
        for name in WebTemplates.all.keys { #expect(WebView.library.getTemplate(named: name) != nil, "\(name)") }
        let svg = WebCharts.bars([["key": "<x>", "fund": .number("12.5")]], title: "t")
        #expect(svg.contains("&lt;x&gt;") && svg.contains("12.50") && !svg.contains("<x>"))
        #expect(WebView.money("2340.0") == "2,340.00" && WebView.money("-5") == "-5.00" && WebView.money("105.3") == "105.30")
    }

    @Test("The web's routes: pages and their uploads, the start redirected")
    func routes() {
        #expect(Router.route(.GET, "/") == .web("/"))
        #expect(Router.route(.GET, "/web/logs") == .web("/web/logs"))
        #expect(Router.route(.POST, "/web/logs") == .webUpload("/web/logs"))
        #expect(Router.route(.POST, "/web/cases/3/evidence") == .webUpload("/web/cases/3/evidence"))
        #expect(Router.route(.POST, "/web/cases/3/review") == .web("/web/cases/3/review"))
        #expect(Router.route(.DELETE, "/web/logs") == .methodNotAllowed(allowed: "GET, POST"))
        #expect(!Route.web("/web/").needsCredential && Route.web("/web/").usesSession && Route.webUpload("/web/logs").isUpload)
        #expect(Route.web("/web/cases/12/audit").template == "/web/cases/{…}/audit")
    }
}

@Suite("Web pages over loopback: sign in, CSRF, sign out, revocation", .serialized)
struct WebLoopbackTests {
    let scratch: TestStore
    let environment: OperationEnvironment
    let server: HTTPServer
    let token: String

    init() throws {
        scratch = try TestStore()
        let forms = try FormCatalog.load()
        let clock = FixedClock(instant: "2026-03-01T02:00:00Z")!
        let location = scratch.location
        environment = OperationEnvironment(forms: forms, clock: clock) {
            StoreServices(store: try StoreLocation(location).open(), forms: forms, clock: clock)
        }
        try LoopbackTests.run("staff.add", ["actor": "administrator:wang", "id": "wang", "role": "administrator", "name": "王"], in: environment)
        token = try LoopbackTests.run("credential.issue", ["actor": "administrator:wang", "for": "administrator:wang"], in: environment)["token"]?.stringValue ?? ""
        var configuration = ServerConfiguration(database: scratch.location)
        configuration.port = 0
        configuration.workers = 1
        server = try HTTPServer.start(configuration, authenticator: StoredCredentials(),
                                      accessLog: AccessLog(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }), wallClock: clock)
    }

    func cookie(_ setCookie: String?, _ name: String) -> String {
        guard let setCookie, let start = setCookie.range(of: name + "=") else { return "" }
        return String(setCookie[start.upperBound...].prefix { $0 != ";" })
    }

    @Test("A pasted credential becomes a session; a form without its token is refused; sign-out and revocation end it")
    func signIn() throws {
        defer { server.stop() }
        let port = server.port
        let blank = try exchange(port, "GET", "/web/logs")
        #expect(blank.status == 303 && blank.headers["location"] == "/web/signin")
        let form = try exchange(port, "GET", "/web/signin")
        #expect(form.status == 200 && form.headers["content-security-policy"] != nil && form.headers["x-content-type-options"] == "nosniff")
        let signinToken = cookie(form.headers["set-cookie"], "ltc_signin")
        #expect(signinToken.count == 64 && form.body.contains(signinToken))
        let post = { (body: String, cookies: String) in
            try exchange(port, "POST", "/web/signin", body: Array(body.utf8), headers: ["Content-Type: application/x-www-form-urlencoded", "Cookie: " + cookies])
        }
        #expect(try post("csrf=\(signinToken)&token=ltc_C1_0000", "ltc_signin=\(signinToken)").status == 401)
        #expect(try post("csrf=0&token=\(token)", "ltc_signin=\(signinToken)").status == 403, "the sign-in form's own token")
        let signedIn = try post("csrf=\(signinToken)&token=\(token)", "ltc_signin=\(signinToken)")
        #expect(signedIn.status == 303 && signedIn.headers["set-cookie"]?.contains("HttpOnly; SameSite=Strict") == true)
        let session = cookie(signedIn.headers["set-cookie"], "ltc_session")
        let month = try exchange(port, "GET", "/web/month/2026-02", headers: ["Cookie: ltc_session=" + session])
        #expect(month.status == 200 && month.body.contains("name=\"csrf\""))
        let csrf = month.body.range(of: "name=\"csrf\" value=\"").map { String(month.body[$0.upperBound...].prefix(64)) } ?? ""
        let forged = try exchange(port, "POST", "/web/settle/2026-02", body: Array("confirm=yes".utf8),
                                  headers: ["Content-Type: application/x-www-form-urlencoded", "Cookie: ltc_session=" + session])
        #expect(forged.status == 403, "no CSRF token")
        let out = try exchange(port, "POST", "/web/signout", body: Array("csrf=\(csrf)".utf8),
                               headers: ["Content-Type: application/x-www-form-urlencoded", "Cookie: ltc_session=" + session])
        #expect(out.status == 303 && out.headers["set-cookie"]?.contains("Max-Age=0") == true)
        #expect(try exchange(port, "GET", "/web/month/2026-02", headers: ["Cookie: ltc_session=" + session]).status == 303, "signed out")
        let again = cookie(try post("csrf=\(signinToken)&token=\(token)", "ltc_signin=\(signinToken)").headers["set-cookie"], "ltc_session")
        #expect(try exchange(port, "GET", "/web/", headers: ["Cookie: ltc_session=" + again]).status == 200)
        try LoopbackTests.run("credential.revoke", ["actor": "administrator:wang", "credential": "C1"], in: environment)
        #expect(try exchange(port, "GET", "/web/month/2026-02", headers: ["Cookie: ltc_session=" + again]).status == 303, "revoked: the session ends")
    }
}
