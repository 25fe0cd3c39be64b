import LTCCases
import LTCCore

/// The bytes of a piece of evidence a request brings: base64 inside the
/// params (JSON-RPC), the body of an upload (HTTP), or the file the command
/// line's `--file` names (an administrator's or an assessor's, a regular
/// file only). Never a path the server reads.
///
/// ```swift
/// @Param("file", "The evidence.") var file: EvidenceFile
/// try vault.keep(input.file.content, source: input.file.name)
/// ```
public struct EvidenceFile: AttachableParam {
    public let content: EvidenceContent
    /// Where it came from, for a default name: the file's name, or `evidence`.
    public let name: String

    /// The most bytes evidence sent inside the params holds: 8 MiB, which is
    /// 11.2 million characters of base64, inside a 16 MiB request line. A
    /// larger file (a video) is uploaded over HTTP or named on the command line.
    public static let largestInParams = 8 << 20

    public static var schema: JSONSchema {
        .string(minLength: 4, maxLength: (largestInParams + 2) / 3 * 4, pattern: "^[A-Za-z0-9+/]*={0,2}$")
            .describing("The bytes in base64 (RFC 4648, padded), at most 8 MiB.")
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard let text = value.stringValue else { throw .wrongType(expected: "string", found: value) }
        guard text.utf8.count <= (Self.largestInParams + 2) / 3 * 4 else {
            throw .invalid("evidence inside the params is at most \(Self.largestInParams >> 20) MiB; upload a larger file over HTTP (POST /cases/{id}/evidence)")
        }
        guard let bytes = Base64.decode(text) else { throw .invalid("is not base64 (RFC 4648, padded)") }
        guard !bytes.isEmpty else { throw .invalid("is empty") }
        content = .bytes(bytes)
        name = "evidence"
    }

    public init(attachment: Attachment) {
        switch attachment.source {
        case .bytes(let bytes): content = .bytes(bytes)
        case .descriptor(let descriptor): content = .descriptor(descriptor)
        }
        name = String(attachment.name.split(separator: "/").last ?? "evidence")
    }
}
