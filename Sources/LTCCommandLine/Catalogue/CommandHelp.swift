import LTCOperations

/// The help of a command, in the layout of argument-parser's: what it does,
/// which operation it runs and who may, how it is typed, every argument and
/// option with the values it accepts, and examples.
enum CommandHelp {
    static let width = 80
    private static let column = 26

    static func render(_ shape: CommandShape) -> String {
        let entry = shape.entry
        var sections: [String] = ["OVERVIEW: " + (shape.spelling.abstract ?? entry.summary)]
        let discussion = [entry.discussion, shape.spelling.discussion].filter { !$0.isEmpty }.joined(separator: "\n\n")
        if !discussion.isEmpty { sections.append(discussion) }
        sections.append("Runs the operation \(entry.name) (JSON-RPC method \(entry.name)); allowed to: \(entry.access.summary).")
        if !shape.spelling.examples.isEmpty { sections.append(examples(shape.spelling.examples)) }
        sections.append("USAGE: " + shape.usage)
        if !shape.positionals.isEmpty {
            sections.append("ARGUMENTS:\n" + shape.positionals.map { argument, spec in row("<\(argument.value)>", argument.help ?? spec.summary) }.joined(separator: "\n"))
        }
        var options = shape.options.map { row($0.usage, $0.help) }
        options.append(row("-h, --help", "Show help information."))
        sections.append("OPTIONS:\n" + options.joined(separator: "\n"))
        for variant in shape.spelling.variants {
            guard let entry = OperationCatalogue.shared.entry(named: variant.spelling.operation) else { continue }
            let other = CommandShape(variant.spelling, entry)
            sections.append("WITH --\(variant.flag): runs \(entry.name): \(entry.summary)\n"
                            + other.options.filter { $0.target.isParam }.map { row($0.usage, $0.help) }.joined(separator: "\n"))
        }
        return sections.map { wrap($0) }.joined(separator: "\n\n")
    }

    /// The EXAMPLES section: every command that changes data shows how it is
    /// called. A long example is continued on the next line with a backslash
    /// before one of its options, as a shell takes it.
    static func examples(_ lines: [String]) -> String {
        "EXAMPLES:\n" + lines.map { continued("  " + $0) }.joined(separator: "\n")
    }

    /// `  --reason <reason>       Why the case ends …`, the help wrapped under its column.
    static func row(_ name: String, _ help: String) -> String {
        let lead = "  " + name
        let lines = wrapped(help, width: width - column)
        if lead.count + 2 > column {
            return ([lead] + lines.map { String(repeating: " ", count: column) + $0 }).joined(separator: "\n")
        }
        return ([lead.padding(toLength: column, withPad: " ", startingAt: 0) + (lines.first ?? "")]
                + lines.dropFirst().map { String(repeating: " ", count: column) + $0 }).joined(separator: "\n")
    }

    /// A paragraph's lines wrapped at `width`, keeping lines that are already short (examples, tables).
    static func wrap(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            // Indented lines (examples, tables) and the usage line, which copies as one command, stay whole.
            guard line.count > width, !line.hasPrefix(" "), !line.hasPrefix("USAGE: ") else { return String(line) }
            return wrapped(String(line), width: width).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// An example longer than the line broken before an option, with a backslash.
    private static func continued(_ line: String, width: Int = 76) -> String {
        guard line.count > width else { return line }
        var pieces: [String] = []
        for part in line.components(separatedBy: " --") {
            pieces.append(pieces.isEmpty ? part : "--" + part)
        }
        var lines: [String] = [], current = ""
        for piece in pieces {
            if current.isEmpty {
                current = piece
            } else if current.count + 1 + piece.count + 2 > width {
                lines.append(current + " \\")
                current = "      " + piece
            } else {
                current += " " + piece
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}

extension CommandShape.Option.Target {
    var isParam: Bool {
        if case .param = self { return true }
        return false
    }
}
