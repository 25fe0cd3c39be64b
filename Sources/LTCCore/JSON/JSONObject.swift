/// A JSON object whose members keep the order in which they were written or added.
///
/// Member names are unique: the parser refuses a repeated name, and
/// ``set(_:_:)`` replaces a member in place.
///
/// ```swift
/// var grade: JSONObject = ["level": 3]
/// grade.set("label", ["zh": "重度失能一级", "en": "severe disability I"])
/// grade.keys   // ["level", "label"]
/// ```
public struct JSONObject: Sendable, Equatable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init() { members = [] }

    /// Members as given; the caller guarantees the names are unique.
    public init(_ members: [Member]) { self.members = members }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> Member { members[position] }

    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// Sets the member named `key`, replacing its value in place if it exists or appending it.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(Member(key: key, value: value))
        }
    }

    /// Removes the member named `key`, if there is one.
    public mutating func remove(_ key: String) {
        members.removeAll { $0.key == key }
    }

    /// Appends a member the caller knows to be new (the parser's and encoders' fast path).
    mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    public func contains(key: String) -> Bool {
        members.contains { $0.key == key }
    }
}
