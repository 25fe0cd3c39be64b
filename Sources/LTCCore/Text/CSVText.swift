/// Text cells of the CSV ltc writes, after RFC 4180: a cell holding a comma,
/// a double quote or a line break is quoted, its quotes doubled, so that no
/// name can forge a column or a row. A cell that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
/// prefixed with an apostrophe. Numbers are written as they are: `-29.25` is
/// an amount, not a formula.
///
/// ```swift
/// CSVText.cell("静安")            // 静安
/// CSVText.cell("Smith, J.")      // "Smith, J."
/// CSVText.cell("=HYPERLINK(…)")  // '=HYPERLINK(…)
/// ```
public enum CSVText {
    public static func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A member of an operation's JSON result as a cell: a string as text
    /// (quoted and defused as above), a number as written, a flag as
    /// `true`/`false`, null or absent as nothing, an object or a list as its JSON.
    public static func cell(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: cell(text)
        case .integer(let number)?: String(number)
        case .number(let literal)?: literal
        case .bool(let flag)?: flag ? "true" : "false"
        case nil, .null?: ""
        case let other?: cell(JSONWriter.string(other))
        }
    }
}
