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
        var buffer = ByteBuffer()
        write(value, indented: style == .indented, level: 0, into: &buffer)
        buffer.copy(into: &bytes)
    }

    private static func write(_ value: JSONValue, indented: Bool, level: Int, into out: inout ByteBuffer) {
        switch value {
        case .null: out.append("null")
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .integer(let number): writeInteger(number, into: &out)
        case .number(let literal): writeRaw(literal, into: &out)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            if elements.isEmpty { out.append("[]"); return }
            out.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if indented { newline(level + 1, into: &out) }
                write(elements[index], indented: indented, level: level + 1, into: &out)
            }
            if indented { newline(level, into: &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { out.append("{}"); return }
            out.append(UInt8(ascii: "{"))
            let members = object.members
            for index in members.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if indented { newline(level + 1, into: &out) }
                writeString(members[index].key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indented { out.append(UInt8(ascii: " ")) }
                write(members[index].value, indented: indented, level: level + 1, into: &out)
            }
            if indented { newline(level, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ level: Int, into out: inout ByteBuffer) {
        out.append(0x0A)
        for _ in 0..<level { out.append(UInt8(ascii: " "), UInt8(ascii: " ")) }
    }

    private static func writeInteger(_ number: Int, into out: inout ByteBuffer) {
        if number >= 0 && number < 10 {
            out.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        if number < 0 { out.append(UInt8(ascii: "-")) }
        // Digits of the magnitude, least significant first, then reversed in place.
        var magnitude = number.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out.reverse(from: start)
    }

    private static func writeRaw(_ text: String, into out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { out.append($0) }
    }

    /// Whether any byte of `word` is a control character, `"` or `\`
    /// (bit tricks on eight bytes at once: a byte's high bit is set in the
    /// result when it is below 0x20 or equal to 0x22 or 0x5C).
    @inline(__always)
    private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return (below20 | hasQuote | hasBackslash) != 0
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func writeString(_ text: String, into out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Copy runs that need no escaping in one go, skipping clean 8-byte words.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                if index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if !needsEscaping(word) {
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                runStart = index
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"), byte)
                case 0x0A: out.append(UInt8(ascii: "\\"), UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\"), UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\"), UInt8(ascii: "t"))
                default:
                    out.append("\\u00")
                    out.append(hexDigits.utf8Start[Int(byte >> 4)], hexDigits.utf8Start[Int(byte & 0x0F)])
                }
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
