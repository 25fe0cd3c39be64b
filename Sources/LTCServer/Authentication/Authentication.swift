/// Requires a valid credential on the routes that need one, and sets the
/// request's ``ServerRequest/credential``; the body is never trusted for
/// who acts. The credential is the bearer token's; on a TLS connection whose
/// client presented a certificate the client authority signed, a request
/// without an `Authorization` header acts as the credential the
/// certificate's subject maps to (``ClientCertificates``).
///
/// A request with no `Authorization: Bearer …` header, or whose token the
/// ``Authenticator`` does not know (unknown, expired, revoked, its actor
/// deactivated), or a certificate mapped to no credential or to one that
/// no longer lets in, is answered 401 with `WWW-Authenticate: Bearer realm="ltc"`,
/// the same body every time: no hint of which it was.
public struct Authentication: Middleware {
    public let authenticator: any Authenticator
    public let certificates: ClientCertificates
    /// The web pages' sessions: on a web route the session cookie says who acts.
    public let sessions: WebSessions
    /// Where a bearer token the database let in is remembered for requests
    /// that read nothing stored (``CredentialCache``); this check itself always asks the database.
    public let cache: CredentialCache?

    public init(_ authenticator: any Authenticator, certificates: ClientCertificates = ClientCertificates(),
                sessions: WebSessions = WebSessions(), cache: CredentialCache? = nil) {
        self.authenticator = authenticator
        self.certificates = certificates
        self.sessions = sessions
        self.cache = cache
    }

    /// The 401 every refused credential gets.
    public static func refused(operation: String) -> ServerResponse {
        .refusal(401, "a valid bearer credential is required", operation: operation, headers: [("WWW-Authenticate", #"Bearer realm="ltc""#)])
    }

    public func respond(to request: ServerRequest, on worker: Worker, next: Next) -> ServerResponse {
        if request.route.usesSession { return session(request, on: worker, next: next) }
        guard request.route.needsCredential else { return next(request) }
        let header = request.headers["Authorization"]
        do {
            let found: Credential?
            if header.isEmpty, let subject = request.clientSubject {
                found = try certificates.credential(for: subject).flatMap { try authenticator.authenticate(certified: $0, in: worker.environment) }
            } else if let token = Self.token(header) {
                if let cache {
                    found = try cache.verify(token) { try authenticator.authenticate(token, in: worker.environment) }
                } else {
                    found = try authenticator.authenticate(token, in: worker.environment)
                }
            } else {
                found = nil
            }
            guard let credential = found else {
                return Self.refused(operation: request.route.template)
            }
            var request = request
            request.credential = credential
            return next(request)
        } catch {
            // The credentials could not be read (the database is down): not the caller's fault, and no 401.
            return .failure(error, operation: request.route.template)
        }
    }

    /// The token of the one `Authorization: Bearer TOKEN` header, if it is that and nothing else.
    static func token(_ values: [String]) -> String? {
        guard values.count == 1 else { return nil }
        // Byte by byte, on every request: `Bearer ` in any case, then visible ASCII only (a Character's
        // count or properties would cost a Unicode lookup each).
        var rest = values[0].utf8[...]
        for expected in "bearer ".utf8 {
            guard let byte = rest.first, expected == 0x20 ? byte == 0x20 : byte | 0x20 == expected else { return nil }
            rest = rest.dropFirst()
        }
        while rest.first == 0x20 { rest = rest.dropFirst() }
        while rest.last == 0x20 { rest = rest.dropLast() }
        guard !rest.isEmpty, rest.count <= 512, rest.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return String(Substring(rest))
    }

    /// A web page's request: its session cookie, if any names a live session,
    /// and that session's credential checked again now, as a bearer token is
    /// on each request (revoked, past its last day, its actor deactivated:
    /// the session ends). Without one the page itself says to sign in.
    func session(_ request: ServerRequest, on worker: Worker, next: Next) -> ServerResponse {
        guard let id = WebCookies.value(named: WebSessions.cookie, in: request.headers["Cookie"]), let session = sessions.session(id) else {
            return next(request)
        }
        do {
            guard let credential = try authenticator.authenticate(certified: session.credential, in: worker.environment) else {
                sessions.end(id)
                return next(request)
            }
            var request = request
            request.credential = credential
            request.session = session
            return next(request)
        } catch {
            return .failure(error, operation: request.route.template)
        }
    }
}
