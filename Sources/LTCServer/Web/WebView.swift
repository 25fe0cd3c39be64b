import LTCCore
import Mustache

/// Renders the web pages from ``WebTemplates`` (swift-mustache) and answers
/// them with the headers every page carries: a Content-Security-Policy that
/// allows no inline script and no other origin, `frame-ancestors 'none'`,
/// `nosniff`, `Referrer-Policy: no-referrer`, and `Cache-Control: no-store`
/// (pages show people's data).
enum WebView {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in WebTemplates.all {
            // The templates are compiled into the server: one that does not parse is a bug a test finds.
            try! library.register(text, named: name)
        }
        return library
    }()

    /// The policy: this origin only (the script's draft saves and upload progress connect to it); no inline script or style; no framing.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The headers of every web answer, pages and files alike.
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"), ("Cache-Control", "no-store"),
    ]

    /// Whether `path` is the web pages' (`/`, `/web`, `/web/…`): every answer to it carries ``securityHeaders``.
    static func isWebPath(_ path: String) -> Bool {
        path == "/" || path == "/web" || path.hasPrefix("/web/")
    }

    /// A page: `template` rendered with `context`, inside the layout.
    static func page(_ template: String, title: (String, String), context: [String: Any], chrome: [String: Any],
                     status: Int = 200, headers: [(String, String)] = [], operation: String) -> ServerResponse {
        var all = chrome
        for (key, value) in context { all[key] = value }
        let body = library.render(all, withTemplate: template) ?? ""
        var layout = chrome
        layout["title"] = ["zh": title.0, "en": title.1]
        layout["body"] = body
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return ServerResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + securityHeaders + headers,
                              body: Array(html.utf8), operation: operation)
    }

    /// A redirect after a POST (303), or to the sign-in page.
    static func redirect(_ location: String, headers: [(String, String)] = [], operation: String = "web") -> ServerResponse {
        ServerResponse(status: 303, headers: [("Location", location)] + securityHeaders + headers, operation: operation)
    }

    /// A file to download.
    static func download(_ text: String, name: String, type: String = "text/csv; charset=utf-8", operation: String) -> ServerResponse {
        ServerResponse(status: 200, headers: [("Content-Type", type), ("Content-Disposition", "attachment; filename=\"\(name)\"")] + securityHeaders,
                       body: Array(text.utf8), operation: operation)
    }

    /// A JSON value as Mustache reads it: objects as dictionaries, lists as
    /// arrays (each list `k` also sets `k_any` when it has members), money and
    /// other decimals as their text with two places; `null` left out.
    static func context(_ value: JSONValue) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        case .integer(let number): return number
        case .number(let text): return money(text)
        case .string(let text): return text
        case .array(let items): return items.compactMap(context)
        case .object(let object): return dictionary(object)
        }
    }

    static func dictionary(_ object: JSONObject) -> [String: Any] {
        var result: [String: Any] = [:]
        for member in object {
            if let converted = context(member.value) { result[member.key] = converted }
            if case .array(let items) = member.value, !items.isEmpty { result[member.key + "_any"] = true }
        }
        return result
    }

    /// A decimal's text with two places and thousands separators (`2340.0` → `2,340.00`), by its digits, never a Double.
    static func money(_ text: String) -> String {
        var digits = Substring(text)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        guard !digits.contains("e"), !digits.contains("E") else { return text }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0].isEmpty ? "0" : parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count <= 2 else { return text }
        while fraction.count < 2 { fraction += "0" }
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + grouped + "." + fraction
    }
}
