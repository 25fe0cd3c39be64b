import ArgumentParser
@testable import LTCCommandLine
import LTCOperations
import Testing

@Suite("Every help page of a command that changes data has an EXAMPLES section")
struct HelpTests {
    /// The commands that only read (or only compute): they need no examples.
    static let readOnly: Set<String> = [
        "forms list", "forms show", "forms export", "forms check", "score", "scheme list", "person show", "person list", "staff list",
        "assessor list", "case show", "case list", "case transitions", "case letter", "benefit quote", "benefit entitlement", "fund project",
        "institution list", "agreement list", "caregiver list", "logs list", "logs submissions", "adjustments", "violation list",
        "credit", "rpc", "cash payments", "budget list", "inspections results", "agreement exits", "case evidence list", "assessor findings", "bar list", "plan show", "plan history",
    ]

    /// Every leaf command with its path, e.g. ("case open", CaseCommand.Open.self).
    static func leaves(_ command: ParsableCommand.Type, path: [String] = []) -> [(String, ParsableCommand.Type)] {
        let subcommands = command.configuration.subcommands
        guard !subcommands.isEmpty else { return [(path.joined(separator: " "), command)] }
        return subcommands.flatMap { leaves($0, path: path + [$0.configuration.commandName ?? ""]) }
    }

    /// Every command of the catalogue with its path, e.g. ("case open", its spelling).
    static var catalogued: [(String, CommandSpelling)] {
        CommandTree.spellings.map { (CommandTree.path(of: $0).joined(separator: " "), $0) }
    }

    @Test("Each one that changes data shows how it is called")
    func examples() {
        let changing = Self.leaves(LTC.self).filter { !Self.readOnly.contains($0.0) }
        let catalogued = Self.catalogued.filter { !Self.readOnly.contains($0.0) }
        #expect(changing.count + catalogued.count >= 35)
        for (path, command) in changing {
            #expect(command.configuration.discussion.contains("EXAMPLES:\n  ltc \(path.split(separator: " ").first ?? "")"), "ltc \(path)")
        }
        for (path, spelling) in catalogued {
            #expect(spelling.examples.contains { $0.hasPrefix("ltc \(path) ") }, "ltc \(path)")
        }
    }

    @Test("Every example of a command of the catalogue reads as its command line")
    func catalogueExamplesRead() throws {
        for (path, spelling) in Self.catalogued {
            for example in spelling.examples {
                var words = Self.words(example).dropFirst(path.split(separator: " ").count + 1).map { $0 }
                var shapeSpelling = spelling
                for variant in spelling.variants where words.contains("--" + variant.flag) {
                    words.removeAll { $0 == "--" + variant.flag }
                    shapeSpelling = variant.spelling
                }
                let entry = try #require(OperationCatalogue.shared.entry(named: shapeSpelling.operation))
                do {
                    _ = try CommandLineReader.read(words, CommandShape(shapeSpelling, entry))
                } catch let problem as CommandLineProblem {
                    Issue.record("ltc \(path): \(example): \(problem)")
                } catch {
                    // A file the example names that is not here: the command line itself was read.
                }
            }
        }
    }

    /// A command line split as a shell would (quotes kept together), without its comment or redirections.
    static func words(_ line: some StringProtocol) -> [String] {
        var words: [String] = [], current = "", quoted = false
        for character in line.drop(while: { $0 == " " }).prefix(while: { $0 != "#" && $0 != "<" && $0 != ">" }) {
            if character == "\"" { quoted.toggle(); continue }
            if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    @Test("Every example parses as a command line of ltc")
    func examplesParse() throws {
        for (path, command) in Self.leaves(LTC.self) {
            let discussion = command.configuration.discussion
            guard let start = discussion.range(of: "EXAMPLES:\n") else { continue }
            // Join continued lines, drop comments and redirections, split as a shell would (quotes kept together).
            let text = discussion[start.upperBound...].replacingOccurrences(of: " \\\n", with: " ")
            for line in text.split(separator: "\n") where line.hasPrefix("  ltc ") {
                let words = Self.words(line)
                #expect(throws: Never.self, "ltc \(path): \(line)") { _ = try LTC.parseAsRoot(Array(words.dropFirst())) }
            }
        }
    }
}
