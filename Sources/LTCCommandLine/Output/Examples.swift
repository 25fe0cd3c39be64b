/// The EXAMPLES section of a command's help: every command that changes data
/// shows how it is called (a test holds each to it). A long example is
/// continued on the next line with a backslash before one of its options, as
/// a shell takes it, so that help text wrapped at 80 columns still copies.
///
/// ```swift
/// CommandConfiguration(commandName: "open", abstract: "…", discussion: examples("ltc case open --person 1 …"))
/// ```
func examples(_ lines: String...) -> String {
    "EXAMPLES:\n" + lines.map { wrapped("  " + $0) }.joined(separator: "\n")
}

private func wrapped(_ line: String, width: Int = 76) -> String {
    guard line.count > width else { return line }
    // Break before an option: the pieces are the command and each option with its value.
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
