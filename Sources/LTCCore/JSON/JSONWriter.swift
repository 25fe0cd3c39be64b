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
        var out = JSONOutput(style: style)
        out.value(value)
        return out.text
    }

    /// Appends the text of `value` to `bytes`.
    public static func write(_ value: JSONValue, style: Style = .compact, into bytes: inout [UInt8]) {
        var out = JSONOutput(style: style)
        out.value(value)
        bytes += out.bytes
    }

    static func writeInteger(_ number: Int, into out: inout ByteBuffer) {
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

    static func writeRaw(_ text: String, into out: inout ByteBuffer) {
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

    static func writeString(_ text: String, into out: inout ByteBuffer) {
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
