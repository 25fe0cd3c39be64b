import Foundation
import LTCBenefits
import LTCCore
import LTCSchemes
import Testing

@Suite("docs/schemes.md")
struct SchemeDocTests {
    /// The JSON block after `<!-- scheme example -->` in docs/schemes.md.
    func example() throws -> Scheme {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/schemes.md"), encoding: .utf8)
        let after = try #require(text.range(of: "<!-- scheme example -->\n```json\n"))
        let end = try #require(text.range(of: "\n```", range: after.upperBound..<text.endIndex))
        return try Scheme.decode(text: Array(text[after.upperBound..<end.lowerBound].utf8), source: "docs/schemes.md")
    }

    @Test("The whole-file example is a valid scheme, and each of its price shapes quotes as the page says")
    func wholeFile() throws {
        let scheme = try example()
        let april = month("2026-04")
        func quote(_ mode: String, _ insured: InsuredGroup? = nil) throws -> BenefitQuote {
            try BenefitQuote(scheme: scheme, grade: 3, mode: mode, insured: insured, month: april)
        }
        // 3 h a week × 30/7 weeks = 771 min (12 h 51 min) × 65 an hour = 835.25: under the employee's cap of 900,
        // × 0.9 = 751.725 → 751.73; over the resident's cap of 800, × 0.8 = 640.
        #expect(try quote("home-visit", .employee).fundShare == yuan("751.73"))
        #expect(try quote("home-visit", .resident).fundShare == yuan("640"))
        #expect(try quote("nurse-visit").fundShare == yuan("324"))             // 8 visits × 45 × 0.9
        #expect(try quote("institution").fundShare == yuan("1470"))            // 70 × 30 × 0.7
        #expect(try quote("community").fundShare == yuan("900"))               // 1200 × 0.75
        let family = try quote("family")
        #expect(family.fundShare == yuan("825") && family.cash == yuan("750"))
        #expect(try quote("self-care").cash == yuan("900"))                    // 30 × 30 days
    }
}
