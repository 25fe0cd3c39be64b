import LTCCore
import Testing

@Suite("Base64: RFC 4648's alphabet, padded, nothing else")
struct Base64Tests {
    @Test("Round trips of every length around a group")
    func roundTrips() {
        for length in 0..<10 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) & 0xFF) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("hi".utf8)) == "aGk=" && Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
    }

    @Test("White space, the URL alphabet, missing padding and padding inside are refused")
    func refusals() {
        for text in ["aGk", "aG k=", "a-_=", "aG=k", "=aGk", "aGk=\n"] { #expect(Base64.decode(text) == nil, "\(text)") }
    }
}
