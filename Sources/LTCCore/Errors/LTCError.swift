/// An error that ltc reports both to a person and to another system.
///
/// `description` is the one line a person reads; ``kind`` is a stable name a
/// program can branch on; ``details`` carries the structured facts (every
/// invalid answer, every problem in a file) and becomes the `data` of a
/// JSON-RPC error.
///
/// ```swift
/// struct FormNotFound: LTCError {
///     var formID: String
///     var kind: String { "formNotFound" }
///     var details: JSONObject { ["form": .string(formID)] }
///     var description: String { "no form with id '\(formID)'" }
/// }
/// ```
public protocol LTCError: Error, Sendable, CustomStringConvertible {
    /// A stable camel-case name for the kind of problem, e.g. `invalidAnswers`.
    var kind: String { get }
    /// Structured details for programs.
    var details: JSONObject { get }
}
