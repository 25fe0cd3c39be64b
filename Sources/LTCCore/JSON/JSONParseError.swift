/// JSON text that could not be parsed, with where the problem is.
///
/// ```swift
/// do { _ = try JSONParser.parse("{\"a\": 1,}") }
/// catch { print(error) }   // line 1, column 9: expected a member name in double quotes
/// ```
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// The byte offset of the problem from the start of the text.
    public var offset: Int
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column of the problem, counted in characters.
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
