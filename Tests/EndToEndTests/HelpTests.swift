import ArgumentParser
@testable import LTCCommandLine
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

    @Test("Each one that changes data shows how it is called")
    func examples() {
        let changing = Self.leaves(LTC.self).filter { !Self.readOnly.contains($0.0) }
        #expect(changing.count >= 35)
        for (path, command) in changing {
            #expect(command.configuration.discussion.contains("EXAMPLES:\n  ltc \(path.split(separator: " ").first ?? "")"), "ltc \(path)")
        }
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
