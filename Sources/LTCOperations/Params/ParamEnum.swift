import LTCCore

/// A param that is one of a fixed set of words: its allowed values go into
/// the schema, the command line's help and the error that refuses another.
///
/// ```swift
/// extension CaseService.TerminationReason: ParamEnum {}
/// // 'dead' is not accepted; use death, left, recovery or withdrawn
/// ```
public protocol ParamEnum: ParamValue, CaseIterable, RawRepresentable where RawValue == String {}

extension ParamEnum {
    public static var schema: JSONSchema { .enumeration(allCases.map(\.rawValue)) }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard let known = Self(rawValue: text) else {
            throw .invalid("'\(text.prefix(40))' is not accepted; use \(Self.acceptedValues)")
        }
        self = known
    }

    /// The values in words: `death, left, recovery or withdrawn`.
    public static var acceptedValues: String {
        let values = allCases.map(\.rawValue)
        guard values.count > 1 else { return values.joined() }
        return values.dropLast().joined(separator: ", ") + " or " + values.last!
    }
}
