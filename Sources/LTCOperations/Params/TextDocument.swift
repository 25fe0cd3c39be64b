import LTCCore

/// Text a request carries: a string in the params, or a file the command
/// line names (an upload, over HTTP), read as it is.
///
/// ```swift
/// @Param("people", "JSON Lines.") var people: TextDocument
/// let text = String(decoding: try input.people.bytes(), as: UTF8.self)
/// ```
public struct TextDocument: AttachableParam {
    let content: Attachment
    /// Where it came from: a file's path, or `params`.
    public var source: String { content.name }
    /// Told how much has been read, where the caller shows progress.
    public var progress: (@Sendable (Int, Int) -> Void)? { content.progress }

    /// The most characters a document sent inside the params holds (a request line is at most 16 MiB).
    public static let maxLength = 16 << 20

    public static var schema: JSONSchema { .string(maxLength: maxLength) }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        content = Attachment(.bytes(Array(text.utf8)), name: "params", size: text.utf8.count)
    }

    public init(attachment: Attachment) {
        content = attachment
    }

    /// The whole text.
    public func bytes() throws -> [UInt8] { try content.bytes() }

    /// The text as an attachment, for a reader that takes it a block at a time.
    public var attachment: Attachment { content }
}
