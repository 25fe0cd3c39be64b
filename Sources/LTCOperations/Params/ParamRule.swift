/// A rule a param's value is held to beyond its type: which kind of text,
/// which range of whole numbers. Rules go into the schema and the help.
///
/// ```swift
/// @Param("score", "The inspection's score.", .range(0...100)) var score: Int
/// @Param("reason", "Why.", .text(.note)) var reason: String
/// ```
public enum ParamRule: Sendable {
    /// Free text of this kind (each string, in a list).
    case text(TextKind)
    /// A whole number in this range (each number, in a list).
    case range(ClosedRange<Int>)
}
