import LTCCore

/// A type a param can hold: how it reads from a request's JSON, and its
/// JSON Schema, which carries its allowed values, ranges and lengths into
/// `rpc.describe`, the OpenRPC document and the command line's help.
///
/// The command line turns each argument into the JSON the type reads, so a
/// value is decoded by this one function whichever way it came.
///
/// ```swift
/// extension CalendarDate: ParamValue {
///     public static var schema: JSONSchema { .string(format: "date") }
///     public init(param value: JSONValue) throws(ParamProblems) { … }
/// }
/// ```
public protocol ParamValue: Sendable {
    /// The JSON Schema of the value.
    static var schema: JSONSchema { get }

    /// Reads the value; throws every problem, each with its path inside the
    /// value (empty for the value itself).
    init(param value: JSONValue) throws(ParamProblems)

    /// What the param holds when a request leaves it out; `nil`: it is required.
    static var whenAbsent: Self? { get }

    /// Whether the value is free text held to a ``TextKind`` (a `String`, or
    /// the strings of an array or an optional).
    static var textual: Bool { get }
}

extension ParamValue {
    public static var whenAbsent: Self? { nil }
    public static var textual: Bool { false }
}
