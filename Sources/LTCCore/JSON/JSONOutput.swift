/// Writes JSON text straight to bytes, with the commas and indentation placed
/// for you, and without building a ``JSONValue`` tree first.
///
/// ```swift
/// var out = JSONOutput()
/// out.beginObject()
/// out.key("level"); out.value(3)          // literal keys are copied as they are
/// out.key(string: dimension.id)            // keys from data are escaped
/// out.key("label"); out.beginObject()
/// out.key("zh"); out.value("重度失能一级")
/// out.endObject()
/// out.endObject()
/// out.text   // {"level":3,"label":{"zh":"重度失能一级"}}
/// ```
///
/// Results that are answered many times a second (`assessment.score`) write
/// themselves this way: no node is allocated, and keys given as string
/// literals are copied without being scanned for escapes.
public struct JSONOutput: ~Copyable {
    private var buffer: ByteBuffer
    private let indented: Bool
    /// Per open array or object: whether it has an element yet.
    private var hasElement: [Bool] = []
    /// Set after a key: the next value belongs to it and takes no comma.
    private var afterKey = false

    public init(style: JSONWriter.Style = .compact, capacity: Int = 4096) {
        buffer = ByteBuffer(capacity: capacity)
        indented = style == .indented
        hasElement.reserveCapacity(16)
    }

    /// The bytes written so far.
    public var bytes: [UInt8] {
        var array: [UInt8] = []
        array.reserveCapacity(buffer.count)
        buffer.copy(into: &array)
        return array
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A point to come back to with ``rewind(to:)``.
    public struct Mark {
        fileprivate let count: Int
        fileprivate let depth: Int
        fileprivate let hasElement: Bool?
        fileprivate let afterKey: Bool
    }

    public var mark: Mark {
        Mark(count: buffer.count, depth: hasElement.count, hasElement: hasElement.last, afterKey: afterKey)
    }

    /// Drops everything written since `mark`, e.g. a result abandoned for an error.
    public mutating func rewind(to mark: Mark) {
        buffer.truncate(to: mark.count)
        hasElement.removeSubrange(mark.depth...)
        if let last = mark.hasElement { hasElement[hasElement.count - 1] = last }
        afterKey = mark.afterKey
    }

    // MARK: Structure

    public mutating func beginObject() {
        startValue()
        buffer.append(UInt8(ascii: "{"))
        hasElement.append(false)
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        startValue()
        buffer.append(UInt8(ascii: "["))
        hasElement.append(false)
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// A member name given as a literal: written as is, so it must need no
    /// escaping (letters, digits, `.`, `_`, `-`).
    public mutating func key(_ name: StaticString) {
        startElement()
        buffer.append(UInt8(ascii: "\""))
        buffer.append(name)
        buffer.append(UInt8(ascii: "\""))
        colon()
    }

    /// A member name from data, escaped as needed. (A separate label, because
    /// Swift would pick a `String` overload over `StaticString` for literals.)
    public mutating func key(string name: String) {
        startElement()
        JSONWriter.writeString(name, into: &buffer)
        colon()
    }

    // MARK: Values

    public mutating func value(_ number: Int) {
        startValue()
        JSONWriter.writeInteger(number, into: &buffer)
    }

    public mutating func value(_ text: String) {
        startValue()
        JSONWriter.writeString(text, into: &buffer)
    }

    public mutating func value(_ flag: Bool) {
        startValue()
        buffer.append(flag ? "true" : "false")
    }

    public mutating func null() {
        startValue()
        buffer.append("null")
    }

    /// A whole tree.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): self.value(flag)
        case .integer(let number): self.value(number)
        case .number(let literal):
            startValue()
            JSONWriter.writeRaw(literal, into: &buffer)
        case .string(let text): self.value(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(string: member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    // MARK: Commas and indentation

    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else {
            startElement()
        }
    }

    private mutating func startElement() {
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] {
            buffer.append(UInt8(ascii: ","))
        } else {
            hasElement[hasElement.count - 1] = true
        }
        if indented { newline(hasElement.count) }
    }

    private mutating func colon() {
        buffer.append(UInt8(ascii: ":"))
        if indented { buffer.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = hasElement.removeLast()
        if indented && hadElements { newline(hasElement.count) }
        buffer.append(bracket)
    }

    private mutating func newline(_ level: Int) {
        buffer.append(0x0A)
        for _ in 0..<level { buffer.append(UInt8(ascii: " "), UInt8(ascii: " ")) }
    }
}
