/// Input that ltc cannot use: an unreadable file, text that is not JSON, a
/// document of the wrong shape. It names where the input came from.
///
/// ```swift
/// throw InputError(source: "answers.json", message: "line 3, column 5: expected ',' or '}' in an object")
/// ```
public struct InputError: LTCError, Equatable {
    /// The file name, `-` or `stdin`, or the parameter the input came from.
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var kind: String { "invalidInput" }

    public var details: JSONObject { ["source": .string(source), "message": .string(message)] }

    public var description: String { "\(source): \(message)" }
}
