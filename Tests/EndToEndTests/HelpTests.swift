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

    /// Every command of the catalogue whose operation changes data, with its path and spelling.
    static var catalogued: [(String, CommandSpelling)] {
        CommandTree.spellings.compactMap { spelling in
            guard OperationCatalogue.shared.entry(named: spelling.operation)?.effect == .writes else { return nil }
            return (CommandTree.path(of: spelling).joined(separator: " "), spelling)
        }
    }

    @Test("Each one that changes data shows how it is called")
    func examples() {
        let changing = Self.leaves(LTC.self).filter { !Self.readOnly.contains($0.0) }
        #expect(changing.count + Self.catalogued.count >= 35)
        for (path, command) in changing {
            #expect(command.configuration.discussion.contains("EXAMPLES:\n  ltc \(path.split(separator: " ").first ?? "")"), "ltc \(path)")
        }
        for (path, spelling) in Self.catalogued {
            #expect(spelling.examples.contains { $0.hasPrefix("ltc \(path.split(separator: " ").first ?? "")") }, "ltc \(path)")
        }
    }

    @Test("Every example of a command of the catalogue names its command, its options and no more arguments than it takes")
    func catalogueExamplesParse() throws {
        for spelling in CommandTree.spellings {
            let entry = try #require(OperationCatalogue.shared.entry(named: spelling.operation))
            let shape = CommandShape(spelling, entry), path = CommandTree.path(of: spelling)
            for example in spelling.examples {
                let words = Self.words(example)
                #expect(Array(words.prefix(path.count + 1)) == ["ltc"] + path, "\(example)")
                var arguments = 0, rest = words.dropFirst(path.count + 1)[...]
                while let word = rest.popFirst() {
                    guard word.hasPrefix("--"), word.count > 2 else { arguments += 1; continue }
                    let option = shape.option(String(word.dropFirst(2)))
                    #expect(option != nil, "\(example): \(word)")
                    if option?.value != nil { _ = rest.popFirst() }
                }
                #expect(arguments <= shape.positionals.count, "\(example)")
            }
        }
    }

    /// A command line split as a shell would (quotes kept together), without its comment and redirections.
    static func words(_ line: String) -> [String] {
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
                #expect(throws: Never.self, "ltc \(path): \(line)") { _ = try LTC.parseAsRoot(Array(words.dropFirst())) }
            }
        }
    }
}
