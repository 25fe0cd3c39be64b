import LTCCore

/// The seed of a random draw (assessors, audits, inspections): a whole
/// number from 0 to 2^64−1, written as digits in a string, since JSON
/// numbers that large lose digits in many readers. A draw keeps its seed,
/// so that giving it again replays the draw.
public struct DrawSeed: ParamValue {
    public let value: UInt64

    public static var schema: JSONSchema { .string(maxLength: 20, pattern: "^[0-9]{1,20}$") }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let seed = UInt64(text) else {
            throw .invalid("'\(text.prefix(40))' is not a whole number from 0 to \(UInt64.max)")
        }
        self.value = seed
    }
}
