import LTCCore

/// What a free-text param holds, and so how long it may be and which
/// characters it may hold: every id, name and note has a maximum length,
/// enforced at every entry (docs/protocol.md lists them).
///
/// ```swift
/// TextKind.id.maxLength     // 64
/// TextKind.note.problem(in: "a\u{0}b")   // "holds a control character (U+0000)"
/// ```
public enum TextKind: String, Sendable, CaseIterable {
    /// An id or code (a case's institution, an item code, an agreement id):
    /// no control characters, no surrounding spaces.
    case id
    /// A name, an address, a licence number, a short reason: no control characters.
    case name
    /// A note, a reason, evidence: may span lines.
    case note

    /// The most characters (Unicode scalars, as JSON Schema counts them) a value may hold.
    public var maxLength: Int { plainText.maxLength }

    var plainText: PlainText.Kind {
        switch self {
        case .id: .id
        case .name: .name
        case .note: .note
        }
    }

    /// Why `text` cannot be this kind, if it cannot.
    public func problem(in text: String) -> String? {
        let length = text.unicodeScalars.count
        if length > maxLength {
            return "\(length) characters is longer than the \(maxLength) \(self == .id ? "an id" : "a " + rawValue) may hold"
        }
        return PlainText.problem(in: text, as: plainText)
    }

    /// The schema of a string of this kind.
    public var schema: JSONSchema {
        .string(minLength: self == .note ? nil : 1, maxLength: maxLength)
    }
}
