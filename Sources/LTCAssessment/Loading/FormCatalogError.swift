import LTCCore

/// One or more form files that could not be loaded; nothing is loaded until all are right.
public struct FormCatalogError: LTCError, Equatable {
    public var files: [FormFileError]

    public var kind: String { "invalidFormFile" }

    public var details: JSONObject {
        ["files": .array(files.map { .object($0.details) })]
    }

    public var description: String {
        files.map(\.description).joined(separator: "\n")
    }
}
