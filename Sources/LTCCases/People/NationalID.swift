import LTCCore

/// A resident identity card number (公民身份号码) checked by GB 11643-1999:
/// 18 characters, 6 address digits, the birth date as YYYYMMDD, 3 sequence
/// digits and a check character computed from the first 17.
///
/// ```swift
/// let id = try NationalID("11010519491231002X")
/// id.birthDate      // 1949-12-31
/// id.masked         // 110105********002X
/// ```
///
/// A lower-case `x` check character is accepted and stored as `X`.
public struct NationalID: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// The weights of the first 17 digits (GB 11643-1999, 5.2).
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder of the weighted sum modulo 11.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    public init(_ text: String) throws(CaseError) {
        let upper = text.uppercased()
        let characters = Array(upper)
        guard characters.count == 18 else {
            throw CaseError(.invalidInput, "national ID \(Self.masked(text)) has \(characters.count) characters; it must have 18")
        }
        guard characters[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }),
              characters[17].isASCII && (characters[17].isNumber || characters[17] == "X") else {
            throw CaseError(.invalidInput, "national ID \(Self.masked(text)) must be 17 digits and a final digit or X")
        }
        let digits = characters[0..<17].map { Int(String($0))! }
        let sum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        let expected = Self.checkCharacters[sum % 11]
        guard characters[17] == expected else {
            // Which character would be right is not said: an error must not help complete someone's number.
            throw CaseError(.invalidInput, "national ID \(Self.masked(text)) fails its check digit")
        }
        let birth = String(characters[6..<14])
        guard let date = CalendarDate("\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))") else {
            throw CaseError(.invalidInput, "national ID \(Self.masked(text)) holds no real birth date")
        }
        _ = date
        value = upper
    }

    /// The number made of 17 digits and the check character they call for,
    /// for synthetic people (demonstrations, benchmarks).
    ///
    /// ```swift
    /// try NationalID(completing: "11010519491231002").value   // "11010519491231002X"
    /// ```
    public init(completing first17: String) throws(CaseError) {
        let digits = first17.compactMap(\.wholeNumberValue)
        guard first17.count == 17, digits.count == 17 else {
            throw CaseError(.invalidInput, "'\(first17)' is not 17 digits")
        }
        let sum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        try self.init(first17 + String(Self.checkCharacters[sum % 11]))
    }

    /// The birth date held in characters 7–14.
    public var birthDate: CalendarDate {
        let characters = Array(value)
        return CalendarDate(year: Int(String(characters[6..<10]))!, month: Int(String(characters[10..<12]))!,
                            day: Int(String(characters[12..<14]))!)!
    }

    /// The first 6 and the last 4 characters shown, the rest as `*`.
    public var masked: String { Self.masked(value) }

    /// Any text given as a national ID, masked the same way (the region and
    /// the last four kept), for messages: what was typed is never echoed whole.
    public static func masked(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(6)) + String(repeating: "*", count: characters.count - 10) + String(characters.suffix(4))
    }

    public var description: String { value }
}
