import LTCCore
import Testing

@Suite("Writing JSON text")
struct JSONWriterTests {
    @Test("Compact output keeps order and writes non-ASCII text as UTF-8")
    func compact() {
        let value: JSONValue = ["level": 3, "label": ["zh": "重度失能一级", "en": "severe I"], "ok": true, "none": nil]
        #expect(JSONWriter.string(value) == #"{"level":3,"label":{"zh":"重度失能一级","en":"severe I"},"ok":true,"none":null}"#)
    }

    @Test("Quotes, backslashes and control characters are escaped")
    func escaping() {
        #expect(JSONWriter.string("a\"b\\c\nd\u{01}") == #""a\"b\\c\nd\u0001""#)
    }

    @Test("Every escaped byte is found at every position, across eight-byte words", arguments: ["\"", "\\", "\n", "\u{01}", "\u{1F}"])
    func escapingAtEveryPosition(special: String) throws {
        for length in 1...20 {
            for position in 0..<length {
                var characters = Array(repeating: "a", count: length)
                characters[position] = special
                let text = characters.joined() + "进食"
                #expect(try JSONParser.parse(JSONWriter.string(.string(text))) == .string(text))
            }
        }
        #expect(JSONWriter.string(.string("abcdefgh\u{7F}ü")) == "\"abcdefgh\u{7F}ü\"")
    }

    @Test("Decimal literals are written exactly as they were read")
    func decimals() throws {
        #expect(JSONWriter.string(try JSONParser.parse("[12.5, 1e-7, 0.1]")) == "[12.5,1e-7,0.1]")
    }

    @Test("Indented output is two spaces per level")
    func indented() {
        #expect(JSONWriter.string(["a": [1, 2], "b": [:]], style: .indented) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }

    @Test("Writing then parsing gives the same value", arguments: [
        #"{"a":[1,-2,3.25,"x\u0000y",{"b":null}],"c":false}"#,
        #"[[],{},"",0]"#,
        #""\ud83d\ude00 😀""#,
    ])
    func roundTrip(text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(JSONWriter.string(value)) == value)
        #expect(try JSONParser.parse(JSONWriter.string(value, style: .indented)) == value)
    }
}
