/// One table of CSV: a header and rows whose cells are text (quoted and
/// neutralized as ``CSVText/cell(_:)`` says) or numbers (written as they
/// are, unquoted, so that a spreadsheet reads them as numbers: `7.69`, not
/// `"7.69 %"`). One table per file: spreadsheets read one header.
///
/// ```swift
/// var table = CSVTable(header: ["grade", "logs", "fund"])
/// table.append([.number("3"), .number("120"), .number("7800.00")])
/// table.text(bom: false)   // "grade,logs,fund\n3,120,7800.00\n"
/// ```
public struct CSVTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(String)
    }

    public var header: [String]
    public var rows: [[Cell]] = []

    public init(header: [String]) {
        self.header = header
    }

    public mutating func append(_ row: [Cell]) {
        rows.append(row)
    }

    /// The table as CSV, lines ending in `\n`; with `bom`, a UTF-8 byte-order
    /// mark first, for spreadsheet programs that read UTF-8 only after one.
    public func text(bom: Bool = false) -> String {
        var lines = [header.map(CSVText.cell).joined(separator: ",")]
        for row in rows {
            lines.append(row.map { cell in
                switch cell {
                case .text(let text): CSVText.cell(text)
                case .number(let number): number
                }
            }.joined(separator: ","))
        }
        return (bom ? "\u{FEFF}" : "") + lines.joined(separator: "\n") + "\n"
    }
}
