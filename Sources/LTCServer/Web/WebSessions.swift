import LTCCases
import Synchronization

/// One signed-in browser: the credential it pasted once (only its id is
/// kept, never the token), the CSRF token its forms carry, and when it ends.
public struct WebSession: Sendable, Equatable {
    /// The cookie's value: 256 random bits, hex.
    public let id: String
    public let credential: CredentialID
    /// The token every form of this session carries (``WebPages``): a POST without it is refused.
    public let csrf: String
    /// On the server's monotonic clock.
    public let expires: Double
}

/// The web pages' sessions, in this process's memory: a credential pasted
/// once on the sign-in page becomes a session whose id the browser keeps in
/// an `HttpOnly`, `SameSite=Strict` cookie (`Secure` over TLS) that ends at
/// ``lifetime``. Each request checks the session's credential again through
/// the ``Authenticator`` (as a bearer token is), so a revoked credential or
/// a deactivated actor ends the session at its next request.
///
/// One credential holds at most ``perCredential`` sessions: signing in
/// again past that ends its own oldest. When the whole table is full, ended
/// sessions go first, then the oldest of the credentials that hold the
/// most. So no one signing in over and over with one credential (or a few)
/// can push out anyone else's session; before this bound, 10,000 sign-ins
/// with one institution's credential signed everyone out.
///
/// Sessions are not stored in the database: a restart signs everyone out,
/// and two server processes do not share them (sign in to the one you use;
/// behind a balancer, pin a browser to its process).
///
/// ```swift
/// let sessions = WebSessions(clock: SystemMonotonicClock())
/// let session = sessions.start(credential: id)      // Set-Cookie: ltc_session=session.id
/// sessions.session(session.id)                      // the same, until it ends
/// sessions.end(session.id)                          // signed out
/// ```
public final class WebSessions: Sendable {
    /// The cookie's name.
    public static let cookie = "ltc_session"
    /// Seconds a session lasts from sign-in: a working day.
    public let lifetime: Double
    public let capacity: Int
    /// The most sessions one credential holds at once (browsers and devices signed in with it).
    public let perCredential: Int
    /// Whether cookies are `Secure` (the server speaks TLS).
    public let secure: Bool
    private let clock: any MonotonicClock
    private let table = Mutex<[String: WebSession]>([:])

    public init(clock: any MonotonicClock = SystemMonotonicClock(), lifetime: Double = 8 * 3600, capacity: Int = 10_000, perCredential: Int = 10,
                secure: Bool = false) {
        self.clock = clock
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
        self.perCredential = max(1, perCredential)
        self.secure = secure
    }

    /// A new session for `credential`, already checked by the caller.
    public func start(credential: CredentialID) -> WebSession {
        let now = clock.seconds()
        let session = WebSession(id: Self.randomToken(), credential: credential, csrf: Self.randomToken(), expires: now + lifetime)
        table.withLock { table in
            var own = table.values.filter { $0.credential == session.credential }.sorted { $0.expires < $1.expires }
            while own.count >= perCredential { table[own.removeFirst().id] = nil }
            if table.count >= capacity {
                table = table.filter { $0.value.expires > now }
            }
            while table.count >= capacity {
                let held = Dictionary(grouping: table.values, by: \.credential)
                let most = held.values.map(\.count).max() ?? 0
                guard let oldest = held.values.filter({ $0.count == most }).joined().min(by: { $0.expires < $1.expires }) else { break }
                table[oldest.id] = nil
            }
            table[session.id] = session
        }
        return session
    }

    /// The live session of cookie value `id`, or `nil` (unknown, or ended: then forgotten).
    public func session(_ id: String) -> WebSession? {
        let now = clock.seconds()
        return table.withLock { table in
            guard let session = table[id] else { return nil }
            guard session.expires > now else {
                table[id] = nil
                return nil
            }
            return session
        }
    }

    /// Signs out: the session is gone.
    public func end(_ id: String) {
        _ = table.withLock { $0.removeValue(forKey: id) }
    }

    /// Seconds left to `session`, for the cookie's `Max-Age`.
    public func secondsLeft(_ session: WebSession) -> Int {
        max(0, Int(session.expires - clock.seconds()))
    }

    /// The `Set-Cookie` value that keeps `session` in the browser.
    public func cookie(for session: WebSession) -> String {
        "\(Self.cookie)=\(session.id); Path=/; Max-Age=\(secondsLeft(session)); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the cookie.
    public var clearingCookie: String {
        "\(Self.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// 256 random bits from the system's generator, as 64 hex digits.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Compares two tokens in time that does not depend on where they differ.
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// Reads cookies from `Cookie` headers.
public enum WebCookies {
    /// The value of the cookie `name`, if one of `headers` sets it (the first such).
    public static func value(named name: String, in headers: [String]) -> String? {
        for header in headers {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].trimmingSpaces == name else { continue }
                let value = String(parts[1].trimmingSpaces)
                // Only what a token of ours can be: hex, at most 128 characters.
                guard (1...128).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
                return value
            }
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
