import NIOHTTP1

/// One HTTP request as the routes see it: its head, its body, and who sent it
/// once authentication has said.
public struct ServerRequest: Sendable {
    /// The request's id: the client's `X-Request-Id` if it is a short token, else made here.
    public let id: String
    public let method: HTTPMethod
    /// The path, without the query.
    public let path: String
    /// The query's members, decoded (`?kind=photo&name=bedside.jpg`).
    public let query: [String: String]
    public let headers: HTTPHeaders
    /// The route the path matched.
    public let route: Route
    public var body: RequestBody
    /// Set by ``Authentication``; `nil` before it and on the open routes.
    public var credential: Credential?
    /// The subject of the client certificate the connection's TLS handshake
    /// verified (``CertificateSubject``), if any.
    public var clientSubject: String?
    /// The web session its cookie names, still valid (set by ``Authentication`` on the web routes).
    public var session: WebSession?

    public init(id: String, method: HTTPMethod, path: String, query: [String: String], headers: HTTPHeaders, route: Route,
                body: RequestBody = .bytes([]), credential: Credential? = nil, clientSubject: String? = nil) {
        self.id = id
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.route = route
        self.body = body
        self.credential = credential
        self.clientSubject = clientSubject
    }

    /// The path's query string read into members: `+` and `%XX` decoded; a
    /// member named twice keeps its last value.
    static func query(_ text: Substring) -> [String: String] {
        var members: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            members[percentDecoded(parts[0])] = parts.count > 1 ? percentDecoded(parts[1]) : ""
        }
        return members
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A request's body: in memory (small requests), or a temporary file an
/// upload was written to as it arrived.
public enum RequestBody: Sendable {
    case bytes([UInt8])
    case spooled(SpooledBody)

    public var count: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .spooled(let file): file.size
        }
    }
}
