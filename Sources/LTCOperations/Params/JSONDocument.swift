import LTCCore

/// A document a request carries, as JSON inside the params or as a file the
/// command line names: a form file, a scheme file, an institution. A file is
/// read as it is, so a file that is not JSON is reported with its line.
///
/// ```swift
/// @Param("form", "The form, as in a form file.") var form: JSONDocument
/// AssessmentForm.check(text: input.form.bytes, source: input.form.source)
/// ```
public struct JSONDocument: AttachableParam {
    /// The document's text.
    public let bytes: [UInt8]
    /// Where it came from: a file's path, or the param's name.
    public let source: String

    public static var schema: JSONSchema { .openObject() }

    public init(param value: JSONValue) throws(ParamProblems) {
        guard value.objectValue != nil else { throw .wrongType(expected: "object", found: value) }
        bytes = Array(JSONWriter.string(value).utf8)
        source = "params"
    }

    public init(attachment: Attachment) {
        // A file that cannot be read is reported where it is parsed, as empty input.
        bytes = (try? attachment.bytes()) ?? []
        source = attachment.name
    }

    /// The document parsed; an error naming its source if it is not JSON.
    public func json() throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw InputError(source: source, message: "not valid JSON: \(error)")
        }
    }
}
