import LTCCore

/// A value bound to, or read from, an SQL statement.
public enum SQLValue: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByNilLiteral
{
    case null
    case integer(Int)
    case text(String)
    case blob([UInt8])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }

    public init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    public init(_ number: Int?) { self = number.map { .integer($0) } ?? .null }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .text(let text): "'\(text)'"
        case .blob(let bytes): "x'<\(bytes.count) bytes>'"
        }
    }
}

extension SQLValue {
    /// Numbers as one JSON array argument, for `IN (\(dialect.integers))`:
    /// one statement whatever the list's length.
    static func list(_ numbers: some Sequence<Int>) -> SQLValue {
        .text("[" + numbers.map(String.init).joined(separator: ",") + "]")
    }

    /// Texts as one JSON array argument, for `IN (\(dialect.texts))`.
    static func list(_ texts: some Sequence<String>) -> SQLValue {
        .text(JSONWriter.string(.array(texts.map { .string($0) })))
    }
}
