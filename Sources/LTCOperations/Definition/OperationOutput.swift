import LTCCore

/// An operation's result: one JSON encoding (what JSON-RPC answers and
/// `--json` prints) and one text rendering (what the command line prints).
///
/// ```swift
/// struct CaseOutput: OperationOutput {
///     let record: Case
///     var json: JSONValue { record.json }
///     var text: String { CaseText.summary(record) }
/// }
/// ```
public protocol OperationOutput: Sendable {
    var json: JSONValue { get }
    /// The result as a person reads it on a terminal.
    var text: String { get }
    /// Writes ``json`` into a response; a result that matters for speed writes itself.
    func encode(into out: inout JSONOutput)
    /// The JSON Schema of ``json``.
    static var schema: JSONSchema { get }
    /// Whether the result reports success: a report of problems (a form
    /// check that found some) is a result, and the command line exits 65.
    var succeeded: Bool { get }
}

extension OperationOutput {
    public var succeeded: Bool { true }

    public func encode(into out: inout JSONOutput) {
        out.value(json)
    }
}
