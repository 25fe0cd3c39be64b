import LTCOperations
import ArgumentParser

/// What the command-line parser does not say by itself: a mistyped
/// subcommand gets a suggestion (`ltc scor` → did you mean `score`?), `ltc
/// help NOPE` is an error rather than the general help, and every missing
/// required argument is named at once rather than one per try.
///
/// ```swift
/// UsageCheck.unknownSubcommand(in: ["case", "opn", "1"], of: LTC.self)
/// // "unknown subcommand 'opn' of 'ltc case'; did you mean 'open'? …"
/// ```
enum UsageCheck {
    /// A message for the first word of `arguments` that names no subcommand
    /// where one is expected (after `help` too); `nil` if they all do.
    static func unknownSubcommand(in arguments: [String], of root: ParsableCommand.Type) -> (message: String, command: String)? {
        var words = arguments.prefix { !$0.hasPrefix("-") }
        if words.first == "help" { words = words.dropFirst() }
        var configuration = root.configuration
        var path = [configuration.commandName ?? "ltc"]
        for word in words {
            let subcommands = configuration.subcommands.map { $0.configuration }
            guard !subcommands.isEmpty else { return nil }
            guard let next = subcommands.first(where: { $0.commandName == word }) else {
                let names = subcommands.compactMap(\.commandName)
                let close = suggestions(for: word, among: names)
                let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
                return ("unknown subcommand '\(word)' of '\(path.joined(separator: " "))'\(hint) (its subcommands: \(names.joined(separator: ", ")))",
                        path.joined(separator: " "))
            }
            configuration = next
            path.append(word)
        }
        return nil
    }

    /// The names within a small edit distance of `word`, or that it begins, nearest first.
    static func suggestions(for word: String, among names: [String]) -> [String] {
        let scored = names.map { ($0, distance(word, $0)) }
            .filter { $0.1 <= ($0.0.count <= 3 ? 1 : 2) || ($0.0.hasPrefix(word) && word.count >= 2) }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    /// Every required argument `arguments` lack, found by parsing again with
    /// a stand-in for each one the parser names as missing; `nil` unless
    /// `error` is about a missing argument.
    static func allMissing(_ arguments: [String], first error: Error, of root: ParsableCommand.Type) -> [String]? {
        var missing: [String] = []
        var trial = arguments
        var current: Error? = error
        while let error = current, let name = missingName(root.message(for: error)), missing.count < 20, !missing.contains(name) {
            missing.append(name)
            let option = name.split(separator: " ").first.map(String.init) ?? name
            trial += option.hasPrefix("-") ? [option, "0"] : ["0"]
            do {
                _ = try root.parseAsRoot(trial)
                current = nil
            } catch {
                current = error
            }
        }
        return missing.count > 1 ? missing : nil
    }

    /// `--person <person>` from "Missing expected argument '--person <person>'".
    private static func missingName(_ message: String) -> String? {
        guard message.hasPrefix("Missing expected argument '"), let end = message.dropFirst(27).firstIndex(of: "'") else { return nil }
        return String(message[message.index(message.startIndex, offsetBy: 27)..<end])
    }

    /// The Levenshtein distance between two words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}
