/// What text ltc stores as sent: ids, names and notes free of control
/// characters. A NUL would cut a name short in some tools and a stored id
/// would then no longer match what the sender holds; a newline or an escape
/// in a name breaks every table and CSV that prints it.
///
/// ```swift
/// try PlainText.require("陈老伯", "name")                    // fine
/// try PlainText.require("A\u{0}1", "assessor id", as: .id)  // throws: "assessor id holds a control character (U+0000)"
/// PlainText.problem(in: "line one\nline two", as: .note)    // nil: a note may span lines
/// ```
public enum PlainText {
    public enum Kind: Sendable {
        /// An id or code: no control characters, no surrounding spaces, not empty.
        case id
        /// A name, an address, a licence number: no control characters, not empty.
        case name
        /// A reason, a note, evidence: may hold line breaks and tabs, no other control characters.
        case note

        /// The most characters (Unicode scalars, as JSON Schema counts them)
        /// one may hold, wherever it enters ltc: a request's params, a log's fields.
        public var maxLength: Int {
            switch self {
            case .id: 64
            case .name: 200
            case .note: 4000
            }
        }
    }

    /// Why `text` cannot be stored as a `kind`, if it cannot.
    public static func problem(in text: String, as kind: Kind) -> String? {
        // ASCII, the usual case, needs no look-up of Unicode properties: its controls are 0–31 and 127.
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte < 0x20 || byte == 0x7F { ascii = false; break }
        }
        if ascii {
            if kind != .note, text.utf8.allSatisfy({ $0 == 0x20 }) { return "is empty" }
            if kind == .id, text.utf8.first == 0x20 || text.utf8.last == 0x20 { return "'\(text)' begins or ends with a space" }
            return nil
        }
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .control {
            if kind == .note, scalar == "\n" || scalar == "\t" || scalar == "\r" { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            return "holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))"
        }
        if kind != .note, text.allSatisfy(\.isWhitespace) { return "is empty" }
        if kind == .id, text.first?.isWhitespace == true || text.last?.isWhitespace == true { return "'\(text)' begins or ends with a space" }
        return nil
    }

    /// Throws an ``InputError`` naming `field` when `text` cannot be stored as a `kind`.
    public static func require(_ text: String, _ field: String, as kind: Kind = .name) throws(InputError) {
        if let problem = problem(in: text, as: kind) {
            throw InputError(source: field, message: "\(field) \(problem); \(Self.accepted(kind))")
        }
    }

    static func accepted(_ kind: Kind) -> String {
        switch kind {
        case .id: "an id is printable text without control characters or surrounding spaces"
        case .name: "a name is printable text without control characters"
        case .note: "a note may hold line breaks and tabs but no other control characters"
        }
    }
}
