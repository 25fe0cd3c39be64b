/// Writes a ``JSONValue`` as JSON text, compact (one line) or indented.
///
/// ```swift
/// JSONWriter.string(["level": 3, "ok": true])                  // {"level":3,"ok":true}
/// JSONWriter.string(["level": 3], style: .indented)          // {\n  "level": 3\n}
/// ```
///
/// Member order is kept; non-ASCII text is written as UTF-8, not escaped, so
/// Chinese labels stay readable; control characters are escaped.
public enum JSONWriter {
    public enum Style: Sendable {
        /// One line with no spaces: the JSON-RPC wire format.
        case compact
        /// Two-space indentation and `": "` separators, for people.
        case indented
    }

    public static func string(_ value: JSONValue, style: Style = .compact) -> String {
        var bytes: [UInt8] = []
        write(value, style: style, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `value` to `bytes`.
    public static func write(_ value: JSONValue, style: Style = .compact, into bytes: inout [UInt8]) {
        write(value, indented: style == .indented, level: 0, into: &bytes)
    }

    private static func write(_ value: JSONValue, indented: Bool, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let number): writeInteger(number, into: &out)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if indented { newline(level + 1, into: &out) }
                write(element, indented: indented, level: level + 1, into: &out)
            }
            if indented { newline(level, into: &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if indented { newline(level + 1, into: &out) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indented { out.append(UInt8(ascii: " ")) }
                write(member.value, indented: indented, level: level + 1, into: &out)
            }
            if indented { newline(level, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ level: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    private static func writeInteger(_ number: Int, into out: inout [UInt8]) {
        if number >= 0 && number < 10 {
            out.append(UInt8(ascii: "0") + UInt8(number))
        } else {
            out.append(contentsOf: String(number).utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
