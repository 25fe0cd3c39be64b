import LTCCases
import Testing

@Suite("National ID numbers (GB 11643)")
struct NationalIDTests {
    @Test("A valid number, with its birth date and mask")
    func valid() throws {
        let id = try NationalID("11010519491231002X")
        #expect(id.birthDate.description == "1949-12-31")
        #expect(id.masked == "110105********002X")
    }

    @Test("A lower-case x is accepted and stored as X")
    func lowerCaseX() throws {
        #expect(try NationalID("11010519491231002x").value == "11010519491231002X")
    }

    @Test("Refused numbers say why", arguments: [
        ("110105194912310021", "national ID 110105********0021 fails its check digit"),
        ("11010519491231002", "has 17 characters; it must have 18"),
        ("1101051949123100200", "has 19 characters"),
        ("1101051949A231002X", "must be 17 digits and a final digit or X"),
        ("", "has 0 characters"),
    ])
    func refused(text: String, message: String) {
        #expect {
            try NationalID(text)
        } throws: { error in
            (error as? CaseError)?.message.contains(message) == true
        }
    }

    @Test("A refusal never echoes the number whole, nor says which check character would be right",
          arguments: ["110105194912310021", "1101051949123100200", "1101051949A231002X", "11010519490231123X"])
    func refusalsAreMasked(text: String) {
        let error = #expect(throws: CaseError.self) { try NationalID(text) }
        #expect(error?.message.contains(text) == false)
        #expect(error?.message.contains("should be") == false)
    }

    @Test("A number whose digits check but whose birth date is impossible")
    func impossibleBirthDate() {
        let id = validID("11010519490231123")  // 31 February
        #expect(throws: CaseError.self) { try NationalID(id) }
    }
}
