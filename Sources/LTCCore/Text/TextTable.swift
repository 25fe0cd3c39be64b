extension String {
    /// Columns the text takes on a terminal: East Asian wide and full-width
    /// characters (Chinese among them) take two, others one.
    public var displayWidth: Int {
        unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                return width
            default:
                return width + 1
            }
        }
    }

    /// The text padded with spaces to `width` terminal columns.
    public func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - displayWidth))
    }
}

/// Rows of cells printed in aligned columns, two spaces apart.
public struct TextTable: Sendable {
    public var rows: [[String]] = []
    /// Columns whose cells line up on the right, as numbers do.
    public var rightAligned: Set<Int> = []

    public init(rightAligned: Set<Int> = []) {
        self.rightAligned = rightAligned
    }

    /// Adds a row; a control character in a cell (a newline, a terminal
    /// escape kept from before names were checked) is shown as `?`, so that
    /// no stored text can forge a row or colour the terminal.
    public mutating func append(_ row: [String]) {
        rows.append(row.map { cell in
            guard cell.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return cell }
            return String(String.UnicodeScalarView(cell.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        })
    }

    /// Two header rows: the columns' names in English, then in Chinese.
    public mutating func header(_ columns: [(english: String, chinese: String)]) {
        append(columns.map(\.english))
        append(columns.map(\.chinese))
    }

    public func rendered(indent: String = "") -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].displayWidth : 0 }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { index, cell in
                rightAligned.contains(index) ? String(repeating: " ", count: widths[index] - cell.displayWidth) + cell
                    : index == row.count - 1 ? cell : cell.padded(to: widths[index])
            }
            let line = indent + cells.joined(separator: "  ")
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }
}
