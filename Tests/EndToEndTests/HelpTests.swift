import ArgumentParser
@testable import LTCCommandLine
import LTCOperations
import Testing

@Suite("Every help page of a command that changes data has an EXAMPLES section, and every example is a command line ltc takes")
struct HelpTests {
    /// The tools that are not operations, and so have help of argument-parser's own.
    static let tools = ["demo", "grant", "migrate", "rpc", "schema", "serve"]

    /// Every argument-parser leaf command with its path, e.g. ("rpc", RPCCommand.self).
    static func leaves(_ command: ParsableCommand.Type, path: [String] = []) -> [(String, ParsableCommand.Type)] {
        let subcommands = command.configuration.subcommands
        guard !subcommands.isEmpty else { return [(path.joined(separator: " "), command)] }
        return subcommands.flatMap { leaves($0, path: path + [$0.configuration.commandName ?? ""]) }
    }

    /// A shell line's words, quotes kept together, comments and redirections dropped.
    static func words(_ line: Substring) -> [String] {
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

    @Test("Each command that changes data shows how it is called")
    func examples() {
        var changing = 0
        for spelling in CommandTree.spellings {
            guard let entry = OperationCatalogue.shared.entry(named: spelling.operation), entry.effect == .writes else { continue }
            changing += 1
            let path = CommandTree.path(of: spelling).joined(separator: " ")
            let names = ["ltc \(path)"] + spelling.aliases.map { "ltc " + $0.joined(separator: " ") }
            #expect(spelling.examples.contains { example in names.contains { example.hasPrefix($0) } }, "ltc \(path) has no example of itself")
        }
        #expect(changing >= 5)
    }

    @Test("Every example of a catalogue command reads as a command line of that command")
    func examplesRead() throws {
        for spelling in CommandTree.spellings {
            guard let entry = OperationCatalogue.shared.entry(named: spelling.operation) else {
                Issue.record("\(spelling.operation) is not an operation of the catalogue")
                continue
            }
            let help = CommandHelp.render(CommandShape(spelling, entry))
            #expect(help.contains("USAGE: ltc \(CommandTree.path(of: spelling).joined(separator: " "))"))
            for example in spelling.examples {
                let words = Self.words(Substring(example))
                guard let (found, count) = CommandTree.command(at: Array(words.dropFirst())) else {
                    Issue.record("\(example): names no command")
                    continue
                }
                var chosen = found
                var rest = Array(words.dropFirst(count + 1))
                for variant in found.variants where rest.contains("--" + variant.flag) {
                    rest.removeAll { $0 == "--" + variant.flag }
                    chosen = variant.spelling
                }
                let chosenEntry = try #require(OperationCatalogue.shared.entry(named: chosen.operation))
                #expect(throws: Never.self, "\(example)") { _ = try CommandLineReader.read(rest, CommandShape(chosen, chosenEntry)) }
            }
        }
    }

    @Test("The tools keep their examples, and every one parses")
    func tools() throws {
        for (path, command) in Self.leaves(LTC.self) where Self.tools.contains(path) {
            let discussion = command.configuration.discussion
            guard let start = discussion.range(of: "EXAMPLES:\n") else { continue }
            let text = discussion[start.upperBound...].replacingOccurrences(of: " \\\n", with: " ")
            for line in text.split(separator: "\n") where line.hasPrefix("  ltc ") {
                #expect(throws: Never.self, "ltc \(path): \(line)") { _ = try LTC.parseAsRoot(Array(Self.words(line).dropFirst())) }
            }
        }
    }
}

@Suite("Every command of ltc runs an operation of the catalogue")
struct CommandCatalogueTests {
    @Test("Every command names an operation, every operation has a command, and the help and rpc.describe show the pairing")
    func pairing() throws {
        let catalogue = OperationCatalogue.shared
        var spelled: Set<String> = []
        for spelling in CommandTree.spellings {
            let entry = try #require(catalogue.entry(named: spelling.operation), "ltc \(CommandTree.path(of: spelling).joined(separator: " "))")
            spelled.insert(entry.name)
            #expect(CommandHelp.render(CommandShape(spelling, entry)).contains("Runs the operation \(entry.name)"))
            for variant in spelling.variants { spelled.insert(variant.spelling.operation) }
        }
        #expect(Set(catalogue.entries.map(\.name)).subtracting(spelled).sorted() == [], "operations no command runs")
        // Argument-parser reads only the tools, which are not operations.
        #expect(HelpTests.leaves(LTC.self).map(\.0).sorted() == HelpTests.tools.sorted())
    }
}
