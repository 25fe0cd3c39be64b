import LTCCases
import LTCCore
import LTCOperations
import LTCProtocol

/// The web pages for the people who use ltc (issue 34): clerks at
/// institutions, assessors on a tablet, the fund's staff. Each page that
/// reads or changes data builds an operation's params and runs it through
/// the catalogue as the signed-in credential (``WebCall``), exactly as
/// `POST /api/{method}` does: the same checks, the same permissions, the
/// same audit events naming the credential. No page holds a rule of its own.
///
/// | page | who | operation |
/// |---|---|---|
/// | `GET /web/`, `/web/signin`, `POST /web/signin`, `/web/signout` | everyone | the credential, checked by the ``Authenticator`` |
/// | `GET /web/logs`, `POST /web/logs` | an institution | `logs.submissions`, `logs.submit` |
/// | `GET /web/statements/{month}[/csv]` | an institution, staff | `statement.get` |
/// | `GET /web/clients[/csv]` | an institution | `enrolment.list`, `plan.show` |
/// | `GET /web/cases`, `/web/cases/{id}/assess`, `POST …/review`, `…/assess`, `…/evidence` | an assessor | `case.list`, `forms.get`, `case.draft`, `case.draftSave`, `assessment.score`, `case.assess`, `case.evidence` |
/// | `GET /web/month/{month}`, `/web/settle/{month}`, `/web/cash/{month}`, `/web/cases/{id}/audit` | administrators, auditors | `report.fund`, `violation.list`, `case.list`, `settlement.run`, `cash.run`, `case.get` |
///
/// Every POST carries the session's CSRF token (the sign-in form a token
/// of its own, in a cookie too); one without it is refused 403.
public struct WebPages: Sendable {
    public let sessions: WebSessions
    /// The largest web upload read into memory to take its form apart.
    public let uploadLimit: Int

    public init(sessions: WebSessions, uploadLimit: Int = 16 << 20) {
        self.sessions = sessions
        self.uploadLimit = uploadLimit
    }

    /// The pages that take a file (`multipart/form-data`): read to a file like other uploads.
    public static func isUpload(_ path: String) -> Bool {
        let segments = path.split(separator: "/").map(String.init)
        return segments == ["web", "logs"] || (segments.count == 4 && segments[0] == "web" && segments[1] == "cases" && segments[3] == "evidence")
    }

    /// The path without its values, for the access log and the metrics: a segment with a digit is `{…}`.
    public static func template(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.contains(where: \.isNumber) ? "{…}" : String($0.prefix(40)) }.joined(separator: "/")
    }

    /// A web upload without a session: to the sign-in page.
    static func signInFirst() -> ServerResponse {
        WebView.redirect("/web/signin", operation: "web.signin")
    }

    public func respond(_ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        let segments = request.path.split(separator: "/").map(String.init).dropFirst().map { $0 }
        let post = request.method == .POST
        if segments == ["signin"] || (segments.isEmpty && request.credential == nil) || request.path == "/" {
            if request.path == "/" { return WebView.redirect("/web/") }
            return post ? signIn(request, worker) : signInPage(request, problem: nil)
        }
        guard let credential = request.credential, let session = request.session else {
            return WebView.redirect("/web/signin", headers: [("Set-Cookie", sessions.clearingCookie)], operation: "web.signin")
        }
        let call = WebCall(request: request, worker: worker, credential: credential, session: session, pages: self)
        var form = WebForm()
        if post {
            form = WebForm.read(request, limit: uploadLimit)
            guard let token = form["csrf"], WebSessions.same(token, session.csrf) else {
                return call.failure(status: 403, "这个表单已过期，请重新打开页面。The form has expired or did not come from this site: open the page again.")
            }
        }
        switch (request.method, segments.count) {
        case (.POST, 1) where segments[0] == "signout":
            sessions.end(session.id)
            return WebView.redirect("/web/signin", headers: [("Set-Cookie", sessions.clearingCookie)], operation: "web.signout")
        case (_, 0): return call.home()
        default: break
        }
        switch segments[0] {
        case "logs": return ClerkPages.logs(call, segments, form)
        case "statements": return ClerkPages.statement(call, segments)
        case "clients": return ClerkPages.clients(call, segments)
        case "cases": return segments.count == 3 && segments[2] == "audit" ? StaffPages.audit(call, segments[1]) : AssessorPages.respond(call, segments, form)
        case "audit": return StaffPages.audit(call, request.query["case"] ?? "")
        case "month": return StaffPages.month(call, segments)
        case "settle", "cash": return StaffPages.run(call, segments, form)
        default: return call.failure(status: 404, "没有这个页面。No such page.")
        }
    }

    // MARK: Signing in

    static let signinCookie = "ltc_signin"

    func signInPage(_ request: ServerRequest, problem: String?, status: Int = 200) -> ServerResponse {
        // The sign-in form's own CSRF token, in a cookie and in the form (double submit): no session exists yet.
        let token = WebSessions.randomToken()
        let cookie = "\(Self.signinCookie)=\(token); Path=/web/signin; Max-Age=3600; HttpOnly; SameSite=Strict" + (sessions.secure ? "; Secure" : "")
        return WebView.page("signin", title: ("登录", "Sign in"), context: ["signinToken": token, "problem": problem as Any],
                            chrome: [:], status: status, headers: [("Set-Cookie", cookie)], operation: "web.signin")
    }

    /// A pasted credential, checked as a bearer token is; the session it starts.
    func signIn(_ request: ServerRequest, _ worker: Worker) -> ServerResponse {
        let form = WebForm.read(request, limit: 4096)
        guard let sent = form["csrf"], let kept = WebCookies.value(named: Self.signinCookie, in: request.headers["Cookie"]), WebSessions.same(sent, kept) else {
            return signInPage(request, problem: "请重新登录（表单已过期）。Sign in again: the form had expired.", status: 403)
        }
        let refused = "凭证无效。The credential is not valid (unknown, expired, revoked, or its holder deactivated)."
        guard let token = Authentication.token(["Bearer " + (form["token"] ?? "")]) else { return signInPage(request, problem: refused, status: 401) }
        do {
            guard let credential = try StoredCredentials().authenticate(token, in: worker.environment), let id = credential.actor.credential else {
                return signInPage(request, problem: refused, status: 401)
            }
            // The browser's earlier session, if it had one, ends: signing in again leaves nothing behind.
            if let earlier = WebCookies.value(named: WebSessions.cookie, in: request.headers["Cookie"]) { sessions.end(earlier) }
            let session = sessions.start(credential: id)
            let spent = "\(Self.signinCookie)=; Path=/web/signin; Max-Age=0; HttpOnly; SameSite=Strict" + (sessions.secure ? "; Secure" : "")
            var response = WebView.redirect("/web/", headers: [("Set-Cookie", spent), ("Set-Cookie", sessions.cookie(for: session))], operation: "web.signin")
            response.credentialID = credential.id
            return response
        } catch {
            return signInPage(request, problem: RPCError.of(error).message, status: ErrorClass.of(error).httpStatus)
        }
    }
}

/// One signed-in request of a page: who, the session, and the catalogue to run operations through.
struct WebCall {
    let request: ServerRequest
    let worker: Worker
    let credential: Credential
    let session: WebSession
    let pages: WebPages

    var actor: Actor { credential.actor }
    var isStaff: Bool { actor.role == .administrator || actor.role == .auditor }

    /// Runs operation `name` with `params` as the signed-in credential, through the catalogue.
    func run(_ name: String, _ params: JSONObject = [:], attachments: [String: Attachment] = [:]) throws -> JSONValue {
        guard let entry = worker.catalogue.entry(named: name) else { throw RPCError(code: RPCErrorCode.methodNotFound, message: "no operation \(name)") }
        return try entry.invoke(params, attachments: attachments, caller: credential.caller, in: worker.environment).json
    }

    /// What every page shows around its content: the menu for the role, who is signed in, the CSRF token.
    var chrome: [String: Any] {
        ["nav": Self.menu(actor.role), "session": ["who": "\(actor.role.rawValue):\(actor.id)", "csrf": session.csrf], "csrf": session.csrf,
         "who": "\(actor.role.rawValue):\(actor.id)"]
    }

    static func menu(_ role: Actor.Role) -> [[String: String]] {
        switch role {
        case .institution:
            [["href": "/web/logs", "zh": "上传日志", "en": "Upload logs"], ["href": "/web/statements", "zh": "对账单", "en": "Statement"],
             ["href": "/web/clients", "zh": "服务对象", "en": "Clients"]]
        case .assessor:
            [["href": "/web/cases", "zh": "今日案件", "en": "Today's cases"]]
        case .administrator, .auditor:
            [["href": "/web/month", "zh": "本月概览", "en": "The month"]]
        }
    }

    func page(_ template: String, _ title: (String, String), _ context: [String: Any], operation: String) -> ServerResponse {
        WebView.page(template, title: title, context: context, chrome: chrome, operation: operation)
    }

    func home() -> ServerResponse {
        page("home", ("首页", "Start"), [:], operation: "web.home")
    }

    /// An operation's failure as a page: its status (403, 404, 400…) and its message, nothing more.
    func failure(_ error: any Error, operation: String) -> ServerResponse {
        WebView.page("error", title: ("无法完成", "Could not be done"), context: ["message": RPCError.of(error).message], chrome: chrome,
                     status: ErrorClass.of(error).httpStatus, operation: operation)
    }

    func failure(status: Int, _ message: String) -> ServerResponse {
        WebView.page("error", title: ("无法完成", "Could not be done"), context: ["message": message], chrome: chrome, status: status, operation: "web")
    }

    /// A role's page opened by another role: 403, as the operation would refuse it.
    func only(_ roles: [Actor.Role]) -> ServerResponse? {
        roles.contains(actor.role) ? nil : failure(status: 403, "这个页面不属于您的角色。This page is not for your role.")
    }

    /// This month (UTC), the pages' default.
    var thisMonth: String {
        String(worker.environment.clock.instant().prefix(7))
    }
}
