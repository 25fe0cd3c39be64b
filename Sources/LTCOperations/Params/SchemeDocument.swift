import LTCCore
import LTCSchemes

/// A scheme a request names: the document itself (an object in the params,
/// or a file the command line names), or a built-in example's name.
///
/// ```swift
/// @Param("scheme", "The scheme, as in a scheme file, or a built-in example's name.") var scheme: SchemeDocument
/// let scheme = try input.scheme.scheme()
/// ```
public struct SchemeDocument: AttachableParam {
    enum Source: Sendable {
        case text([UInt8], source: String)
        case builtIn(String)
    }

    let source: Source

    public static var schema: JSONSchema {
        .oneOf([JSONSchema.openObject().describing("A scheme file's content (format ltc-scheme/1)."),
                JSONSchema.enumeration(BuiltInSchemes.names).describing("A built-in example scheme's name.")])
    }

    public init(param value: JSONValue) throws(ParamProblems) {
        switch value {
        case .object:
            source = .text(Array(JSONWriter.string(value).utf8), source: "params.scheme")
        case .string(let name):
            guard BuiltInSchemes.names.contains(name) else {
                throw .invalid("'\(name.prefix(64))' is not a built-in scheme; built in: \(BuiltInSchemes.names.joined(separator: ", "))")
            }
            source = .builtIn(name)
        default:
            throw .wrongType(expected: "object", found: value)
        }
    }

    public init(attachment: Attachment) {
        source = .text((try? attachment.bytes()) ?? [], source: attachment.name)
    }

    /// The scheme, validated.
    public func scheme() throws -> Scheme {
        switch source {
        case .text(let bytes, let name):
            return try Scheme.decode(text: bytes, source: name)
        case .builtIn(let name):
            guard let scheme = try BuiltInSchemes.scheme(named: name) else {
                throw InputError(source: "scheme", message: "no built-in scheme named \(name)")
            }
            return scheme
        }
    }
}
