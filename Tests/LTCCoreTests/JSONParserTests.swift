import LTCCore
import Testing

@Suite("Parsing JSON text")
struct JSONParserTests {
    @Test("Integers, decimals and booleans stay distinct")
    func numberKinds() throws {
        #expect(try JSONParser.parse("10") == .integer(10))
        #expect(try JSONParser.parse("-0") == .integer(0))
        #expect(try JSONParser.parse("10.0") == .number("10.0"))
        #expect(try JSONParser.parse("1e3") == .number("1e3"))
        #expect(try JSONParser.parse("12.5") == .number("12.5"))
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("true").intValue == nil)
        #expect(try JSONParser.parse("9223372036854775807") == .integer(Int.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .integer(Int.min))
    }

    @Test("An integer too large for Int is kept exactly as written")
    func overflowingInteger() throws {
        #expect(try JSONParser.parse("9223372036854775808") == .number("9223372036854775808"))
    }

    @Test("Objects keep member order")
    func memberOrder() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": 2, "c": {"z": null}}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["c"]?["z"] == .null)
    }

    @Test("Strings decode escapes, surrogate pairs and raw UTF-8")
    func strings() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\n\t""#) == .string("a\"b\\c/d\n\t"))
        #expect(try JSONParser.parse(#""\u8FDB\u98DF""#) == .string("进食"))
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONParser.parse("\"重度失能\"") == .string("重度失能"))
    }

    @Test("Refused text names what is wrong and where", arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a member name"),
        ("[1, 2,]", 1, 7, "unexpected character ']'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "appears twice"),
        ("01", 1, 1, "leading zero"),
        ("1.", 1, 3, "after the decimal point"),
        ("-", 1, 2, "expected a digit"),
        ("tru", 1, 1, "expected 'true'"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\"a\": 1, ", 1, 10, "unexpected end of input inside an object"),
        ("\"abc", 1, 1, "unterminated string"),
        ("\"a\u{01}b\"", 1, 3, "control character"),
        ("\"\\x\"", 1, 2, "invalid escape"),
        ("\"\\uD800\"", 1, 8, "lone high surrogate"),
        ("\"\\uDC00\"", 1, 8, "lone low surrogate"),
        ("{} {}", 1, 4, "after the JSON value"),
        ("", 1, 1, "unexpected end of input"),
        ("{\n  \"a\": [1,\n  2", 3, 4, "inside an array"),
        ("// comment", 1, 1, "unexpected character '/'"),
    ])
    func refusals(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    @Test("Invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test("Deep nesting is refused, not a stack overflow")
    func depthLimit() throws {
        let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        _ = try JSONParser.parse(fine)
        let deep = String(repeating: "[", count: 100_000)
        #expect {
            try JSONParser.parse(deep)
        } throws: { error in
            (error as? JSONParseError)?.message.contains("nesting deeper") == true
        }
    }

    @Test("Duplicate members are found in large objects too")
    func duplicateInLargeObject() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k3\": 0"]
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{" + members.joined(separator: ",") + "}") }
    }

    @Test("Columns count characters, not bytes")
    func columnsInCharacters() {
        #expect {
            try JSONParser.parse("{\"进食\": x}")
        } throws: { error in
            (error as? JSONParseError)?.column == 8
        }
    }
}
